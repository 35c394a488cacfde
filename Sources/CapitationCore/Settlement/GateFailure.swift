/// A reason the quality gate fails.
public enum GateFailure: Hashable, Sendable {
    /// No indicator has observations, so there is no quality score.
    case noScore
    /// The score is below the contract's minimum.
    case scoreBelowMinimum(score: ExactDecimal, minimum: ExactDecimal)
    /// A mandatory indicator has no observations.
    case mandatoryUnobserved(indicator: IndicatorID)
    /// A mandatory indicator's value lies beyond its floor.
    case mandatoryBeyondFloor(indicator: IndicatorID, value: ExactDecimal, floor: ExactDecimal)
    /// A case of totals gives the gate as failed, with a score at or above the minimum.
    case givenAsFailed

    /// The failure's code, as a settlement records it: `score-below-minimum`.
    public var code: String {
        switch self {
        case .noScore: "no-score"
        case .scoreBelowMinimum: "score-below-minimum"
        case .mandatoryUnobserved: "mandatory-unobserved"
        case .mandatoryBeyondFloor: "mandatory-beyond-floor"
        case .givenAsFailed: "given-as-failed"
        }
    }

    /// The failure in English.
    public var message: String {
        switch self {
        case .noScore: "no indicator has observations, so there is no quality score"
        case .scoreBelowMinimum(let score, let minimum): "the score \(score) is below the minimum \(minimum)"
        case .mandatoryUnobserved(let indicator): "mandatory indicator '\(indicator)' has no observations"
        case .mandatoryBeyondFloor(let indicator, let value, let floor):
            "mandatory indicator '\(indicator)' is beyond its floor (\(value), floor \(floor))"
        case .givenAsFailed: "the case says the gate failed"
        }
    }
}
