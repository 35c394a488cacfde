/// The outcome indicators of a contract and the minimum score for sharing in savings.
public struct QualityTerms: Hashable, Sendable {
    /// The lowest weighted score (0...1) at which savings are shared at all.
    public var minimumScore: ExactDecimal
    /// The indicators, in document order.
    public var indicators: [OutcomeIndicator]

    public init(minimumScore: ExactDecimal, indicators: [OutcomeIndicator]) {
        self.minimumScore = minimumScore
        self.indicators = indicators
    }
}

/// An outcome indicator: what is measured, which way is better, and how it earns points.
///
/// An indicator earns full points at or beyond its target, none at or beyond its floor, and points in
/// proportion in between. Its weight sets its part of the weighted score. A mandatory indicator must be
/// measured and must not fall beyond its floor, or no savings are shared.
public struct OutcomeIndicator: Hashable, Sendable {
    /// The indicator's identifier, as in the indicator observations.
    public var id: IndicatorID
    /// A human-readable label.
    public var label: String?
    /// Whether lower or higher values are better.
    public var better: Direction
    /// The unit of the values.
    public var unit: IndicatorUnit
    /// The value in the baseline measurement.
    public var baseline: ExactDecimal
    /// The value that earns full points.
    public var target: ExactDecimal
    /// The value that earns no points.
    public var floor: ExactDecimal
    /// The indicator's weight in the score.
    public var weight: ExactDecimal
    /// Whether the indicator gates sharing.
    public var isMandatory: Bool

    public init(
        id: IndicatorID,
        label: String? = nil,
        better: Direction,
        unit: IndicatorUnit,
        baseline: ExactDecimal,
        target: ExactDecimal,
        floor: ExactDecimal,
        weight: ExactDecimal,
        isMandatory: Bool = false
    ) {
        self.id = id
        self.label = label
        self.better = better
        self.unit = unit
        self.baseline = baseline
        self.target = target
        self.floor = floor
        self.weight = weight
        self.isMandatory = isMandatory
    }

    /// Which way an indicator improves.
    public enum Direction: String, CaseIterable, Hashable, Sendable {
        /// Lower values are better (admissions, falls).
        case lower
        /// Higher values are better (experienced control).
        case higher
    }
}

/// The unit of an outcome indicator's values.
public enum IndicatorUnit: String, CaseIterable, Hashable, Sendable {
    /// Events per 1,000 person-years of eligible exposure, computed from event observations.
    case perThousandPersonYears = "per-1000-person-years"
    /// A percentage from a measured value, for example a survey.
    case percent
    /// A measured value on the indicator's own scale (a score, a count or a mean).
    case value

    /// Whether values are computed from events rather than measured.
    public var isEventRate: Bool { self == .perThousandPersonYears }
}
