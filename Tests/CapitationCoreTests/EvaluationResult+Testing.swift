import CapitationCore

extension EvaluationResult {
    /// The evaluation of `fieldlab` against `comparison` under the scenario contract, for the reports'
    /// tests: the estimate, `resamples` resamples from seed 1, the years and weights of `evaluation`, and
    /// as many people per year as the populations have records.
    static func scenario(
        _ evaluation: DifferenceInDifferences,
        fieldlab: EvaluationPopulation,
        comparison: EvaluationPopulation,
        resamples: Int,
        net: NetEffect? = nil,
        placebo: PlaceboEstimate? = nil
    ) throws -> EvaluationResult {
        let estimate = try evaluation.estimate(fieldlab: fieldlab, comparison: comparison)
        let bootstrap = try EffectBootstrap(evaluation, fieldlab: fieldlab, comparison: comparison)
        return EvaluationResult(
            contract: SettlementScenario().contract,
            baselineYears: fieldlab.baseline.map(\.year),
            weights: evaluation.weights,
            performanceYear: fieldlab.performance.year,
            fieldlabMembers: (fieldlab.baseline + [fieldlab.performance]).map(\.records.count),
            comparisonMembers: (comparison.baseline + [comparison.performance]).map(\.records.count),
            estimate: estimate,
            intervals: EffectIntervals(
                try bootstrap.effects(seed: 1, resamples: 0..<resamples),
                rows: estimate.rows.count
            ),
            seed: 1,
            net: net,
            placebo: placebo
        )
    }
}
