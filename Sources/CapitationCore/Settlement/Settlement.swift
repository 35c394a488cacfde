/// The result of settling a contract: every figure, with the steps that produced it.
///
/// A settlement is a value; `SettlementReports` writes it as `settlement.json` and renders its reports. Amounts are cents; rates
/// and scores are exact decimals, rounded once, half-even, to ``Settlement/rateScale`` digits when they
/// are not finite decimals.
public struct Settlement: Sendable {
    /// The number of fraction digits of reported rates, scores and person-years.
    public static let rateScale = 6

    public var contract: ContractSummary
    public var inputs: [InputFile]
    public var population: PopulationResult
    public var risk: [RiskResult]
    public var reconciliation: ReconciliationResult
    public var regimes: [RegimeResult]
    public var totals: Totals
    public var minimumSavingsRate: ThresholdResult?
    public var minimumLossRate: ThresholdResult?
    public var quality: QualityResult?
    public var sharing: SharingResult
    public var parties: [PartyPosition]
    public var transfers: [TransferLine]
    /// Under capitation, the monthly prospective payments and the year-end reconciliation against them.
    public var paymentSchedule: PaymentSchedule?
    /// For each regime, what each party gains when some of its care is avoided, when asked for.
    public var incentives: [Incentive]
    /// How likely the result is under chance alone, when the settlement was asked to compute it.
    public var chance: ChanceAnalysis?
    /// Each member's budget share and cost, the material of the statistics of chance (not rendered:
    /// they are anonymous, but a report has no use for them); `nil` when they cannot be formed.
    public var memberOutcomes: MemberOutcomes?
    public var steps: [SettlementStep]
    public var warnings: [SettlementWarning]
    /// The findings about incomplete inputs that the user accepted, with their reason; `nil` when the
    /// inputs raised none (see ``ClaimCompleteness``).
    public var acceptance: InputAcceptance? = nil
    /// What a settlement after a run-out counted, and for a provisional one its estimates; `nil` for a
    /// contract without a run-out.
    public var runOut: RunOutResult? = nil
    /// The claim lines given to
    /// ``Contract/settle(members:claims:observations:year:rebasedOn:acceptingIncomplete:chance:completion:incentives:)``
    /// that do not count, in the order given (not written to `settlement.json`); `nil` for a settlement
    /// from files, whose rejected lines `rejected-claims.csv` lists.
    public var rejectedClaims: [RejectedClaim]? = nil
}

/// What identifies the contract that was settled.
public struct ContractSummary: Hashable, Sendable {
    public var id: ContractID
    public var version: String
    public var title: String
    public var period: DatePeriod
    public var model: String
    public var sides: String?
    public var rounding: RoundingRule
}

/// An input file of the settlement, with its SHA-256 so that anyone can check they have the same file.
public struct InputFile: Hashable, Sendable {
    /// What the file is: `contract`, `population`, `claims` or `indicators`.
    public var role: String
    /// The path as given.
    public var path: String
    /// The SHA-256 of the file's bytes, in lowercase hexadecimal.
    public var sha256: String
    /// The number of lines (records for fixed-width and XML formats).
    public var lines: Int
    /// The format the file was read as, for example `capitation-csv`.
    public var format: String

    public init(role: String, path: String, sha256: String, lines: Int, format: String) {
        self.role = role
        self.path = path
        self.sha256 = sha256
        self.lines = lines
        self.format = format
    }
}

/// Who is in the population and for how long.
public struct PopulationResult: Sendable {
    /// People on the roster.
    public var rosterMembers: Int
    /// People in the population on at least one day.
    public var members: Int
    /// Days of membership, summed over members.
    public var exposureDays: Int
    /// Days in the performance period.
    public var daysInPeriod: Int
    /// Exposure days ÷ days in the period, rounded to six decimals.
    public var personYears: ExactDecimal
    /// People on the roster who are not in the population, per reason.
    public var excluded: [(reason: IneligibilityReason, members: Int)]

}

/// The risk scores under one model.
public struct RiskResult: Hashable, Sendable {
    public var model: RiskModelID
    /// The regimes whose budget the model weights.
    public var regimes: [Regime]
    /// Σ over members of risk score × days, exact.
    public var riskWeightedDays: ExactDecimal
    /// The exposure-weighted mean score before the growth cap, rounded to six decimals.
    public var meanScore: ExactDecimal
    /// The demographic part of the mean score (the age/sex cells alone, normalised), rounded to six
    /// decimals; the rest of ``meanScore`` is the markers' part.
    public var demographicMeanScore: ExactDecimal
    /// The markers' part of the mean score: ``meanScore`` − ``demographicMeanScore``, so that the parts sum
    /// to the whole.
    public var markerMeanScore: ExactDecimal
    /// Under a cap beyond the demographic part that can apply: the demographic growth against the baseline
    /// (the exact demographic mean ÷ the baseline demographic mean, rounded half-even to six decimals).
    public var demographicGrowth: ExactDecimal?
    public var normalisationFactor: ExactDecimal
    /// The growth cap, if the model has one.
    public var growthCap: GrowthCap?
    /// Whether the cap lowered the scores.
    public var growthCapApplied: Bool
    /// The risk-weighted days the budget uses: capped mean × exposure days when the cap applied.
    public var budgetRiskWeightedDays: ExactDecimal
}

/// What happened to the claim lines.
public struct ReconciliationResult: Sendable {
    public var read: LineTotal
    public var accepted: LineTotal
    /// The part of accepted lines that pro-rating excluded.
    public var proRataExcluded: Cents
    /// Per reason (in the order of ``RejectionReason``), lines and full signed amount.
    public var rejected: [(reason: RejectionReason, total: LineTotal)]
    /// Per claim code, in order, what was accepted and what was out of scope.
    public var codes: [(key: CodeTotals.Key, entry: CodeTotals.Entry)]
    /// What the financiers refused, per reason code in order.
    public var refusals: [(code: String, meaning: String, total: LineTotal)] = []

}

/// Budget, expenditure and savings of one regime.
public struct RegimeResult: Sendable {
    public var regime: Regime
    public var financier: PartyID
    public var riskModel: RiskModelID?
    public var perCapitaAnnual: Cents
    /// The risk-weighted person-years, rounded to six decimals (the budget uses the exact value).
    public var riskWeightedPersonYears: ExactDecimal
    /// The per-capita budget after trends and discount, before lump sums.
    public var capitationBudget: Cents
    public var lumpSums: Cents
    /// Capitation budget plus lump sums.
    public var budget: Cents
    /// Accepted claims before truncation.
    public var claims: Cents
    public var truncated: Cents
    /// Claims after truncation plus lump sums, plus the claims not yet received in a provisional settlement.
    public var expenditure: Cents
    public var savings: Cents
    public var savingsRate: ExactDecimal?
    /// The population's spending in this regime outside the scope.
    public var outOfScope: Cents
    public var acceptedLines: Int
    /// The retrospective trend adjustment of the budget, when the contract has one.
    public var trendAdjustment: TrendAdjustmentResult? = nil
    /// The claims not yet received at a provisional settlement's cut-off; zero otherwise.
    ///
    /// Estimated from the baseline years' lags (``CompletionResult``); part of ``expenditure``.
    public var notYetReceived: Cents = .zero

}

/// The totals over the regimes of the contract.
public struct Totals: Hashable, Sendable {
    public var budget: Cents
    public var claims: Cents
    public var truncated: Cents
    public var lumpSums: Cents
    public var expenditure: Cents
    public var savings: Cents
    /// Savings ÷ budget, rounded to six decimals; `nil` for a zero budget.
    public var savingsRate: ExactDecimal?
    /// The population's out-of-scope spending over all regimes, in or outside the contract.
    public var outOfScope: Cents
    /// The population's out-of-scope spending per regime, all three, including regimes the contract does not cover.
    public var outOfScopeByRegime: RegimeAmounts
    /// The truncation threshold per member, when truncation applies.
    public var truncationThreshold: Cents?
}

/// A minimum savings or loss rate and whether the result meets it.
public struct ThresholdResult: Hashable, Sendable {
    /// `fixed`, `table`, `confidence` or `same-as-savings`.
    public var mode: String
    /// The rate in percent of the budget.
    public var rate: Percentage
    /// The table used, for mode `table`.
    public var table: MSRTableID?
    /// The confidence level, for mode `confidence`.
    public var confidence: Percentage?
    /// The population size looked up or used.
    public var populationSize: Int
    /// Whether the savings (or loss) rate meets or exceeds it, compared exactly.
    public var met: Bool
}

/// The quality score and its gates.
public struct QualityResult: Hashable, Sendable {
    public var indicators: [IndicatorResult]
    /// The weighted mean of the points, rounded to six decimals.
    public var score: ExactDecimal
    public var minimumScore: ExactDecimal
    /// Whether the score reaches the minimum and every mandatory indicator is measured and not beyond its floor.
    public var gatePassed: Bool
    /// Why the gate failed, if it did.
    public var gateFailures: [GateFailure]

    /// The indicators that had no observations at all, in contract order.
    public var unobserved: [IndicatorResult] {
        indicators.filter { $0.observations.unobservedRule != nil }
    }
}

/// One outcome indicator's value and points.
public struct IndicatorResult: Hashable, Sendable {
    public var indicator: OutcomeIndicator
    /// Whether the indicator has a value: it was observed.
    public var measured: Bool
    /// What the inputs said about it, and, when nothing, what the contract made of that.
    public var observations: IndicatorObservationKind

    /// Whether its weight counts in the score: unless it had no observations and was left out (by the
    /// contract, or under `refuse` where the score changes no payment).
    public var inScore: Bool {
        switch observations.unobservedRule {
        case nil, .zeroPoints?: true
        case .leaveOut?, .refuse?: false
        }
    }
    /// The value, rounded to six decimals; `nil` when not measured.
    public var value: ExactDecimal?
    /// The points, from 0 to 1, rounded to six decimals.
    public var points: ExactDecimal
    /// For event rates: events counted (in the population, in the period) and excluded.
    public var events: Int?
    public var excludedEvents: Int?
    /// For measured values: the number of respondents.
    public var respondents: Int?
}

/// What the inputs said about an outcome indicator.
public enum IndicatorObservationKind: Hashable, Sendable {
    /// Events of which at least one counts (the member in the population on the event's date).
    case events
    /// No event that counts, and an input declares that the indicator had none: zero events, a measurement.
    case declaredNoEvents
    /// Measured values with their respondents.
    case measuredValues
    /// No observation: no value, or no event that counts and no declaration. The rule that applied: zero
    /// points or leave out, as the contract says, or refuse where the score changes no payment, which
    /// leaves the indicator out.
    case none(UnobservedIndicatorRule)

    /// The name written in `settlement.json`.
    public var name: String {
        switch self {
        case .events: "events"
        case .declaredNoEvents: "declared-no-events"
        case .measuredValues: "measured-values"
        case .none: "none"
        }
    }

    /// The rule that applied to an unobserved indicator.
    public var unobservedRule: UnobservedIndicatorRule? {
        if case .none(let rule) = self { return rule }
        return nil
    }
}

/// What the payment model gives and takes.
public struct SharingResult: Hashable, Sendable {
    public var model: String
    /// The sharing rate in the contract.
    public var sharingRate: Percentage?
    /// After quality.
    public var finalSharingRate: Percentage?
    /// The savings the rate applies to (all savings, or those above the MSR).
    public var sharedBase: Cents?
    /// Savings × final sharing rate, before the cap.
    public var earned: Cents
    public var cap: Cents?
    public var capped: Bool
    /// The earned savings after the cap.
    public var earnedAfterCap: Cents
    public var paymentReduction: Cents
    /// What the financiers pay the recipients.
    public var payout: Cents
    /// The loss-sharing rate applied, two-sided.
    public var lossSharingRate: Percentage?
    /// Loss × loss-sharing rate (or the corridor's share of a loss), before the cap.
    public var sharedLoss: Cents
    public var lossCap: Cents?
    public var lossCapped: Bool
    /// What the recipients pay the financiers.
    public var lossPayment: Cents
    /// What the payment model made of the result: which rule applied, or why nothing was shared.
    public var outcome: SharingOutcome
    /// Under shared savings, how the quality score applies to the sharing rate; `nil` under other models.
    public var quality: QualityApplication?
}

/// What the payment model made of a settlement's result; the figures are in ``SharingResult``.
public enum SharingOutcome: String, CaseIterable, Hashable, Sendable {
    /// Fee-for-service: the financiers pay the claims and nothing is shared.
    case feeForService = "fee-for-service"
    /// Capitation: the providers keep the result, within the corridors (``SharingResult/payout``, or
    /// ``SharingResult/lossPayment`` for a loss they bear).
    case capitationResult = "capitation-result"
    /// The savings rate meets the minimum savings rate: the providers earn their share.
    case savingsShared = "savings-shared"
    /// The loss rate meets the minimum loss rate of a two-sided contract: the providers bear their share.
    case lossShared = "loss-shared"
    /// There are savings, but the savings rate does not meet the minimum savings rate.
    case savingsBelowMinimum = "savings-below-minimum"
    /// There is a loss, but the loss rate does not meet the minimum loss rate.
    case lossBelowMinimum = "loss-below-minimum"
    /// There is a loss, and a one-sided contract shares none.
    case lossNotShared = "loss-not-shared"
    /// Budget and expenditure are equal.
    case breakEven = "break-even"
}

/// What a party pays and receives under the settlement.
public struct PartyPosition: Hashable, Sendable {
    public var party: PartyID
    public var role: PartyRole
    public var name: String
    public var pays: Cents
    public var receives: Cents
    /// Receives minus pays.
    public var net: Cents
}

/// A payment between two parties.
public struct TransferLine: Hashable, Sendable {
    public var from: PartyID
    public var to: PartyID
    public var amount: Cents
    /// Why: `shared savings`, `shared losses`, `lump sum: …`, `transfer: …`.
    public var reason: String
}

/// A regime's retrospective trend adjustment as the budget applied it (``TrendAdjustment``).
public struct TrendAdjustmentResult: Hashable, Sendable {
    /// The performance year.
    public var year: Int
    /// The forecast factor the actual trend is compared with, six decimals: 1 + the actual's forecast
    /// trend, or Π (1 + trend) over the trends the budget applied.
    public var forecastFactor: ExactDecimal
    /// The actual trend over the same years; `nil` while unknown.
    public var actualPercent: Percentage?
    /// (1 + actual) ÷ forecast factor, six decimals; `nil` without an actual trend.
    public var ratio: ExactDecimal?
    /// The factor the budget applied, six decimals (the budget uses it exactly): 1 without an actual
    /// trend or within the threshold.
    public var appliedFactor: ExactDecimal
    /// The contract's threshold and corridors, so that the factor can be followed.
    public var threshold: Percentage
    public var corridors: [TrendCorridor]

    public init(
        year: Int,
        forecastFactor: ExactDecimal,
        actualPercent: Percentage?,
        ratio: ExactDecimal?,
        appliedFactor: ExactDecimal,
        threshold: Percentage,
        corridors: [TrendCorridor]
    ) {
        self.year = year
        self.forecastFactor = forecastFactor
        self.actualPercent = actualPercent
        self.ratio = ratio
        self.appliedFactor = appliedFactor
        self.threshold = threshold
        self.corridors = corridors
    }
}
