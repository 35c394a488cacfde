extension SettlementCalculator {
    /// Step 1: who is in the population, and for how many days.
    mutating func populationStage() throws(SettlementError) -> PopulationResult {
        let exposureDays = population.exposureDays
        let daysInPeriod = contract.period.dayCount
        let personYears = try rate(
            try exactly("population") { () throws(ArithmeticError) in
                try Fraction(BigInteger(exposureDays), over: BigInteger(daysInPeriod))
            },
            "population"
        )
        let excluded = IneligibilityReason.allCases.compactMap { reason in
            population.excluded[reason].map { (reason: reason, members: $0) }
        }
        let result = PopulationResult(
            rosterMembers: population.roster.count,
            members: population.memberCount,
            exposureDays: exposureDays,
            daysInPeriod: daysInPeriod,
            personYears: personYears,
            excluded: excluded
        )
        // The criteria as data: the ages on their date, and the area and insurers where the contract names any.
        let criteria = contract.population
        let areas: [(name: String, value: StepValue)] =
            (criteria.postcodeRanges.isEmpty
                ? [] : [("postcodes", .text(criteria.postcodeRanges.map(\.description).joined(separator: ", ")))])
            + (criteria.municipalities.isEmpty
                ? [] : [("municipalities", .text(criteria.municipalities.joined(separator: ", ")))])
            + (criteria.insurers.isEmpty ? [] : [("insurers", .text(criteria.insurers.joined(separator: ", ")))])
        record(
            "population",
            "Members of the population and their days of eligibility in the period",
            formula: "person-years = exposure days ÷ days in period",
            inputs: [
                ("rosterMembers", .integer(result.rosterMembers)),
                ("period", .text(contract.period.description)),
                ("ages", .text(contract.population.ageRange.description)),
                ("agesOn", .text(contract.population.referenceDate.description)),
            ] + areas + [
                ("daysInPeriod", .integer(daysInPeriod))
            ] + excluded.map { ("excluded.\($0.reason.rawValue)", .integer($0.members)) },
            results: [
                ("members", .integer(result.members)),
                ("exposureDays", .integer(exposureDays)),
                ("personYears", .decimal(personYears)),
            ]
        )
        return result
    }

    /// Step 2: risk scores under each model a regime uses, their mean, and the growth cap.
    mutating func riskStage(exposureDays: Int) throws(SettlementError) -> [RiskResult] {
        var results: [RiskResult] = []
        for model in contract.riskModels {
            let regimes = contract.regimes.filter { $0.riskModel == model.id }.map(\.regime)
            guard !regimes.isEmpty else { continue }
            let step = "risk.\(model.id)"
            var riskWeightedDays = ExactDecimal.zero
            // The demographic part: the cell weights alone, normalised.
            var demographicDays = ExactDecimal.zero
            var memberDays = Array(repeating: ExactDecimal.zero, count: population.windows.count)
            var memberScores = Array(repeating: ExactDecimal.zero, count: population.windows.count)
            // A score follows from sex, age and markers alone, which many members share.
            var scores: [ScoreKey: RiskScore] = [:]
            for (index, window) in population.windows.enumerated() {
                guard let window else { continue }
                let member = population.roster[index]
                let key = ScoreKey(sex: member.sex, age: population.ages[index], markers: member.markers)
                let score: RiskScore
                if let known = scores[key] {
                    score = known
                } else {
                    do {
                        score = try model.score(sex: key.sex, age: key.age, markers: key.markers)
                    } catch {
                        // No cell for the member is the contract's terms; an overflow, arithmetic.
                        let code: SettlementError.Code =
                            if case .noCell = error { .contractTerms } else { .arithmetic }
                        throw SettlementError(
                            code,
                            "the member in row \(index + 1) of the roster cannot be scored: \(error)"
                        )
                    }
                    scores[key] = score
                }
                memberScores[index] = score.normalised
                memberDays[index] = try exactly(step) { () throws(ArithmeticError) in
                    try score.normalised * ExactDecimal(window.dayCount)
                }
                riskWeightedDays = try exactly(step) { () throws(ArithmeticError) in
                    try riskWeightedDays + memberDays[index]
                }
                demographicDays = try exactly(step) { () throws(ArithmeticError) in
                    try demographicDays + score.cellWeight * model.normalisationFactor * ExactDecimal(window.dayCount)
                }
            }
            memberRiskDays[model.id] = memberDays
            memberRiskScores[model.id] = memberScores
            let mean = try exactly(step) { () throws(ArithmeticError) in
                try Fraction(riskWeightedDays) / Fraction(exposureDays)
            }
            let demographicMean = try exactly(step) { () throws(ArithmeticError) in
                try Fraction(demographicDays) / Fraction(exposureDays)
            }
            var budgetDays = riskWeightedDays
            var applied = false
            // The limits of the mean the cap sets: on the whole score, and beyond the demographic part.
            var wholeLimit: ExactDecimal?
            var demographicLimit: ExactDecimal?
            var demographicGrowth: ExactDecimal?
            if let cap = model.growthCap {
                if let percent = cap.percent, let baseline = cap.baselineMeanScore {
                    wholeLimit = try exactly(step) { () throws(ArithmeticError) in
                        try baseline * (ExactDecimal.one + percent.fraction)
                    }
                }
                if let points = cap.demographicPlus, let baseline = cap.baselineMeanScore,
                    let baselineDemographic = cap.baselineDemographicMeanScore
                {
                    let growth = try rate(
                        try exactly(step) { () throws(ArithmeticError) in
                            try demographicMean / Fraction(baselineDemographic)
                        },
                        step
                    )
                    demographicGrowth = growth
                    demographicLimit = try exactly(step) { () throws(ArithmeticError) in
                        try baseline * (growth + points.fraction)
                    }
                }
                if cap.baselineMeanScore == nil {
                    warnings.append(SettlementWarning(.growthCapWithoutBaseline(model: model.id)))
                } else if cap.demographicPlus != nil, cap.baselineDemographicMeanScore == nil {
                    warnings.append(SettlementWarning(.demographicLimitWithoutBaseline(model: model.id)))
                }
            }
            let capMean = [wholeLimit, demographicLimit].compactMap { $0 }.min()
            if let capMean, mean > Fraction(capMean) {
                applied = true
                budgetDays = try exactly(step) { () throws(ArithmeticError) in
                    try capMean * ExactDecimal(exposureDays)
                }
            }
            let meanScore = try rate(mean, step)
            let demographicMeanScore = try rate(demographicMean, step)
            let result = RiskResult(
                model: model.id,
                regimes: regimes,
                riskWeightedDays: riskWeightedDays,
                meanScore: meanScore,
                demographicMeanScore: demographicMeanScore,
                markerMeanScore: try exactly(step) { () throws(ArithmeticError) in
                    try meanScore - demographicMeanScore
                },
                demographicGrowth: demographicGrowth,
                normalisationFactor: model.normalisationFactor,
                growthCap: model.growthCap,
                growthCapApplied: applied,
                budgetRiskWeightedDays: budgetDays
            )
            var inputs: [(name: String, value: StepValue)] = [
                ("members", .integer(population.memberCount)),
                ("exposureDays", .integer(exposureDays)),
                ("normalisationFactor", .decimal(model.normalisationFactor)),
            ]
            if let cap = model.growthCap {
                if let percent = cap.percent { inputs.append(("growthCap", .percent(percent))) }
                if let points = cap.demographicPlus { inputs.append(("growthCapBeyondDemographic", .percent(points))) }
                if let baseline = cap.baselineMeanScore { inputs.append(("baselineMeanScore", .decimal(baseline))) }
                if let baseline = cap.baselineDemographicMeanScore {
                    inputs.append(("baselineDemographicMeanScore", .decimal(baseline)))
                }
            }
            var stepResults: [(name: String, value: StepValue)] = [
                ("riskWeightedDays", .decimal(riskWeightedDays)),
                ("meanScore", .decimal(result.meanScore)),
                ("demographicRiskWeightedDays", .decimal(demographicDays)),
                ("demographicMeanScore", .decimal(result.demographicMeanScore)),
                ("markerMeanScore", .decimal(result.markerMeanScore)),
            ]
            if let demographicGrowth { stepResults.append(("demographicGrowth", .decimal(demographicGrowth))) }
            if let wholeLimit, demographicLimit != nil {
                stepResults.append(("limitOfWholeScore", .decimal(wholeLimit)))
            }
            if let demographicLimit, wholeLimit != nil {
                stepResults.append(("limitBeyondDemographic", .decimal(demographicLimit)))
            }
            if let capMean {
                stepResults.append(("cappedMeanScore", .decimal(capMean)))
                stepResults.append(("growthCapApplied", .flag(applied)))
            }
            record(
                step,
                "Risk scores under model '\(model.id)' (for \(regimes.map(\.rawValue).joined(separator: ", ")))",
                formula: "score = (cell weight + marker weights + interaction weights) × normalisation factor; "
                    + "risk-weighted days = Σ score × days; mean = risk-weighted days ÷ exposure days; demographic "
                    + "mean = Σ cell weight × normalisation factor × days ÷ exposure days; marker mean = mean − "
                    + "demographic mean"
                    + (wholeLimit == nil ? "" : "; limit of the whole score = baseline × (1 + cap)")
                    + (demographicLimit == nil
                        ? ""
                        : "; demographic growth = round6(demographic mean ÷ baseline demographic mean); limit beyond "
                            + "the demographic part = baseline × (demographic growth + points ÷ 100)")
                    + (capMean == nil
                        ? ""
                        : "; capped mean = the lower limit; when risk-weighted days ÷ exposure days (the exact mean, "
                            + "not the rounded meanScore) > capped mean, risk-weighted days = capped mean × exposure "
                            + "days"),
                inputs: inputs,
                results: stepResults
            )
            results.append(result)
        }
        return results
    }

    /// Step 3: the budget per regime: per-capita amount × risk-weighted person-years, trended and
    /// discounted, plus lump sums.
    mutating func budgetStage(
        risk: [RiskResult],
        exposureDays: Int,
        daysInPeriod: Int
    ) throws(SettlementError) -> [RegimeResult] {
        var results: [RegimeResult] = []
        for terms in contract.regimes {
            let step = "budget.\(terms.regime)"
            let riskWeightedDays =
                terms.riskModel.flatMap { model in risk.first { $0.model == model }?.budgetRiskWeightedDays }
                ?? ExactDecimal(exposureDays)
            let days = Fraction(riskWeightedDays)
            let trends = terms.trends.filter { $0.year == nil }
            let forecast = trends.reduce(Fraction.one) { $0 * (Fraction.one + Fraction($1.percent.fraction)) }
            // The retrospective trend adjustment, when the actual trend is known.
            let year = contract.period.start.year
            var adjustment: (forecast: Fraction, ratio: Fraction, applied: Fraction)?
            if let rule = terms.trendAdjustment {
                adjustment = try exactly(step) { () throws(ArithmeticError) in
                    try rule.factors(year: year, budgetForecast: forecast)
                }
                if adjustment == nil {
                    warnings.append(SettlementWarning(.trendAdjustmentWithoutActual(regime: terms.regime, year: year)))
                }
            }
            let factor = terms.budgetFactor * (adjustment?.applied ?? .one)
            let exact = try exactly(step) { () throws(ArithmeticError) in
                try Fraction(cents: terms.perCapitaAnnual) * days / Fraction(daysInPeriod) * factor
            }
            let capitationBudget = try money(exact, step)
            let lumpSums = try exactly(step) { () throws(ArithmeticError) in
                try contract.lumpSums.filter { $0.payer == terms.financier }.map(\.amount).sum()
            }
            let budget = try exactly(step) { () throws(ArithmeticError) in try capitationBudget + lumpSums }
            let personYears = try rate(
                try exactly(step) { () throws(ArithmeticError) in try days / Fraction(daysInPeriod) },
                step
            )
            var inputs: [(name: String, value: StepValue)] = [
                ("perCapitaAnnual", .cents(terms.perCapitaAnnual)),
                (
                    terms.riskModel == nil ? "riskWeightedDays (no risk model: exposure days)" : "riskWeightedDays",
                    .decimal(riskWeightedDays)
                ),
                ("daysInPeriod", .integer(daysInPeriod)),
            ]
            for (number, trend) in trends.enumerated() {
                inputs.append(("trend.\(trend.label ?? String(number + 1))", .percent(trend.percent)))
            }
            if let discount = terms.discount { inputs.append(("discount", .percent(discount))) }
            var adjustmentResult: TrendAdjustmentResult?
            var adjustmentResults: [(name: String, value: StepValue)] = []
            if let rule = terms.trendAdjustment {
                let actual = rule.actual(for: year)
                if let actual {
                    inputs.append(("actualTrend", .percent(actual.percent)))
                    if let forecastPercent = actual.forecastPercent {
                        inputs.append(("forecastTrend", .percent(forecastPercent)))
                    }
                }
                inputs.append(("trendAdjustmentThreshold", .percent(rule.threshold)))
                for corridor in rule.corridors {
                    let name = "\(corridor.from.value)-\(corridor.to.map { "\($0.value)" } ?? "")"
                    inputs.append(("corridorBorne.\(name)", .percent(corridor.borne)))
                }
                let result = TrendAdjustmentResult(
                    year: year,
                    forecastFactor: try rate(adjustment?.forecast ?? forecast, step),
                    actualPercent: actual?.percent,
                    ratio: try adjustment.map { adjustment throws(SettlementError) in try rate(adjustment.ratio, step)
                    },
                    appliedFactor: try rate(adjustment?.applied ?? .one, step),
                    threshold: rule.threshold,
                    corridors: rule.corridors
                )
                adjustmentResult = result
                adjustmentResults = [("forecastFactor", .decimal(result.forecastFactor))]
                if let ratio = result.ratio { adjustmentResults.append(("trendRatio", .decimal(ratio))) }
                adjustmentResults.append(("trendAdjustmentFactor", .decimal(result.appliedFactor)))
            }
            inputs.append(("lumpSums", .cents(lumpSums)))
            record(
                step,
                "Budget of the \(terms.regime)",
                formula: "capitation budget = round(per-capita amount × risk-weighted days ÷ days in period"
                    + (trends.isEmpty ? "" : " × Π (1 + trend)")
                    + (terms.discount == nil ? "" : " × (1 − discount)")
                    + (terms.trendAdjustment == nil ? "" : " × trend adjustment factor")
                    + "); budget = capitation budget + lump sums"
                    + (terms.trendAdjustment == nil
                        ? ""
                        : "; forecast factor = 1 + forecast trend, or Π (1 + trend) when the actual names none; "
                            + "trend ratio = (1 + actual trend) ÷ forecast factor; "
                            + "trend adjustment factor = 1 when |ratio − 1| ≤ threshold, else 1 ± Σ corridor borne × "
                            + "part of |ratio − 1| in the corridor, signed as ratio − 1 (exact; reported to six "
                            + "decimals)"),
                inputs: inputs,
                results: adjustmentResults + [
                    ("riskWeightedPersonYears", .decimal(personYears)),
                    ("capitationBudget", .cents(capitationBudget)),
                    ("budget", .cents(budget)),
                ]
            )
            results.append(
                RegimeResult(
                    regime: terms.regime,
                    financier: terms.financier,
                    riskModel: terms.riskModel,
                    perCapitaAnnual: terms.perCapitaAnnual,
                    riskWeightedPersonYears: personYears,
                    capitationBudget: capitationBudget,
                    lumpSums: lumpSums,
                    budget: budget,
                    claims: .zero,
                    truncated: .zero,
                    expenditure: .zero,
                    savings: .zero,
                    savingsRate: nil,
                    outOfScope: .zero,
                    acceptedLines: 0,
                    trendAdjustment: adjustmentResult
                )
            )
        }
        return results
    }
}

extension RegimeTerms {
    /// Π (1 + trend) over the undated trends × (1 − discount): what the budget applies to the per-capita amount.
    ///
    /// Dated trends are growth between years: they trend baselines and index later years
    /// (``Contract/forYear(_:)`` turns those into undated trends), never the budget as they stand.
    var budgetFactor: Fraction {
        var factor = Fraction.one
        for trend in trends where trend.year == nil {
            factor = factor * (Fraction.one + Fraction(trend.percent.fraction))
        }
        if let discount { factor = factor * (Fraction.one - Fraction(discount.fraction)) }
        return factor
    }
}

extension PopulationCriteria {
    /// The criteria in words, for reports: `age 75+ on 2026-01-01; postcodes 7100–7109 or municipality 0294; insurer 3311`.
    package var summary: String {
        var parts = ["age \(ageRange) on \(referenceDate)"]
        let areas = postcodeRanges.map { "postcodes \($0)" } + municipalities.map { "municipality \($0)" }
        if !areas.isEmpty { parts.append(areas.joined(separator: " or ")) }
        if !insurers.isEmpty { parts.append("insurer " + insurers.joined(separator: " or ")) }
        return parts.joined(separator: "; ")
    }
}

/// What a member's risk score follows from.
private struct ScoreKey: Hashable {
    var sex: Sex
    var age: Int
    var markers: [RiskMarkerID]
}
