/// A fixed amount that one party pays another next to the per-capita budget, such as availability funding
/// for night care that cannot be paid per person.
///
/// The amount counts toward the budget of the payer's regime.
public struct LumpSum: Hashable, Sendable {
    /// The financier who pays.
    public var payer: PartyID
    /// The party that receives.
    public var payee: PartyID
    /// The amount for the whole period.
    public var amount: Cents
    /// What the amount is for.
    public var label: String

    public init(payer: PartyID, payee: PartyID, amount: Cents, label: String) {
        self.payer = payer
        self.payee = payee
        self.amount = amount
        self.label = label
    }
}

/// The cap on each member's annual cost, so that a few very expensive members do not decide the result.
public enum Truncation: Hashable, Sendable {
    /// Costs above this amount per member per year are not counted.
    case perMemberAnnual(Cents)
    /// Costs above this percentile of the population's annual costs per member are not counted (MSSP: 99).
    case percentile(Percentage)
}

/// How claims are matched to the performance period.
public struct ReconciliationRules: Hashable, Sendable {
    /// How a claim whose service period straddles a boundary of the performance period is counted.
    public var straddling: StraddlingRule
    /// The most of a claim file's lines that may be unreadable before the settlement is refused as
    /// incomplete (see ``ClaimCompleteness``); a single unreadable line refuses a file by itself only at 0 %; unreadable lines that refuse nothing are warned about.
    public var invalidLinesPercent: Percentage

    /// The default of ``invalidLinesPercent``: 5 %.
    public static let defaultInvalidLinesPercent = Percentage(5)
    /// Whether a claim counts only when paid by its regime's financier of the contract.
    ///
    /// The financier is named by its party id, UZOVI number or municipality code. A contract always checks;
    /// a comparison population, paid for by its own region's municipality and care office, does not.
    public var checksPayer = true
    /// How long after the period claims are taken in, when the contract settles provisionally and then
    /// finally; `nil` when it settles once, on every line there is.
    public var runOut: RunOut?
    /// The last day a line may be received to count, for a settlement of one stage of ``runOut`` (see
    /// ``Contract/staged(_:)``); `nil` counts every line whenever it was received.
    public var cutOff: CalendarDate?
    /// The stage of ``runOut`` settled (see ``Contract/staged(_:)``); `nil` before one is chosen.
    public var stage: SettlementStage?

    public init(
        straddling: StraddlingRule = .byStartDate,
        invalidLinesPercent: Percentage = defaultInvalidLinesPercent,
        runOut: RunOut? = nil
    ) {
        self.straddling = straddling
        self.invalidLinesPercent = invalidLinesPercent
        self.runOut = runOut
    }
}

/// How a claim that straddles the performance period's start or end is counted.
public enum StraddlingRule: String, CaseIterable, Hashable, Sendable {
    /// Wholly in the period when its service starts in the period, wholly outside otherwise.
    case byStartDate = "by-start-date"
    /// The share of its days that lie in the period, rounded once with the contract's rule.
    case proRataDays = "pro-rata-days"
}
