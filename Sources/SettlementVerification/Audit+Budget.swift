import CapitationCore

extension Audit {
    /// `population`: person-years = exposure days ÷ days in period, and the section says the same.
    mutating func population(_ node: Recorded) throws(Unreadable) {
        let exposure = try node["result"]["exposureDays"].number()
        let days = try node["inputs"]["daysInPeriod"].integer()
        if let period = daysInPeriod { expect(node["inputs"]["daysInPeriod"], integer: period) }
        let personYears = rate(try divide(exposure, Fraction(days), "inputs.daysInPeriod"))
        expect(node["result"]["personYears"], decimal: personYears)
        let section = document["population"]
        expect(section["personYears"], decimal: personYears)
        expect(section["exposureDays"], integer: try node["result"]["exposureDays"].integer())
        expect(section["daysInPeriod"], integer: days)
        expect(section["members"], integer: try node["result"]["members"].integer())
        expect(section["rosterMembers"], integer: try node["inputs"]["rosterMembers"].integer())
        // Everyone on the roster is in the population or excluded for one reason.
        var accounted = try section["members"].integer()
        for excluded in section["excluded"].elements() { accounted += try excluded["members"].integer() }
        expect(section["rosterMembers"], integer: accounted)
        cannotRecompute(
            "population",
            "who is in the population follows from the roster, which the document does not hold"
        )
    }

    /// `risk.MODEL`: the mean scores from the risk-weighted days, and the growth cap.
    mutating func risk(_ node: Recorded, model: String) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let exposure = try inputs["exposureDays"].number()
        expect(inputs["exposureDays"], number: try document["population"]["exposureDays"].number())
        let riskDays = try result["riskWeightedDays"].decimal()
        let demographicDays = try result["demographicRiskWeightedDays"].decimal()
        let exactMean = try divide(riskDays, exposure, "inputs.exposureDays")
        let exactDemographic = try divide(demographicDays, exposure, "inputs.exposureDays")
        let mean = rate(exactMean)
        let demographic = rate(exactDemographic)
        expect(result["meanScore"], decimal: mean)
        expect(result["demographicMeanScore"], decimal: demographic)
        expect(result["markerMeanScore"], decimal: mean - demographic)
        // The limits of the mean: on the whole score, and beyond the demographic part.
        let baseline = try inputs["baselineMeanScore"].optionalDecimal()
        var whole: Fraction?
        var beyond: Fraction?
        var growth: Fraction?
        if let baseline, let cap = try inputs["growthCapPercent"].optionalDecimal() {
            whole = baseline * (Fraction.one + Self.percent(cap))
        }
        if let baseline, let points = try inputs["growthCapBeyondDemographicPercent"].optionalDecimal(),
            let baselineDemographic = try inputs["baselineDemographicMeanScore"].optionalDecimal()
        {
            let grown = rate(try divide(exactDemographic, baselineDemographic, "inputs.baselineDemographicMeanScore"))
            growth = grown
            beyond = baseline * (grown + Self.percent(points))
            expect(result["demographicGrowth"], decimal: grown)
        }
        if let whole, beyond != nil { expect(result["limitOfWholeScore"], decimal: whole) }
        if let beyond, whole != nil { expect(result["limitBeyondDemographic"], decimal: beyond) }
        let capped = [whole, beyond].compactMap { $0 }.min()
        var applied = false
        var budgetDays = riskDays
        if let capped {
            expect(result["cappedMeanScore"], decimal: capped)
            // The exact mean, not the rounded one, is compared with the limit.
            applied = exactMean > capped
            if applied { budgetDays = capped * exposure }
            expect(result["growthCapApplied"], flag: applied)
        }
        let section = document["risk"]["models"].elements(label: { try? $0["model"].text() }).first {
            (try? $0["model"].text()) == model
        }
        guard let section else {
            differ(field: "risk.models", recorded: "no model \(model)", expected: "the model of step risk.\(model)")
            return
        }
        // The cap's terms the step used are those the section records.
        expect(section["normalisationFactor"], decimal: try inputs["normalisationFactor"].decimal())
        expect(section["growthCapPercent"], optionalDecimal: try inputs["growthCapPercent"].optionalDecimal())
        expect(
            section["growthCapBeyondDemographicPoints"],
            optionalDecimal: try inputs["growthCapBeyondDemographicPercent"].optionalDecimal()
        )
        expect(section["baselineMeanScore"], optionalDecimal: baseline)
        expect(
            section["baselineDemographicMeanScore"],
            optionalDecimal: try inputs["baselineDemographicMeanScore"].optionalDecimal()
        )
        expect(section["riskWeightedDays"], decimal: riskDays)
        expect(section["meanScore"], decimal: mean)
        expect(section["demographicMeanScore"], decimal: demographic)
        expect(section["markerMeanScore"], decimal: mean - demographic)
        expect(section["demographicGrowth"], optionalDecimal: growth)
        expect(section["growthCapApplied"], flag: applied)
        expect(section["budgetRiskWeightedDays"], decimal: budgetDays)
        let risk = document["risk"]
        if (try? risk["models"].elements().first?["model"].text()) == model {
            // The section's own mean score and normalisation factor are the first model's.
            expect(risk["meanScore"], decimal: mean)
            expect(risk["normalisationFactor"], decimal: try inputs["normalisationFactor"].decimal())
        }
        cannotRecompute(
            "risk.\(model)",
            "the risk-weighted days are Σ score × days over the members, whom the document does not hold"
        )
    }

    /// `benchmark.REGIME`: the rebased per-capita amount, round(Σ weight × cost × days in period ÷
    /// risk-weighted days × trend factor ÷ Σ weight) over the baseline years.
    mutating func benchmark(_ node: Recorded, regime name: String) throws(Unreadable) {
        let inputs = node["inputs"]
        var weighted = Fraction.zero
        var weights = Fraction.zero
        for (year, cost) in inputs["costCents"].members {
            let perPersonYear = try divide(
                (try cost.cents()) * (try inputs["daysInPeriod"][year].number()),
                try inputs["riskWeightedDays"][year].decimal(),
                inputs["riskWeightedDays"][year].path
            )
            let weight = try inputs["weight"][year].decimal()
            weighted = weighted + weight * perPersonYear * (try inputs["trendFactor"][year].decimal())
            weights = weights + weight
        }
        let perCapita = money(try divide(weighted, weights, "inputs.weight"))
        expect(node["result"]["perCapitaAnnualCents"], cents: perCapita)
        expect(regime(name)["perCapitaAnnualCents"], cents: perCapita)
        cannotRecompute(
            "benchmark.\(name)",
            "each baseline year's cost and risk-weighted days follow from its claims and roster"
        )
    }

    /// `benchmark.risk.MODEL`: the baseline mean score, round6(Σ weight × the year's mean ÷ Σ weight), and
    /// its demographic part alike.
    mutating func benchmarkMean(_ node: Recorded, model: String) throws(Unreadable) {
        let inputs = node["inputs"]
        var means = Fraction.zero
        var demographic = Fraction.zero
        var weights = Fraction.zero
        for (year, weight) in inputs["weight"].members {
            means = means + (try weight.decimal()) * (try inputs["meanScore"][year].decimal())
            if inputs["demographicMeanScore"].isPresent {
                demographic =
                    demographic + (try weight.decimal()) * (try inputs["demographicMeanScore"][year].decimal())
            }
            weights = weights + (try weight.decimal())
        }
        let mean = rate(try divide(means, weights, "inputs.weight"))
        expect(node["result"]["baselineMeanScore"], decimal: mean)
        if inputs["demographicMeanScore"].isPresent {
            expect(
                node["result"]["baselineDemographicMeanScore"],
                decimal: rate(try divide(demographic, weights, "inputs.weight"))
            )
        }
        let risk = step("risk.\(model)")
        if let risk, risk["inputs"]["baselineMeanScore"].isPresent {
            expect(risk["inputs"]["baselineMeanScore"], decimal: mean)
        }
    }

    /// `budget.REGIME`: per-capita amount × risk-weighted days ÷ days in period × trends, discount and
    /// trend adjustment, rounded once; plus lump sums.
    mutating func budget(_ node: Recorded, regime name: String) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let regime = regime(name)
        let perCapita = try inputs["perCapitaAnnualCents"].cents()
        let withoutModel = inputs["riskWeightedDays (no risk model: exposure days)"]
        let daysNode = withoutModel.isPresent ? withoutModel : inputs["riskWeightedDays"]
        let riskDays = try daysNode.decimal()
        let days = Fraction(try inputs["daysInPeriod"].integer())
        // Without a risk model the budget weighs exposure days; with one, the model's risk-weighted days.
        if let model = try regime["riskModel"].optionalText() {
            let section = document["risk"]["models"].elements().first { (try? $0["model"].text()) == model }
            if withoutModel.isPresent { differ(withoutModel, "the risk-weighted days of model \(model)") }
            if let section {
                expect(daysNode, decimal: try section["budgetRiskWeightedDays"].decimal())
            } else {
                differ(regime["riskModel"], "a model of risk.models")
            }
        } else {
            if !withoutModel.isPresent { differ(daysNode, "no risk model: the exposure days, under their own key") }
            expect(daysNode, decimal: try document["population"]["exposureDays"].number())
        }
        expect(inputs["daysInPeriod"], integer: try document["population"]["daysInPeriod"].integer())
        // Π (1 + trend) × (1 − discount) × the trend adjustment's factor.
        var forecast = Fraction.one
        for (_, trend) in inputs["trendPercent"].members {
            forecast = forecast * (Fraction.one + Self.percent(try trend.decimal()))
        }
        var factor = forecast
        if let discount = try inputs["discountPercent"].optionalDecimal() {
            factor = factor * (Fraction.one - Self.percent(discount))
        }
        if inputs["trendAdjustmentThresholdPercent"].isPresent {
            factor = factor * (try trendAdjustment(inputs, result, forecast: forecast))
        }
        let exact = try divide(perCapita * riskDays, days, "inputs.daysInPeriod") * factor
        let capitationBudget = money(exact)
        let lumpSums = try inputs["lumpSumsCents"].cents()
        let personYears = rate(try divide(riskDays, days, "inputs.daysInPeriod"))
        expect(result["riskWeightedPersonYears"], decimal: personYears)
        expect(result["capitationBudgetCents"], cents: capitationBudget)
        expect(result["budgetCents"], cents: capitationBudget + lumpSums)
        expect(regime["perCapitaAnnualCents"], cents: perCapita)
        expect(regime["riskWeightedPersonYears"], decimal: personYears)
        expect(regime["capitationBudgetCents"], cents: capitationBudget)
        expect(regime["lumpSumCents"], cents: lumpSums)
        expect(regime["budgetCents"], cents: capitationBudget + lumpSums)
        // The lump sums are what the regime's financier pays as lump sums.
        let financier = try regime["financier"].text()
        let paid = transfers.filter { $0.from == financier && $0.reason.hasPrefix("lump sum") }
            .reduce(Fraction.zero) { $0 + $1.amount }
        expect(inputs["lumpSumsCents"], cents: paid)
    }

    /// The trend adjustment's factor, exact, from the actual trend, the forecast, the threshold and the
    /// corridors; checks the rounded factors the step reports.
    private mutating func trendAdjustment(
        _ inputs: Recorded,
        _ result: Recorded,
        forecast budgetForecast: Fraction
    ) throws(Unreadable) -> Fraction {
        guard let actual = try inputs["actualTrendPercent"].optionalDecimal() else {
            // No actual trend yet: the forecast stands.
            expect(result["forecastFactor"], decimal: rate(budgetForecast))
            expect(result["trendAdjustmentFactor"], decimal: .one)
            return .one
        }
        let forecast =
            try inputs["forecastTrendPercent"].optionalDecimal().map { Fraction.one + Self.percent($0) }
            ?? budgetForecast
        let ratio = try divide(Fraction.one + Self.percent(actual), forecast, "inputs.forecastTrendPercent")
        let deviation = ratio - Fraction.one
        let size = deviation < .zero ? Fraction.zero - deviation : deviation
        var applied = Fraction.one
        if size > Self.percent(try inputs["trendAdjustmentThresholdPercent"].decimal()) {
            var borne = Fraction.zero
            let corridors = inputs["corridorBornePercent"].members
            if corridors.isEmpty { borne = size }
            for (name, share) in corridors {
                let bounds = name.split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count == 2, let from = try? ExactDecimal(parsing: bounds[0]) else {
                    throw Unreadable(path: share.path, expected: "a corridor named FROM-TO in percent", found: name)
                }
                let lower = Self.percent(Fraction(from))
                guard size > lower else { continue }
                let upper = (try? ExactDecimal(parsing: bounds[1])).map { Self.percent(Fraction($0)) }
                let top = upper.map { size < $0 ? size : $0 } ?? size
                borne = borne + (top - lower) * Self.percent(try share.decimal())
            }
            applied = deviation < .zero ? Fraction.one - borne : Fraction.one + borne
        }
        expect(result["forecastFactor"], decimal: rate(forecast))
        expect(result["trendRatio"], decimal: rate(ratio))
        expect(result["trendAdjustmentFactor"], decimal: rate(applied))
        return applied
    }
}
