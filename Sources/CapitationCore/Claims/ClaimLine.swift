/// One line of a claim file, normalised from whichever format it came in.
///
/// Every format (the project's CSV, Vektis AW319, iWmo WMO323) becomes this: who received the care, under
/// which regime, from whom, what, when, and for how much, with the line's own reference and, for a
/// credit, the reference of the line it corrects.
public struct ClaimLine: Hashable, Sendable {
    /// The line's own reference, unique per member, regime and provider.
    public var claimID: String
    /// The member who received the care.
    public var member: MemberID
    /// The regime the claim is made under.
    public var regime: Regime
    /// The party that pays the claim, as written in the claim (a party id, UZOVI number or municipality code).
    public var payer: String
    /// The provider, as written in the claim (a party id or AGB code).
    public var provider: String
    /// The category of care.
    public var category: CategoryCode
    /// The product (service) code.
    public var product: ProductCode
    /// The days the service covers, both included.
    public var service: DatePeriod
    /// The amount, zero or more; ``side`` says whether it is charged or credited.
    public var amount: Cents
    /// Whether the line charges (debit) or corrects (credit) an amount.
    public var side: Side
    /// For a credit: the reference of the line it corrects.
    public var corrects: String?
    /// Where the line came from.
    public var source: LineSource

    public init(
        claimID: String,
        member: MemberID,
        regime: Regime,
        payer: String,
        provider: String,
        category: CategoryCode,
        product: ProductCode,
        service: DatePeriod,
        amount: Cents,
        side: Side,
        corrects: String? = nil,
        source: LineSource
    ) {
        self.claimID = claimID
        self.member = member
        self.regime = regime
        self.payer = payer
        self.provider = provider
        self.category = category
        self.product = product
        self.service = service
        self.amount = amount
        self.side = side
        self.corrects = corrects
        self.source = source
    }

    /// Debit or credit.
    public enum Side: String, Hashable, Sendable, CaseIterable {
        /// Charges the amount.
        case debit = "D"
        /// Takes back (part of) the amount of the line it corrects.
        case credit = "C"
    }

    /// The amount with its sign: positive for a debit, negative for a credit.
    public var signedAmount: Cents {
        side == .debit ? amount : Cents(-amount.rawValue)
    }
}

/// Where an input line came from: the file (by its position in the settlement's list of inputs) and the
/// 1-based line number.
public struct LineSource: Hashable, Comparable, Sendable {
    /// The position of the file in the list of input files.
    public var file: Int
    /// The line in the file, from 1.
    public var line: Int

    public init(file: Int, line: Int) {
        self.file = file
        self.line = line
    }

    public static func < (lhs: LineSource, rhs: LineSource) -> Bool {
        (lhs.file, lhs.line) < (rhs.file, rhs.line)
    }
}
