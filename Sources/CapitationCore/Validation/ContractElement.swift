/// A place in a contract that a rule can point at, by position in the contract's lists.
///
/// Rules point at elements by position rather than by id, so that two parties with the same id can
/// both be shown. A loader that knows where each element came from (a file, a line) turns these into
/// source locations.
public enum ContractElement: Hashable, Sendable {
    case contract
    case period
    case term
    case party(Int)
    case population
    case postcodeRange(Int)
    case riskModel(Int)
    case riskCell(model: Int, cell: Int)
    case riskMarker(model: Int, marker: Int)
    case riskInteraction(model: Int, interaction: Int)
    case normalisation(model: Int)
    case growthCap(model: Int)
    case msrTable(Int)
    case msrBand(table: Int, band: Int)
    case regime(Int)
    case perCapita(regime: Int)
    case scope(regime: Int)
    case scopeEntry(regime: Int, entry: Int)
    case trend(regime: Int, trend: Int)
    case discount(regime: Int)
    case trendAdjustment(regime: Int)
    case trendCorridor(regime: Int, corridor: Int)
    case trendActual(regime: Int, actual: Int)
    case lumpSum(Int)
    case truncation
    case runOut
    case quality
    case indicator(Int)
    case settlement
    case minimumSavingsRate
    case minimumLossRate
    case sharingRate
    case savingsCap
    case lossSharingRate
    case lossCap
    case paymentReduction
    case corridorBand(Int)
    case distribution
    case financierShare(Int)
    case recipient(Int)
    case recipientMember(recipient: Int, member: Int)
    case transfer(Int)
}

/// A rule of the contract that a contract breaks, with where and why.
public struct ContractViolation: Hashable, Sendable, CustomStringConvertible {
    /// Whether the contract cannot be used (`error`) or is suspicious (`warning`).
    public var severity: Diagnostic.Severity
    /// The element that breaks the rule.
    public var element: ContractElement
    /// The attribute at fault, if one is, by its name in the contract format (`weight`, `percent`).
    public var attribute: String?
    /// What is wrong, in a sentence the contract's author can act on.
    public var message: String
    /// A warning's kind and figures; `nil` for an error.
    public var warning: ContractWarning?
    /// Other elements involved, such as the first of two duplicates, with a note on each.
    public var related: [Related]

    /// An error: a rule of `element` broken, in `message`.
    ///
    /// A warning is made from its kind (``init(_:at:attribute:)``), so that a settlement can record it.
    public init(
        errorAt element: ContractElement,
        attribute: String? = nil,
        _ message: String,
        related: [Related] = []
    ) {
        self.severity = .error
        self.element = element
        self.attribute = attribute
        self.message = message
        self.related = related
    }

    /// A warning about `element`, its message said by `warning`.
    public init(_ warning: ContractWarning, at element: ContractElement, attribute: String? = nil) {
        self.severity = .warning
        self.element = element
        self.attribute = attribute
        self.message = warning.message
        self.related = []
        self.warning = warning
    }

    /// Another element involved in a violation.
    public struct Related: Hashable, Sendable {
        public var element: ContractElement
        public var note: String

        public init(_ element: ContractElement, _ note: String) {
            self.element = element
            self.note = note
        }
    }

    public var description: String {
        "\(severity): \(attribute.map { "attribute '\($0)': " } ?? "")\(message)"
    }
}
