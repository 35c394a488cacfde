/// Something a settlement went on despite, that its reader must know: what it is, with its figures, and
/// where in the inputs it comes from.
///
/// A settlement records its warnings as data so that each report can say them in its own language;
/// ``description`` says them in English, as the command line prints them.
public struct SettlementWarning: Hashable, Sendable, CustomStringConvertible {
    /// What it is, with its figures.
    public var kind: Kind
    /// Where in the inputs it comes from, when it comes from one place: a contract's element, a claim file.
    public var location: SourceLocation?

    public init(_ kind: Kind, at location: SourceLocation? = nil) {
        self.kind = kind
        self.location = location
    }

    /// What a settlement warns about.
    public enum Kind: Hashable, Sendable {
        /// A warning about the contract, on its element (`lossCap`) and attribute, when one is at fault.
        case contract(ContractWarning, element: String?, attribute: String?)
        /// Claim lines of a file that cannot be read, too few to refuse the file, which count in no regime;
        /// `first` is the first of them, `line N: reason`, and `listedIn` where the others are.
        case unreadableLines(unreadable: Int, of: Int, first: String?, listedIn: UnreadableLinesListing)
        /// What a claim file holds beyond its records, that was read past.
        case claimFile(ClaimFileNote)
        /// A growth cap that cannot apply: the risk model has no baseline mean score.
        case growthCapWithoutBaseline(model: RiskModelID)
        /// A growth limit beyond the demographic part that cannot apply: no baseline demographic mean score.
        case demographicLimitWithoutBaseline(model: RiskModelID)
        /// A retrospective trend adjustment without the actual trend of the year yet: the forecast stands.
        case trendAdjustmentWithoutActual(regime: Regime, year: Int)
        /// The population's spending in a regime the contract does not cover (possible cost shifting).
        case spendingOutsideContract(regime: Regime, amount: Cents)
        /// Accepted claim lines that do not say when they were received, counted as received by the cut-off.
        case undatedLinesCounted(lines: Int, amount: Cents, stage: SettlementStage, cutOff: CalendarDate)
        /// Months of a regime of which nothing had been received by the cut-off, so that the chain-ladder
        /// estimates nothing still to come for them; months as `YYYY-MM`.
        case nothingReceivedYet(regime: Regime, months: [String], cutOff: CalendarDate)
        /// Accepted claim lines of the baseline years that do not say when they were received, left out of
        /// the development factors.
        case undatedBaselineLines(regime: Regime, lines: Int, amount: Cents)
        /// An indicator without observations, settled by `rule`; `excludedEvents` of its events lie outside
        /// the population or the period.
        case indicatorUnobserved(indicator: IndicatorID, rule: UnobservedIndicatorRule, excludedEvents: Int)
        /// An indicator settled on a declaration that it had no events.
        case indicatorDeclaredWithoutEvents(indicator: IndicatorID)
        /// A reason the quality gate fails.
        case qualityGate(GateFailure)
        /// The probability that the result is chance cannot be computed.
        case chanceNotComputed(ChanceError.Reason)
    }

    /// The warning's code, as a settlement records it: `unreadable-lines`, or the contract warning's own.
    public var code: String {
        switch kind {
        case .contract(let warning, _, _): "contract." + warning.code
        case .unreadableLines: "unreadable-lines"
        case .claimFile(let note): "claim-file." + note.code
        case .growthCapWithoutBaseline: "growth-cap-without-baseline"
        case .demographicLimitWithoutBaseline: "demographic-limit-without-baseline"
        case .trendAdjustmentWithoutActual: "trend-adjustment-without-actual"
        case .spendingOutsideContract: "spending-outside-contract"
        case .undatedLinesCounted: "undated-lines-counted"
        case .nothingReceivedYet: "nothing-received-yet"
        case .undatedBaselineLines: "undated-baseline-lines"
        case .indicatorUnobserved: "indicator-unobserved"
        case .indicatorDeclaredWithoutEvents: "indicator-declared-without-events"
        case .qualityGate(let failure): "quality-gate." + failure.code
        case .chanceNotComputed(let reason): "chance-not-computed." + reason.code
        }
    }

    /// The warning in English, after its place: `contract.xml:12:5: <settlement>: shared losses are not capped…`.
    public var description: String {
        (location.map { "\($0): " } ?? "") + message
    }

    /// The warning in English, without its place.
    public var message: String {
        switch kind {
        case .contract(let warning, let element, let attribute):
            (element.map { "<\($0)>" + (attribute.map { " attribute '\($0)'" } ?? "") + ": " } ?? "")
                + warning.message
        case .unreadableLines(let unreadable, let lines, let first, let listedIn):
            "\(unreadable) of its \(lines) claim line\(lines == 1 ? "" : "s") "
                + "cannot be read and count\(unreadable == 1 ? "s" : "") in no regime (\(listedIn.words))"
                + (first.map { (unreadable == 1 ? ": " : ", the first: ") + $0 } ?? "")
        case .claimFile(let note):
            note.message
        case .growthCapWithoutBaseline(let model):
            "risk model '\(model)' has a growth cap but no baseline mean score, so the cap cannot apply"
        case .demographicLimitWithoutBaseline(let model):
            "risk model '\(model)' caps growth beyond the demographic part but has no baseline "
                + "demographic mean score, so that limit cannot apply"
        case .trendAdjustmentWithoutActual(let regime, let year):
            "the \(regime) has a retrospective trend adjustment without an actual trend for \(year) "
                + "yet, so its budget keeps the forecast trend"
        case .spendingOutsideContract(let regime, let amount):
            "the population spent \(amount) in the \(regime), which the contract does not cover (possible cost shifting)"
        case .undatedLinesCounted(let lines, let amount, let stage, let cutOff):
            "\(lines) accepted claim line\(lines == 1 ? " does" : "s do") not say when "
                + "\(lines == 1 ? "it was" : "they were") received (\(amount.formattedEuros)); the \(stage.rawValue) "
                + "settlement counts \(lines == 1 ? "it" : "them") as received by the cut-off \(cutOff)"
        case .nothingReceivedYet(let regime, let months, let cutOff):
            "nothing of the \(regime) claims of \(months.joined(separator: ", ")) had been received by \(cutOff), "
                + "though the baseline years' claims of such months were not all in by then; the chain-ladder "
                + "estimates nothing still to come for \(months.count == 1 ? "it" : "them")"
        case .undatedBaselineLines(let regime, let lines, let amount):
            "\(lines) accepted \(regime) claim lines of the baseline years do not say when "
                + "they were received (\(amount.formattedEuros)); the factors leave them out"
        case .indicatorUnobserved(let indicator, let rule, let excluded):
            "indicator '\(indicator)' has no observations"
                + (excluded == 0
                    ? ""
                    : excluded == 1
                        ? " (its one event lies outside the population or the period)"
                        : " (all of its \(excluded) events lie outside the population or the period)")
                + Self.consequence(of: rule)
        case .indicatorDeclaredWithoutEvents(let indicator):
            "indicator '\(indicator)' is settled on a declaration that it had no events: 0 per 1,000 person-years"
        case .qualityGate(let failure):
            "quality gate: \(failure.message)"
        case .chanceNotComputed(let reason):
            "the probability that the result is chance cannot be computed: \(reason.message)"
        }
    }
}

extension SettlementWarning {
    /// What became of an unobserved indicator under `rule`, in English, after its name.
    fileprivate static func consequence(of rule: UnobservedIndicatorRule) -> String {
        switch rule {
        case .refuse:
            "; the quality score changes no payment under this contract, so it is left out of the score instead of refusing the settlement"
        case .zeroPoints: " and earns zero points, as the contract says (whenUnobserved=\"zero-points\")"
        case .leaveOut: " and is left out of the score, as the contract says (whenUnobserved=\"leave-out\")"
        }
    }
}

/// Where the unreadable claim lines that a warning counts are listed.
public enum UnreadableLinesListing: String, CaseIterable, Hashable, Sendable {
    /// In the settlement's `rejected-claims.csv`.
    case rejectedClaimsFile = "rejected-claims-file"
    /// In the `rejected-claims.csv` that `capitation settle` writes, for a year that is only measured.
    case settleCommand = "settle-command"

    /// Where, in English.
    public var words: String {
        switch self {
        case .rejectedClaimsFile: "see rejected-claims.csv"
        case .settleCommand: "capitation settle lists them in rejected-claims.csv"
        }
    }
}

/// What a claim file holds beyond its records that was read past, to be said.
public enum ClaimFileNote: Hashable, Sendable {
    /// Empty lines after an AW319 file's trailer record 99.
    case emptyLinesAfterTrailer(count: Int)
    /// A WMO323 declaration without its WMO325 answer among the claim files: its services count as declared.
    case declarationWithoutAnswer(declaration: String, messageDate: String)

    /// The note's code, as a settlement records it.
    public var code: String {
        switch self {
        case .emptyLinesAfterTrailer: "empty-lines-after-trailer"
        case .declarationWithoutAnswer: "declaration-without-answer"
        }
    }

    /// The note in English.
    public var message: String {
        switch self {
        case .emptyLinesAfterTrailer(let count):
            "\(count) empty line\(count == 1 ? "" : "s") after the trailer record 99, which hold\(count == 1 ? "s" : "") "
                + "no record and \(count == 1 ? "is" : "are") ignored"
        case .declarationWithoutAnswer(let declaration, let date):
            "no WMO325 answer to declaration \(declaration) of \(date) is among the claim files, so its services count as declared"
        }
    }
}
