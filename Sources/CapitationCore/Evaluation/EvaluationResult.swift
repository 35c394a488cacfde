/// An evaluation of a fieldlab against its comparison population: the estimate, its resamples, and what
/// it was computed from.
public struct EvaluationResult: Sendable {
    public var contract: Contract
    /// The baseline years, oldest first, and their weights.
    public var baselineYears: [Int]
    public var weights: [ExactDecimal]
    public var performanceYear: Int
    /// The people of each population in each year: the baseline years, then the performance year.
    public var fieldlabMembers: [Int]
    public var comparisonMembers: [Int]
    public var estimate: EffectEstimate
    /// The resampled effects, per row of the estimate.
    public var intervals: EffectIntervals
    public var seed: UInt64
    /// The effect for the financiers under the settlement of the same folder; `nil` without one.
    public var net: NetEffect?
    /// Why there is no net effect, when the performance year could not be settled.
    public var netUnavailable: String?
    /// The same estimate one year early, between the baseline years (``DifferenceInDifferences/placebo(fieldlab:comparison:)``);
    /// `nil` with fewer than two baseline years.
    public var placebo: PlaceboEstimate?
    /// What measuring the years found that counts in no figure, and why a placebo could not be estimated.
    ///
    /// Unreadable claim lines are named with their population, year and file. The settlement's own
    /// warnings are the net effect's (``NetEffect/warnings``).
    public var warnings: [EvaluationWarning]

    public init(
        contract: Contract,
        baselineYears: [Int],
        weights: [ExactDecimal],
        performanceYear: Int,
        fieldlabMembers: [Int],
        comparisonMembers: [Int],
        estimate: EffectEstimate,
        intervals: EffectIntervals,
        seed: UInt64,
        net: NetEffect? = nil,
        netUnavailable: String? = nil,
        placebo: PlaceboEstimate? = nil,
        warnings: [EvaluationWarning] = []
    ) {
        self.contract = contract
        self.baselineYears = baselineYears
        self.weights = weights
        self.performanceYear = performanceYear
        self.fieldlabMembers = fieldlabMembers
        self.comparisonMembers = comparisonMembers
        self.estimate = estimate
        self.intervals = intervals
        self.seed = seed
        self.net = net
        self.netUnavailable = netUnavailable
        self.placebo = placebo
        self.warnings = warnings
    }
}

/// The placebo of an evaluation: its estimate between the baseline years, and that estimate's resamples.
public struct PlaceboEstimate: Sendable {
    /// The baseline years taken as "before", and the year taken as "after".
    public var beforeYears: [Int]
    public var afterYear: Int
    public var estimate: EffectEstimate
    public var intervals: EffectIntervals

    public init(beforeYears: [Int], afterYear: Int, estimate: EffectEstimate, intervals: EffectIntervals) {
        self.beforeYears = beforeYears
        self.afterYear = afterYear
        var estimate = estimate
        // Its steps are the placebo's, not the evaluation's.
        for index in estimate.steps.indices {
            estimate.steps[index].id = "placebo." + estimate.steps[index].id.dropFirst("evaluation.".count)
            estimate.steps[index].description = "Placebo, one year early: " + estimate.steps[index].description
        }
        self.estimate = estimate
        self.intervals = intervals
    }
}
