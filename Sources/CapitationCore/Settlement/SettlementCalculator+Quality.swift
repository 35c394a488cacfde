extension SettlementCalculator {
    /// Step 8: each indicator's value and points, the weighted score, and the gates.
    ///
    /// An event indicator's value is its events per 1,000 person-years of eligible exposure, counting the
    /// events of members on days they are in the population; a measured indicator's value is the
    /// respondent-weighted mean of its observations. Points are 1 at or beyond the target, 0 at or beyond
    /// the floor, and linear in between; the score is the weighted mean of the points.
    mutating func qualityStage(exposureDays: Int) throws(SettlementError) -> QualityResult? {
        guard let terms = contract.quality else { return nil }
        let daysInPeriod = contract.period.dayCount
        var results: [IndicatorResult] = []
        var failures: [String] = []
        for indicator in terms.indicators {
            let step = "quality.\(indicator.id)"
            var result = IndicatorResult(indicator: indicator, measured: false, value: nil, points: .zero)
            var inputs: [(name: String, value: StepValue)] = []
            var exactValue: Fraction?
            if indicator.unit.isEventRate {
                if let events = indicators.events[indicator.id] {
                    result.events = events.counted
                    result.excludedEvents = events.excluded
                    exactValue = try exactly(step) { () throws(ArithmeticError) in
                        try Fraction(events.counted * 1_000) * Fraction(daysInPeriod) / Fraction(exposureDays)
                    }
                    inputs = [
                        ("events", .integer(events.counted)), ("excludedEvents", .integer(events.excluded)),
                        ("exposureDays", .integer(exposureDays)), ("daysInPeriod", .integer(daysInPeriod)),
                    ]
                }
            } else if let measure = indicators.measures[indicator.id], measure.respondents > 0 {
                result.respondents = measure.respondents
                exactValue = try exactly(step) { () throws(ArithmeticError) in
                    try Fraction(measure.weightedSum) / Fraction(measure.respondents)
                }
                inputs = [
                    ("valueTimesRespondents", .decimal(measure.weightedSum)),
                    ("respondents", .integer(measure.respondents)),
                ]
            }
            if let exactValue {
                let value = try rate(exactValue, step)
                result.measured = true
                result.value = value
                let span = Fraction(indicator.target) - Fraction(indicator.floor)
                let raw = try exactly(step) { () throws(ArithmeticError) in
                    try (Fraction(value) - Fraction(indicator.floor)) / span
                }
                result.points = try rate(raw.atLeast(.zero).atMost(.one), step)
                if indicator.isMandatory, raw < .zero {
                    failures.append(
                        "mandatory indicator '\(indicator.id)' is beyond its floor (\(value), floor \(indicator.floor))"
                    )
                }
            } else if indicator.isMandatory {
                failures.append("mandatory indicator '\(indicator.id)' is not measured")
            } else {
                warnings.append("indicator '\(indicator.id)' is not measured and earns no points")
            }
            record(
                step,
                "Points of indicator '\(indicator.id)' (\(indicator.better.rawValue) is better)",
                formula: (indicator.unit.isEventRate
                    ? "value = events × 1000 × days in period ÷ exposure days; "
                    : "value = Σ value × respondents ÷ Σ respondents; ")
                    + "points = (value − floor) ÷ (target − floor), limited to 0…1",
                inputs: inputs + [
                    ("baseline", .decimal(indicator.baseline)), ("target", .decimal(indicator.target)),
                    ("floor", .decimal(indicator.floor)), ("weight", .decimal(indicator.weight)),
                ],
                results: [("measured", .flag(result.measured))]
                    + (result.value.map { [("value", StepValue.decimal($0))] } ?? [])
                    + [("points", .decimal(result.points))]
            )
            results.append(result)
        }
        let step = "quality"
        let weights = try exactly(step) { () throws(ArithmeticError) in try terms.indicators.map(\.weight).sum() }
        var weighted = Fraction.zero
        for result in results { weighted = weighted + Fraction(result.indicator.weight) * Fraction(result.points) }
        let score = try rate(try exactly(step) { () throws(ArithmeticError) in try weighted / Fraction(weights) }, step)
        if score < terms.minimumScore {
            failures.insert("the score \(score) is below the minimum \(terms.minimumScore)", at: 0)
        }
        let quality = QualityResult(
            indicators: results,
            score: score,
            minimumScore: terms.minimumScore,
            gatePassed: failures.isEmpty,
            gateFailures: failures
        )
        if case .sharedSavings(let sharing) = contract.settlement, sharing.sharingRate.quality != .none {
            let unmeasured = results.filter { $0.indicator.isMandatory && !$0.measured }.map { "'\($0.indicator.id)'" }
            if !unmeasured.isEmpty {
                throw SettlementError(
                    "the quality gate cannot be evaluated: mandatory indicator \(unmeasured.joined(separator: ", ")) has no observations"
                )
            }
        }
        record(
            step,
            "The quality score and its gates",
            formula:
                "score = Σ weight × points ÷ Σ weight; the gate passes when score ≥ minimum and every mandatory indicator is measured and not beyond its floor",
            inputs: results.map { ("weight.\($0.indicator.id)", StepValue.decimal($0.indicator.weight)) }
                + results.map { ("points.\($0.indicator.id)", StepValue.decimal($0.points)) } + [
                    ("minimumScore", .decimal(terms.minimumScore))
                ],
            results: [("score", .decimal(score)), ("gatePassed", .flag(quality.gatePassed))]
        )
        for failure in failures where !quality.gatePassed { warnings.append("quality gate: \(failure)") }
        return quality
    }
}
