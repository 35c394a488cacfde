extension SettlementCalculator {
    /// Step 8: each indicator's value and points, the weighted score, and the gates.
    ///
    /// An event indicator's value is its events per 1,000 person-years of eligible exposure, counting the
    /// events of members on days they are in the population; a measured indicator's value is the
    /// respondent-weighted mean of its observations. Points are 1 at or beyond the target, 0 at or beyond
    /// the floor, and linear in between; the score is the weighted mean of the points of the indicators in
    /// the score.
    ///
    /// An event indicator is observed when at least one of its events counts or an input declares that it
    /// had none (events that all lie outside the population or the period are no observation); a measured
    /// indicator when it has a value from at least one respondent. An indicator without observations is
    /// handled by the contract's ``UnobservedIndicatorRule``: the settlement is refused (the default), the
    /// indicator earns zero points, or it is left out of the score. When the score changes no payment, an
    /// indicator under `refuse` is left out of the score instead, and named.
    ///
    /// - Throws: ``SettlementError`` when the score changes a payment and an indicator without observations
    ///   refuses the settlement, or no indicator is left in the score.
    mutating func qualityStage(exposureDays: Int) throws(SettlementError) -> QualityResult? {
        guard let terms = contract.quality else { return nil }
        let movesMoney = Self.qualityChangesPayments(contract.settlement)
        var results: [IndicatorResult] = []
        var failures: [GateFailure] = []
        var refusing: [IndicatorResult] = []
        for indicator in terms.indicators {
            let result = try indicatorResult(indicator, terms: terms, exposureDays: exposureDays, failures: &failures)
            switch result.observations {
            case .none(.refuse) where movesMoney:
                refusing.append(result)
            case .none(let rule):
                warnings.append(
                    SettlementWarning(
                        .indicatorUnobserved(
                            indicator: indicator.id,
                            rule: rule,
                            excludedEvents: result.excludedEvents ?? 0
                        )
                    )
                )
            case .declaredNoEvents:
                warnings.append(SettlementWarning(.indicatorDeclaredWithoutEvents(indicator: indicator.id)))
            case .events, .measuredValues:
                break
            }
            recordIndicator(result, exposureDays: exposureDays)
            results.append(result)
        }
        if !refusing.isEmpty {
            throw SettlementError(.unobservedIndicators, Self.refusal(unobserved: refusing, terms: terms))
        }
        let step = "quality"
        let scored = results.filter(\.inScore)
        var score = ExactDecimal.zero
        if scored.isEmpty {
            guard !movesMoney else {
                throw SettlementError(
                    .noQualityScore,
                    "the quality score cannot be computed: no indicator has observations, and the contract leaves every unobserved indicator out of the score"
                )
            }
            failures.insert(.noScore, at: 0)
        } else {
            let weights = try exactly(step) { () throws(ArithmeticError) in try scored.map(\.indicator.weight).sum() }
            var weighted = Fraction.zero
            for result in scored { weighted = weighted + Fraction(result.indicator.weight) * Fraction(result.points) }
            score = try rate(try exactly(step) { () throws(ArithmeticError) in try weighted / Fraction(weights) }, step)
            if score < terms.minimumScore {
                failures.insert(.scoreBelowMinimum(score: score, minimum: terms.minimumScore), at: 0)
            }
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
        for failure in failures where !quality.gatePassed { warnings.append(SettlementWarning(.qualityGate(failure))) }
        return quality
    }

    /// Whether the quality score changes a payment: the sharing rate of shared savings depends on it (and
    /// through it, a loss-sharing rate that complements the sharing rate).
    static func qualityChangesPayments(_ settlement: SettlementTerms) -> Bool {
        if case .sharedSavings(let terms) = settlement { return terms.sharingRate.quality != .none }
        return false
    }

    /// One indicator's observations, value and points.
    ///
    /// An unobserved indicator has the contract's rule and no value. Adds the gate failures of a mandatory
    /// indicator.
    private func indicatorResult(
        _ indicator: OutcomeIndicator,
        terms: QualityTerms,
        exposureDays: Int,
        failures: inout [GateFailure]
    ) throws(SettlementError) -> IndicatorResult {
        let step = "quality.\(indicator.id)"
        var result = IndicatorResult(
            indicator: indicator,
            measured: false,
            observations: .none(terms.rule(whenUnobserved: indicator)),
            value: nil,
            points: .zero
        )
        var exactValue: Fraction?
        if indicator.unit.isEventRate {
            let (counted, excluded) = indicators.events[indicator.id] ?? (0, 0)
            result.events = counted
            result.excludedEvents = excluded
            let declared = indicators.declaredWithoutEvents.contains(indicator.id)
            if counted > 0 || declared {
                result.observations = counted > 0 ? .events : .declaredNoEvents
                let days = contract.period.dayCount
                exactValue = try exactly(step) { () throws(ArithmeticError) in
                    try Fraction(counted * 1_000) * Fraction(days) / Fraction(exposureDays)
                }
            }
        } else if let measure = indicators.measures[indicator.id], measure.respondents > 0 {
            result.observations = .measuredValues
            result.respondents = measure.respondents
            exactValue = try exactly(step) { () throws(ArithmeticError) in
                try Fraction(measure.weightedSum) / Fraction(measure.respondents)
            }
        }
        guard let exactValue else {
            if indicator.isMandatory { failures.append(.mandatoryUnobserved(indicator: indicator.id)) }
            return result
        }
        let value = try rate(exactValue, step)
        result.measured = true
        result.value = value
        let span = Fraction(indicator.target) - Fraction(indicator.floor)
        let raw = try exactly(step) { () throws(ArithmeticError) in
            try (Fraction(value) - Fraction(indicator.floor)) / span
        }
        result.points = try rate(raw.atLeast(.zero).atMost(.one), step)
        if indicator.isMandatory, raw < .zero {
            failures.append(.mandatoryBeyondFloor(indicator: indicator.id, value: value, floor: indicator.floor))
        }
        return result
    }

    /// Records the step of one indicator: what was observed, the value and the points.
    private mutating func recordIndicator(_ result: IndicatorResult, exposureDays: Int) {
        let indicator = result.indicator
        var inputs: [(name: String, value: StepValue)] = [("observations", .text(result.observations.name))]
        if let rule = result.observations.unobservedRule { inputs.append(("whenUnobserved", .text(rule.rawValue))) }
        if indicator.unit.isEventRate {
            inputs += [
                ("events", .integer(result.events ?? 0)), ("excludedEvents", .integer(result.excludedEvents ?? 0)),
                ("exposureDays", .integer(exposureDays)), ("daysInPeriod", .integer(contract.period.dayCount)),
            ]
        } else if let respondents = result.respondents, let measure = indicators.measures[indicator.id] {
            inputs += [
                ("valueTimesRespondents", .decimal(measure.weightedSum)), ("respondents", .integer(respondents)),
            ]
        }
        record(
            "quality.\(indicator.id)",
            "Points of indicator '\(indicator.id)' (\(indicator.better.rawValue) is better)",
            formula: (indicator.unit.isEventRate
                ? "value = events × 1000 × days in period ÷ exposure days; "
                : "value = Σ value × respondents ÷ Σ respondents; ")
                + "points = (value − floor) ÷ (target − floor), limited to 0…1"
                + (result.measured
                    ? "" : "; without observations: zero points, or left out of the score, as the contract says"),
            inputs: inputs + [
                ("baseline", .decimal(indicator.baseline)), ("target", .decimal(indicator.target)),
                ("floor", .decimal(indicator.floor)), ("weight", .decimal(indicator.weight)),
            ],
            results: [("measured", .flag(result.measured))]
                + (result.value.map { [("value", StepValue.decimal($0))] } ?? [])
                + (result.inScore ? [("points", StepValue.decimal(result.points))] : [])
                + [("inScore", .flag(result.inScore))]
        )
    }

    /// ", all of its 6 events outside the population or the period" when an unobserved event indicator
    /// had events that did not count; empty otherwise.
    static func excludedNote(_ result: IndicatorResult) -> String {
        guard let excluded = result.excludedEvents, excluded > 0 else { return "" }
        return excluded == 1
            ? " (its one event lies outside the population or the period)"
            : " (all of its \(excluded) events lie outside the population or the period)"
    }

    /// Why a settlement is refused for indicators without observations, where the rule comes from, and
    /// what would let it go on.
    static func refusal(unobserved results: [IndicatorResult], terms: QualityTerms) -> String {
        let one = results.count == 1
        let names = results.map { "'\($0.indicator.id)'\(excludedNote($0))" }.joined(separator: ", ")
        let sources = Set(
            results.map { result in
                result.indicator.whenUnobserved != nil
                    ? "on the indicator" : (terms.whenUnobserved != nil ? "on <indicators>" : "the default")
            }
        ).sorted()
        var text =
            "indicator\(one ? "" : "s") \(names) \(one ? "has" : "have") no observations, and the quality score "
            + "changes the payment, so the contract refuses to settle without \(one ? "it" : "them") "
            + "(whenUnobserved=\"refuse\", \(sources.joined(separator: " and "))): supply the observations"
        let outside = results.filter { ($0.excludedEvents ?? 0) > 0 }.map { "'\($0.indicator.id)'" }
        if !outside.isEmpty {
            text += "; check that the events of \(outside.joined(separator: ", ")) are those of the period"
        }
        // Declaring no events is offered only where no event was given at all.
        let events = results.filter { $0.indicator.unit.isEventRate && ($0.excludedEvents ?? 0) == 0 }
            .map(\.indicator.id)
        if !events.isEmpty {
            let rows = events.map { "',\($0),\(IndicatorObservations.noEventsDate)'" }.joined(separator: ", ")
            text +=
                "; for an event indicator measured without events, declare so in an events file with the row"
                + (events.count == 1 ? " " : "s ") + rows
        }
        let mandatory = results.contains(where: \.indicator.isMandatory)
        let allMandatory = results.allSatisfy(\.indicator.isMandatory)
        let choices =
            allMandatory
            ? "whenUnobserved=\"zero-points\""
            : "whenUnobserved=\"zero-points\" or \"leave-out\""
                + (mandatory ? " (a mandatory indicator cannot be left out)" : "")
        return text + "; or state in the contract what happens without observations: \(choices)"
    }
}
