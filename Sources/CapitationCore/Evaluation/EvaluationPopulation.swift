/// The people of one population in the years an evaluation compares: per person and year, what each
/// regime cost and the risk-weighted days that cost is spread over.
///
/// A person keeps one number across the years (``EvaluationRecord/person``), so that resampling people
/// takes each drawn person's years together: a person's costs in the baseline and the performance year are
/// correlated, and that correlation (regression to the mean among it) belongs in the interval.
public struct EvaluationPopulation: Hashable, Sendable {
    /// The number of different people over all years; records name them `0..<personCount`.
    public var personCount: Int
    /// The baseline years, oldest first, in the order the baseline weights them.
    public var baseline: [EvaluationYear]
    /// The performance year.
    public var performance: EvaluationYear

    public init(personCount: Int, baseline: [EvaluationYear], performance: EvaluationYear) {
        self.personCount = personCount
        self.baseline = baseline
        self.performance = performance
    }

    /// The baseline years, then the performance year.
    var allYears: [EvaluationYear] { baseline + [performance] }
}

/// One year of a population: its period's length and each person's figures in it.
public struct EvaluationYear: Hashable, Sendable {
    /// The calendar year in which the period starts.
    public var year: Int
    /// The days of the year's period: a cost per risk-weighted day times these is a cost per person-year.
    public var daysInPeriod: Int
    /// One record per person in the population during the year.
    public var records: [EvaluationRecord]

    public init(year: Int, daysInPeriod: Int, records: [EvaluationRecord]) {
        self.year = year
        self.daysInPeriod = daysInPeriod
        self.records = records
    }
}

/// One person's figures in one year, per regime in the order of ``DifferenceInDifferences/regimes``.
public struct EvaluationRecord: Hashable, Sendable {
    /// The person's number in their population, the same in every year.
    public var person: Int
    /// Per regime: accepted, truncated, in-scope cost.
    public var costs: [Cents]
    /// Per regime: risk score × days in the population under the regime's risk model (days without one).
    public var riskWeightedDays: [ExactDecimal]

    public init(person: Int, costs: [Cents], riskWeightedDays: [ExactDecimal]) {
        self.person = person
        self.costs = costs
        self.riskWeightedDays = riskWeightedDays
    }
}

/// Why an evaluation cannot be computed.
public struct EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
