/// A retrospective trend adjustment, as in ACO REACH: the budget is trended with a forecast, and once the
/// year's actual trend is known the budget moves by their ratio, when it differs from 1 by more than a
/// threshold, the fieldlab bearing the difference in corridors.
///
/// With F the forecast factor the budget applied (Π (1 + trend) over the regime's trends) and A = 1 +
/// the actual trend over the same years, exactly:
///
///     ratio     = A ÷ F;  deviation = ratio − 1
///     applied   = 1                                        when |deviation| ≤ threshold
///               = 1 ± Σ corridor share × (part of |deviation| in the corridor)   otherwise, signed as the deviation
///
/// Without corridors the fieldlab bears all of the deviation. ACO REACH from PY2024: threshold 1 %,
/// corridors 0–4 % borne 100 %, 4–8 % 50 %, above 8 % 0 %; its actual-to-forecast ratios for aged and
/// disabled beneficiaries were 0.9491 (PY2021) and 0.9472 (PY2022).
public struct TrendAdjustment: Hashable, Sendable {
    /// The actual trend over the years the forecast covers, in percent; `nil` until it is known, when the
    /// budget keeps the forecast.
    public var actualPercent: Percentage?
    /// Deviations of at most this many percent leave the budget as it is.
    public var threshold: Percentage
    /// The corridors of the deviation, from 0 up, and the share of each that the fieldlab bears.
    public var corridors: [TrendCorridor]

    public init(actualPercent: Percentage? = nil, threshold: Percentage = 0, corridors: [TrendCorridor] = []) {
        self.actualPercent = actualPercent
        self.threshold = threshold
        self.corridors = corridors
    }

    /// The ratio of the actual to the `forecast` factor and the factor applied to the budget, exact;
    /// `nil` without an actual trend.
    public func factors(forecast: Fraction) throws(ArithmeticError) -> (ratio: Fraction, applied: Fraction)? {
        guard let actualPercent else { return nil }
        let ratio = try (Fraction.one + Fraction(actualPercent.fraction)) / forecast
        let deviation = ratio - Fraction.one
        let size = deviation < .zero ? Fraction.zero - deviation : deviation
        guard size > Fraction(threshold.fraction) else { return (ratio, .one) }
        var borne = Fraction.zero
        if corridors.isEmpty {
            borne = size
        } else {
            for corridor in corridors {
                let from = Fraction(corridor.from.fraction)
                guard size > from else { continue }
                let to = corridor.to.map { Fraction($0.fraction) }
                let top = to.map { size < $0 ? size : $0 } ?? size
                borne = borne + (top - from) * Fraction(corridor.borne.fraction)
            }
        }
        return (ratio, deviation < .zero ? Fraction.one - borne : Fraction.one + borne)
    }
}

/// A corridor of the deviation between the actual and the forecast trend, in percent of the forecast,
/// and the share of the deviation within it that the fieldlab bears.
public struct TrendCorridor: Hashable, Sendable {
    public var from: Percentage
    /// The corridor's upper bound; `nil` for the last, open one.
    public var to: Percentage?
    /// The share borne, in percent.
    public var borne: Percentage

    public init(from: Percentage, to: Percentage?, borne: Percentage) {
        self.from = from
        self.to = to
        self.borne = borne
    }
}
