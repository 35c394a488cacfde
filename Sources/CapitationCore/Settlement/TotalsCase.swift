/// One case of pre-aggregated results to settle under a contract's rules: the population's size, its
/// budget (benchmark) and expenditure, and its quality score, in total and optionally per regime.
///
/// This is how a financier replays a past result under other rules, or checks the arithmetic of a
/// published case (for example an MSSP reconciliation), without member-level data.
public struct TotalsCase: Hashable, Sendable {
    /// The case's identifier, as given.
    public var id: String
    /// The number of people, which a minimum savings rate table looks up.
    public var people: Int
    /// The person-years of exposure, when known; per-capita figures use it.
    public var personYears: ExactDecimal?
    /// The budget (benchmark), over all regimes.
    public var budget: Cents
    /// The expenditure, over all regimes.
    public var expenditure: Cents
    /// The quality score from 0 to 1, when the sharing rate depends on it.
    public var qualityScore: ExactDecimal?
    /// Whether the quality gates passed; `nil` to decide by the contract's minimum score alone.
    public var qualityGatePassed: Bool?
    /// Budget and expenditure per regime, when given; they sum to the totals.
    public var regimes: [RegimeTotals]
    /// The line of the case in its file, for messages.
    public var line: Int

    public init(
        id: String,
        people: Int,
        personYears: ExactDecimal? = nil,
        budget: Cents,
        expenditure: Cents,
        qualityScore: ExactDecimal? = nil,
        qualityGatePassed: Bool? = nil,
        regimes: [RegimeTotals] = [],
        line: Int = 0
    ) {
        self.id = id
        self.people = people
        self.personYears = personYears
        self.budget = budget
        self.expenditure = expenditure
        self.qualityScore = qualityScore
        self.qualityGatePassed = qualityGatePassed
        self.regimes = regimes
        self.line = line
    }
}

/// The budget and expenditure of one regime in a ``TotalsCase``.
public struct RegimeTotals: Hashable, Sendable {
    public var regime: Regime
    public var budget: Cents
    public var expenditure: Cents

    public init(regime: Regime, budget: Cents, expenditure: Cents) {
        self.regime = regime
        self.budget = budget
        self.expenditure = expenditure
    }
}

/// The settlement of one ``TotalsCase``: the savings, the thresholds, the quality, what is shared and,
/// when the financiers can be told apart, each party's position.
public struct TotalsSettlement: Sendable {
    public var totalsCase: TotalsCase
    public var totals: Totals
    /// Per regime, when the case gives them or the contract has one regime.
    public var regimes: [RegimeResult]
    public var minimumSavingsRate: ThresholdResult?
    public var minimumLossRate: ThresholdResult?
    public var quality: QualityResult?
    public var sharing: SharingResult
    /// Savings ÷ person-years, rounded once with the contract's rule; `nil` without person-years.
    public var savingsPerPersonYear: Cents?
    /// Each party's position, when the payout can be divided among them; empty otherwise.
    public var parties: [PartyPosition]
    public var transfers: [TransferLine]
    /// Why the parties' positions are missing, when they are.
    public var note: String?
    public var steps: [SettlementStep]
}
