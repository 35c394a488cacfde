/// Computes a settlement from a contract, its population, the reconciled claims and the indicator
/// observations: DESIGN steps 1 to 10, each recorded with its inputs, formula and result.
///
/// Every reported amount is rounded once, to the cent, with the contract's rule, from an exact value
/// computed from the reported inputs of its step. Rates, scores and person-years that are not finite
/// decimals are rounded half-even to six decimals, and later steps use the rounded value, so that each
/// step can be recomputed from what the settlement reports. One exception: the risk growth cap compares the
/// exact mean score (risk-weighted days ÷ exposure days, both reported exactly) with its limit, not the
/// rounded mean score, so a mean of 1.0300004, reported as 1.030000, exceeds a cap of 1.03.
package struct SettlementCalculator: Sendable {
    let contract: Contract
    let population: PopulationEvaluation
    let ledger: ClaimLedger
    let indicators: IndicatorObservations
    let inputs: [InputFile]
    let chanceSettings: ChanceSettings?
    let incentiveProbe: Cents?
    /// How the bootstrap's resamples are computed; every resampler gives the same result.
    package var resampler = SavingsRateBootstrap.Resampler.serial
    /// The baseline years' lag triangles, from which a provisional settlement estimates the claims not yet
    /// received (``ClaimCompletion``); needed for a provisional settlement only.
    package var completion: ClaimCompletion?

    var steps: [SettlementStep] = []
    var warnings: [SettlementWarning] = []
    /// Per risk model, each roster member's risk score × days in the period (zero outside the population).
    var memberRiskDays: [RiskModelID: [ExactDecimal]] = [:]
    /// Per risk model, each roster member's normalised risk score (zero outside the population).
    var memberRiskScores: [RiskModelID: [ExactDecimal]] = [:]

    /// Prepares a settlement of `contract` for `population`, with the claims in `ledger` and the
    /// observations in `indicators`; `inputs` describes the files they came from.
    ///
    /// With `chance`, the settlement includes a bootstrap analysis of how likely its result is under
    /// chance alone. With `incentives`, it includes for each regime what each party gains when that much
    /// of the regime's care is avoided (``Incentive``).
    package init(
        contract: Contract,
        population: PopulationEvaluation,
        ledger: ClaimLedger,
        indicators: IndicatorObservations,
        inputs: [InputFile],
        chance: ChanceSettings? = .settlement,
        incentives: Cents? = nil
    ) {
        self.contract = contract
        self.population = population
        self.ledger = ledger
        self.indicators = indicators
        self.inputs = inputs
        self.chanceSettings = chance
        self.incentiveProbe = incentives
    }

    /// Computes the settlement.
    ///
    /// - Throws: ``SettlementError`` when the settlement cannot be made: an empty population, an indicator
    ///   without observations that the contract does not settle without, a recipient group without
    ///   attributed members, or an overflow.
    package consuming func settle() throws(SettlementError) -> Settlement {
        let daysInPeriod = contract.period.dayCount
        let populationResult = try populationStage()
        guard populationResult.exposureDays > 0 else {
            throw SettlementError(
                .emptyPopulation,
                "the population is empty: no one on the roster meets the contract's criteria during \(contract.period)"
            )
        }
        let risk = try riskStage(exposureDays: populationResult.exposureDays)
        var regimes = try budgetStage(
            risk: risk,
            exposureDays: populationResult.exposureDays,
            daysInPeriod: daysInPeriod
        )
        let reconciliation = try reconciliationStage()
        let runOut = try runOutStage()
        let truncation = try truncationStage()
        let totals = try expenditureStage(&regimes, truncation: truncation, runOut: runOut)
        let outcomes = memberOutcomes(regimes: regimes, truncation: truncation)
        let thresholds = try thresholdStage(totals: totals, outcomes: outcomes, populationResult: populationResult)
        let quality = try qualityStage(exposureDays: populationResult.exposureDays)
        let sharing = try sharingStage(totals: totals, thresholds: thresholds, quality: quality)
        let chance = try chanceStage(outcomes: outcomes, thresholds: thresholds)
        let distribution = try distributionStage(regimes: regimes, sharing: sharing)
        let schedule = try scheduleStage(regimes: regimes, risk: risk, transfers: distribution.transfers)
        let incentives =
            try incentiveProbe.map { avoided throws(SettlementError) in
                try self.incentives(
                    avoided: avoided,
                    regimes: regimes,
                    totals: totals,
                    thresholds: thresholds,
                    quality: quality,
                    parties: distribution.parties
                )
            } ?? []
        var settlement = Settlement(
            contract: ContractSummary(
                id: contract.id,
                version: contract.version,
                title: contract.title,
                period: contract.period,
                model: contract.settlement.modelName,
                sides: {
                    if case .sharedSavings(let terms) = contract.settlement { terms.sides.rawValue } else { nil }
                }(),
                rounding: contract.rounding
            ),
            inputs: inputs,
            population: populationResult,
            risk: risk,
            reconciliation: reconciliation,
            regimes: regimes,
            totals: totals,
            minimumSavingsRate: thresholds.savings,
            minimumLossRate: thresholds.loss,
            quality: quality,
            sharing: sharing,
            parties: distribution.parties,
            transfers: distribution.transfers,
            paymentSchedule: schedule,
            incentives: incentives,
            chance: chance,
            memberOutcomes: try? outcomes.get(),
            steps: steps,
            warnings: warnings
        )
        settlement.runOut = runOut
        return settlement
    }

    /// Runs `body`, turning an arithmetic overflow into a refused settlement naming `step`.
    func exactly<Value>(_ step: String, _ body: () throws(ArithmeticError) -> Value) throws(SettlementError) -> Value {
        try SettlementError.checking(step, body)
    }

    mutating func record(
        _ id: String,
        _ description: String,
        formula: String,
        inputs: [(name: String, value: StepValue)],
        results: [(name: String, value: StepValue)]
    ) {
        steps.append(
            SettlementStep(id: id, description: description, formula: formula, inputs: inputs, results: results)
        )
    }

    /// A fraction rounded half-even to the settlement's rate scale.
    func rate(_ value: Fraction, _ step: String) throws(SettlementError) -> ExactDecimal {
        try exactly(step) { () throws(ArithmeticError) in
            try value.decimal(scale: Settlement.rateScale, rounding: .halfEven)
        }
    }

    /// A fraction of cents rounded once with the contract's rule.
    func money(_ value: Fraction, _ step: String) throws(SettlementError) -> Cents {
        try exactly(step) { () throws(ArithmeticError) in try value.cents(rounding: contract.rounding) }
    }
}
