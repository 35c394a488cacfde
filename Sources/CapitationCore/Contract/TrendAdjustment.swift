/// A retrospective trend adjustment, as in ACO REACH: the budget is trended with a forecast, and once a
/// year's actual trend is known the budget moves by their ratio, when it differs from 1 by more than a
/// threshold, the fieldlab bearing the difference in corridors.
///
/// For a performance year with an actual trend A% against a forecast F% (the trend the budget carries
/// from the years it was measured in to that year: by default the regime's trends the budget applies),
/// exactly:
///
///     ratio     = (1 + A) ÷ (1 + F);  deviation = ratio − 1
///     applied   = 1                                        when |deviation| ≤ threshold
///               = 1 ± Σ corridor share × (part of |deviation| in the corridor)   otherwise, signed as the deviation
///
/// Without corridors the fieldlab bears all of the deviation. ACO REACH from PY2024: threshold 1 %,
/// corridors 0–4 % borne 100 %, 4–8 % 50 %, above 8 % 0 %; its actual-to-forecast ratios for aged and
/// disabled beneficiaries were 0.9491 (PY2021) and 0.9472 (PY2022).
public struct TrendAdjustment: Hashable, Sendable {
    /// Deviations of at most this many percent leave the budget as it is.
    public var threshold: Percentage
    /// The corridors of the deviation, from 0 up, and the share of each that the fieldlab bears.
    public var corridors: [TrendCorridor]
    /// Per performance year, the actual trend once it is known; a year without one keeps the forecast.
    public var actuals: [TrendActual]

    public init(threshold: Percentage = 0, corridors: [TrendCorridor] = [], actuals: [TrendActual] = []) {
        self.threshold = threshold
        self.corridors = corridors
        self.actuals = actuals
    }

    /// The actual trend of performance year `year`, if known.
    public func actual(for year: Int) -> TrendActual? {
        actuals.first { $0.year == year }
    }

    /// The forecast factor, the ratio of the actual trend to it and the factor applied to the budget in
    /// `year`, exact.
    ///
    /// `nil` without an actual trend for the year. `budgetForecast` is the factor of the regime's trends
    /// the budget applies, the forecast when the actual names none.
    package func factors(
        year: Int,
        budgetForecast: Fraction
    ) throws(ArithmeticError) -> (forecast: Fraction, ratio: Fraction, applied: Fraction)? {
        guard let actual = actual(for: year) else { return nil }
        let forecast = actual.forecastPercent.map { Fraction.one + Fraction($0.fraction) } ?? budgetForecast
        let ratio = try (Fraction.one + Fraction(actual.percent.fraction)) / forecast
        let deviation = ratio - Fraction.one
        let size = deviation < .zero ? Fraction.zero - deviation : deviation
        guard size > Fraction(threshold.fraction) else { return (forecast, ratio, .one) }
        var borne = Fraction.zero
        if corridors.isEmpty {
            borne = size
        } else {
            for corridor in corridors {
                let from = Fraction(corridor.from.fraction)
                guard size > from else { continue }
                let top = corridor.to.map { Fraction($0.fraction) }.map { size < $0 ? size : $0 } ?? size
                borne = borne + (top - from) * Fraction(corridor.borne.fraction)
            }
        }
        return (forecast, ratio, deviation < .zero ? Fraction.one - borne : Fraction.one + borne)
    }
}

/// One performance year's actual trend, for example of a reference population, and the forecast it is
/// compared with.
public struct TrendActual: Hashable, Sendable {
    public var year: Int
    /// The actual trend, in percent, over the years the forecast covers.
    public var percent: Percentage
    /// The forecast trend the budget carries over the same years, in percent; `nil` for the regime's
    /// trends that the budget applies (a per-capita amount trended beforehand, as `capitation baseline`
    /// and rebased benchmarks trend it, carries its forecast inside and needs it named here).
    public var forecastPercent: Percentage?

    public init(year: Int, percent: Percentage, forecastPercent: Percentage? = nil) {
        self.year = year
        self.percent = percent
        self.forecastPercent = forecastPercent
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
