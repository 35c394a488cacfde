extension SettlementCalculator {
    /// Step 8: each indicator's value and points, the weighted score, and the gates.
    ///
    /// An event indicator's value is its events per 1,000 person-years of eligible exposure, counting the
    /// events of members on days they are in the population; a measured indicator's value is the
    /// respondent-weighted mean of its observations. Points are 1 at or beyond the target, 0 at or beyond
    /// the floor, and linear in between; the score is the weighted mean of the points of the indicators in
    /// the score.
    ///
    /// An event indicator is observed when an input has an event row of it (counted or excluded) or
    /// declares that it had no events; a measured indicator when it has a value from at least one
    /// respondent. An indicator without observations is handled by the contract's
    /// ``UnobservedIndicatorRule``: the settlement is refused (the default), the indicator earns zero
    /// points, or it is left out of the score.
    ///
    /// - Throws: ``SettlementError`` when an indicator without observations refuses the settlement, or
    ///   when no indicator is left in the score.
    mutating func qualityStage(exposureDays: Int) throws(SettlementError) -> QualityResult? {
        guard let terms = contract.quality else { return nil }
        let daysInPeriod = contract.period.dayCount
        var results: [IndicatorResult] = []
        var failures: [String] = []
        var refusing: [OutcomeIndicator] = []
        for indicator in terms.indicators {
            let step = "quality.\(indicator.id)"
            var result = IndicatorResult(
                indicator: indicator,
                measured: false,
                observations: .none(terms.rule(whenUnobserved: indicator)),
                inScore: true,
                value: nil,
                points: .zero
            )
            var inputs: [(name: String, value: StepValue)] = []
            var exactValue: Fraction?
            if indicator.unit.isEventRate {
                let events = indicators.events[indicator.id]
                if events != nil || indicators.declaredWithoutEvents.contains(indicator.id) {
                    let (counted, excluded) = events ?? (0, 0)
                    result.observations = events == nil ? .declaredNoEvents : .events
                    result.events = counted
                    result.excludedEvents = excluded
                    exactValue = try exactly(step) { () throws(ArithmeticError) in
                        try Fraction(counted * 1_000) * Fraction(daysInPeriod) / Fraction(exposureDays)
                    }
                    inputs = [
                        ("events", .integer(counted)), ("excludedEvents", .integer(excluded)),
                        ("exposureDays", .integer(exposureDays)), ("daysInPeriod", .integer(daysInPeriod)),
                    ]
                }
            } else if let measure = indicators.measures[indicator.id], measure.respondents > 0 {
                result.observations = .measuredValues
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
            } else {
                switch terms.rule(whenUnobserved: indicator) {
                case .refuse:
                    refusing.append(indicator)
                case .zeroPoints:
                    warnings.append(
                        "indicator '\(indicator.id)' has no observations and earns zero points, as the contract says (whenUnobserved=\"zero-points\")"
                    )
                case .leaveOut:
                    result.inScore = false
                    warnings.append(
                        "indicator '\(indicator.id)' has no observations and is left out of the score, as the contract says (whenUnobserved=\"leave-out\")"
                    )
                }
                if indicator.isMandatory {
                    failures.append("mandatory indicator '\(indicator.id)' has no observations")
                }
            }
            record(
                step,
                "Points of indicator '\(indicator.id)' (\(indicator.better.rawValue) is better)",
                formula: (indicator.unit.isEventRate
                    ? "value = events × 1000 × days in period ÷ exposure days; "
                    : "value = Σ value × respondents ÷ Σ respondents; ")
                    + "points = (value − floor) ÷ (target − floor), limited to 0…1"
                    + (result.measured
                        ? "" : "; without observations, as the contract says: zero points, or left out of the score"),
                inputs: [("observations", .text(result.observations.name))]
                    + (result.observations.unobservedRule.map { [("whenUnobserved", StepValue.text($0.rawValue))] }
                        ?? [])
                    + inputs + [
                        ("baseline", .decimal(indicator.baseline)), ("target", .decimal(indicator.target)),
                        ("floor", .decimal(indicator.floor)), ("weight", .decimal(indicator.weight)),
                    ],
                results: [("measured", .flag(result.measured))]
                    + (result.value.map { [("value", StepValue.decimal($0))] } ?? [])
                    + [("points", .decimal(result.points)), ("inScore", .flag(result.inScore))]
            )
            results.append(result)
        }
        if !refusing.isEmpty {
            throw SettlementError(Self.refusal(unobserved: refusing))
        }
        let step = "quality"
        let scored = results.filter(\.inScore)
        guard !scored.isEmpty else {
            throw SettlementError(
                "the quality score cannot be computed: no indicator has observations, and the contract leaves every unobserved indicator out of the score"
            )
        }
        let weights = try exactly(step) { () throws(ArithmeticError) in try scored.map(\.indicator.weight).sum() }
        var weighted = Fraction.zero
        for result in scored { weighted = weighted + Fraction(result.indicator.weight) * Fraction(result.points) }
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
        let leftOut = results.filter { !$0.inScore }.map(\.indicator.id.rawValue)
        record(
            step,
            "The quality score and its gates",
            formula:
                "score = Σ weight × points ÷ Σ weight, over the indicators in the score; the gate passes when score ≥ minimum and every mandatory indicator is measured and not beyond its floor",
            inputs: scored.map { ("weight.\($0.indicator.id)", StepValue.decimal($0.indicator.weight)) }
                + scored.map { ("points.\($0.indicator.id)", StepValue.decimal($0.points)) }
                + (leftOut.isEmpty ? [] : [("leftOut", StepValue.text(leftOut.joined(separator: ", ")))])
                + [("minimumScore", .decimal(terms.minimumScore))],
            results: [("score", .decimal(score)), ("gatePassed", .flag(quality.gatePassed))]
        )
        for failure in failures where !quality.gatePassed { warnings.append("quality gate: \(failure)") }
        return quality
    }

    /// Why a settlement is refused for indicators without observations, with what would let it go on.
    static func refusal(unobserved indicators: [OutcomeIndicator]) -> String {
        let names = indicators.map { "'\($0.id)'" }.joined(separator: ", ")
        let one = indicators.count == 1
        var fixes: [String] = []
        if let event = indicators.first(where: \.unit.isEventRate) {
            fixes.append(
                "for an event indicator that had no events, declare so with the row ',\(event.id),\(IndicatorObservations.noEventsDate)' in an events file"
            )
        }
        fixes.append(
            "or let the contract decide in advance with whenUnobserved=\"zero-points\" or \"leave-out\" on <indicators> or <indicator>"
        )
        return "indicator\(one ? "" : "s") \(names) \(one ? "has" : "have") no observations, and the contract "
            + "refuses to settle without them (whenUnobserved=\"refuse\", the default): supply the observations; "
            + fixes.joined(separator: "; ")
    }
}
