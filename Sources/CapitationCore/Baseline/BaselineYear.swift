/// What one baseline year measured: its population, its mean risk scores, and per regime the accepted,
/// truncated, in-scope cost and the risk-weighted days it is spread over.
///
/// Measured with the contract as it would apply to that year (its period and reference date shifted):
/// the same population criteria, risk models, scope, reconciliation and truncation. Lump sums are not
/// cost per person and are left out.
public struct BaselineYear: Hashable, Sendable {
    /// The calendar year in which the period starts.
    public var year: Int
    public var period: DatePeriod
    /// People in the population on at least one day.
    public var members: Int
    public var exposureDays: Int
    /// The input files, with their SHA-256.
    public var inputs: [InputFile]
    /// The contract's regimes, in contract order.
    public var regimes: [Regime]
    /// Per regime: accepted claims − truncated.
    public var costs: [Cents]
    /// Per regime: Σ risk score × days under its model, or exposure days without one.
    public var riskWeightedDays: [ExactDecimal]
    /// Per risk model the regimes use: the exposure-weighted mean score, six decimals.
    public var meanScores: [RiskModelID: ExactDecimal]
    /// Per risk model the regimes use: the demographic part of the mean score (cells only), six decimals.
    public var demographicMeanScores: [RiskModelID: ExactDecimal]
    /// Accepted and rejected claim lines.
    public var acceptedLines: Int
    public var rejectedLines: Int

    public init(
        year: Int,
        period: DatePeriod,
        members: Int,
        exposureDays: Int,
        inputs: [InputFile] = [],
        regimes: [Regime],
        costs: [Cents],
        riskWeightedDays: [ExactDecimal],
        meanScores: [RiskModelID: ExactDecimal] = [:],
        demographicMeanScores: [RiskModelID: ExactDecimal] = [:],
        acceptedLines: Int = 0,
        rejectedLines: Int = 0
    ) {
        self.year = year
        self.period = period
        self.members = members
        self.exposureDays = exposureDays
        self.inputs = inputs
        self.regimes = regimes
        self.costs = costs
        self.riskWeightedDays = riskWeightedDays
        self.meanScores = meanScores
        self.demographicMeanScores = demographicMeanScores
        self.acceptedLines = acceptedLines
        self.rejectedLines = rejectedLines
    }
}

extension SettlementCalculator {
    /// The stages a measured year runs (population, risk, reconciliation, truncation), for a baseline or an
    /// evaluation.
    ///
    /// - Throws: ``SettlementError`` for an empty population or an overflow.
    mutating func measuredStages() throws(SettlementError) -> (
        population: PopulationResult, risk: [RiskResult], reconciliation: ReconciliationResult,
        truncation: TruncationOutcome
    ) {
        let populationResult = try populationStage()
        guard populationResult.exposureDays > 0 else {
            throw SettlementError(
                .emptyPopulation,
                "the population is empty: no one on the roster meets the contract's criteria during \(contract.period)"
            )
        }
        let risk = try riskStage(exposureDays: populationResult.exposureDays)
        let reconciliation = try reconciliationStage()
        return (populationResult, risk, reconciliation, try truncationStage())
    }

    /// Measures the population and its cost in the contract's period, for a baseline: steps 1, 2, 4 and 5
    /// of a settlement without budgets, quality or sharing.
    ///
    /// - Throws: ``SettlementError`` for an empty population or an overflow.
    package consuming func measureBaseline() throws(SettlementError) -> BaselineYear {
        let (populationResult, risk, reconciliation, truncation) = try measuredStages()
        var costs: [Cents] = []
        var days: [ExactDecimal] = []
        for terms in contract.regimes {
            let accepted = ledger.accepted[terms.regime]?.amount ?? .zero
            costs.append(
                try exactly("baseline") { () throws(ArithmeticError) in
                    try accepted - truncation.truncated[terms.regime]
                }
            )
            days.append(
                terms.riskModel.flatMap { model in risk.first { $0.model == model }?.riskWeightedDays }
                    ?? ExactDecimal(populationResult.exposureDays)
            )
        }
        return BaselineYear(
            year: contract.period.start.year,
            period: contract.period,
            members: populationResult.members,
            exposureDays: populationResult.exposureDays,
            inputs: inputs,
            regimes: contract.regimes.map(\.regime),
            costs: costs,
            riskWeightedDays: days,
            meanScores: Dictionary(uniqueKeysWithValues: risk.map { ($0.model, $0.meanScore) }),
            demographicMeanScores: Dictionary(uniqueKeysWithValues: risk.map { ($0.model, $0.demographicMeanScore) }),
            acceptedLines: reconciliation.accepted.lines,
            rejectedLines: reconciliation.rejected.reduce(0) { $0 + $1.total.lines }
        )
    }
}
