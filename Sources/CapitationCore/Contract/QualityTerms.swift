/// The outcome indicators of a contract and the minimum score for sharing in savings.
public struct QualityTerms: Hashable, Sendable {
    /// The lowest weighted score (0...1) at which savings are shared at all.
    public var minimumScore: ExactDecimal
    /// The indicators, in document order.
    public var indicators: [OutcomeIndicator]
    /// What the settlement does with an indicator that has no observations, unless the indicator says
    /// otherwise; `nil` when the contract does not say: ``UnobservedIndicatorRule/refuse``.
    public var whenUnobserved: UnobservedIndicatorRule?

    public init(
        minimumScore: ExactDecimal,
        indicators: [OutcomeIndicator],
        whenUnobserved: UnobservedIndicatorRule? = nil
    ) {
        self.minimumScore = minimumScore
        self.indicators = indicators
        self.whenUnobserved = whenUnobserved
    }

    /// The rule for `indicator` when it has no observations: its own, or that of the indicators, or
    /// ``UnobservedIndicatorRule/refuse``.
    public func rule(whenUnobserved indicator: OutcomeIndicator) -> UnobservedIndicatorRule {
        indicator.whenUnobserved ?? whenUnobserved ?? .refuse
    }
}

/// What a settlement does with an outcome indicator that has no observations at all.
///
/// "No data" is never silently a measurement. When the quality score changes a payment (the sharing
/// rate depends on it), the settlement is refused by default, because a score without one of its
/// indicators is not the score the parties agreed, and either choice the tool could make silently moves
/// money: zero points lower the score, which can fail the quality gate, cancel a payout or (with a
/// loss-sharing rate that complements the sharing rate) raise the providers' share of a loss; leaving the
/// indicator out gives a score of the other indicators alone, higher or lower than the one agreed. The
/// contract may choose one of them in advance instead. When the score changes no payment, an unobserved
/// indicator under `refuse` is left out of the score and named, rather than refusing the settlement.
///
/// An event indicator is observed when at least one of its events counts (a member in the population on
/// the event's date) or an input declares that it had none; zero events is then a measurement. Events
/// that all lie outside the population or the period are no observation.
public enum UnobservedIndicatorRule: String, CaseIterable, Hashable, Sendable {
    /// The settlement is refused, naming the indicator, when the quality score changes a payment. The
    /// default.
    case refuse
    /// The indicator earns no points and keeps its weight; a mandatory indicator fails the gate.
    case zeroPoints = "zero-points"
    /// The indicator is left out of the score: its weight does not count. Not for mandatory indicators.
    case leaveOut = "leave-out"
}

/// An outcome indicator: what is measured, which way is better, and how it earns points.
///
/// An indicator earns full points at or beyond its target, none at or beyond its floor, and points in
/// proportion in between. Its weight sets its part of the weighted score. A mandatory indicator must be
/// measured and must not fall beyond its floor, or no savings are shared. Without observations, the
/// indicator is handled by ``UnobservedIndicatorRule``.
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
    /// What the settlement does when the indicator has no observations; `nil`: the contract's rule
    /// (``QualityTerms/whenUnobserved``).
    public var whenUnobserved: UnobservedIndicatorRule?

    public init(
        id: IndicatorID,
        label: String? = nil,
        better: Direction,
        unit: IndicatorUnit,
        baseline: ExactDecimal,
        target: ExactDecimal,
        floor: ExactDecimal,
        weight: ExactDecimal,
        isMandatory: Bool = false,
        whenUnobserved: UnobservedIndicatorRule? = nil
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
        self.whenUnobserved = whenUnobserved
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
