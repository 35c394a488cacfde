/// The nulmeting: per-capita amounts per regime from baseline years, risk-adjusted, trended and weighted.
///
/// For regime r and baseline year i with cost Cᵢ (accepted, truncated, in scope), risk-weighted days Rᵢ
/// and Dᵢ days in its period, the risk-adjusted cost per person-year is Cᵢ × Dᵢ ÷ Rᵢ: the annual cost of a
/// member of risk score 1. It is trended to the target year with the regime's dated trends,
/// Tᵢ = Π (1 + trend t) over the years t after year i up to the target year, and the years are weighted:
///
///     per-capita amount = round(Σ wᵢ × Cᵢ × Dᵢ ÷ Rᵢ × Tᵢ ÷ Σ w)
///
/// rounded once with the contract's rule from the exact value. The baseline mean risk score of each
/// model is Σ wᵢ × meanᵢ ÷ Σ w, rounded half-even to six decimals: the mean the growth cap compares against.
public struct BaselineCalculator: Sendable {
    public let contract: Contract
    public let targetYear: Int
    public let weights: [ExactDecimal]
    public let years: [BaselineYear]

    /// A baseline of `years` (oldest first) with `weights`, for performance year `targetYear`.
    public init(contract: Contract, targetYear: Int, weights: [ExactDecimal], years: [BaselineYear]) {
        self.contract = contract
        self.targetYear = targetYear
        self.weights = weights
        self.years = years
    }

    /// Computes the baseline.
    ///
    /// - Throws: ``SettlementError`` when the weights do not match the years, a year is not before the
    ///   target year or appears twice, a regime lacks the dated trend of a year it must be trended
    ///   through, a year has no risk-weighted days, or the arithmetic overflows.
    public func compute() throws(SettlementError) -> Baseline {
        guard !years.isEmpty else { throw SettlementError(.baselineIncomplete, "there are no baseline years") }
        guard weights.count == years.count else {
            throw SettlementError(.baselineIncomplete, "\(weights.count) weights for \(years.count) baseline years")
        }
        guard !weights.contains(where: \.isNegative), weights.contains(where: { !$0.isZero }) else {
            throw SettlementError(
                .baselineIncomplete,
                "the baseline weights must not be negative and at least one must be above zero"
            )
        }
        for (index, year) in years.enumerated() {
            guard year.year < targetYear else {
                throw SettlementError(
                    .baselineIncomplete,
                    "baseline year \(year.year) is not before the performance year \(targetYear)"
                )
            }
            if years[..<index].contains(where: { $0.year == year.year }) {
                throw SettlementError(.baselineIncomplete, "baseline year \(year.year) is given twice")
            }
        }
        let totalWeight = try exactly { () throws(ArithmeticError) in try weights.sum() }
        var regimes: [RegimeBaseline] = []
        for terms in contract.regimes {
            regimes.append(try regime(terms, totalWeight: totalWeight))
        }
        var means: [(model: RiskModelID, mean: ExactDecimal)] = []
        var demographicMeans: [(model: RiskModelID, mean: ExactDecimal)] = []
        for model in contract.riskModels where contract.regimes.contains(where: { $0.riskModel == model.id }) {
            var sum = Fraction.zero
            // The demographic part, weighted alike, when every year measured it.
            var demographicSum: Fraction? = .zero
            for (index, year) in years.enumerated() {
                guard let mean = year.meanScores[model.id] else {
                    throw SettlementError(
                        .baselineIncomplete,
                        "baseline year \(year.year) has no mean score under risk model '\(model.id)'"
                    )
                }
                sum = sum + Fraction(weights[index]) * Fraction(mean)
                demographicSum = year.demographicMeanScores[model.id].flatMap { demographic in
                    demographicSum.map { $0 + Fraction(weights[index]) * Fraction(demographic) }
                }
            }
            let mean = try exactly { () throws(ArithmeticError) in
                try (sum / Fraction(totalWeight)).decimal(scale: Settlement.rateScale, rounding: .halfEven)
            }
            means.append((model.id, mean))
            if let demographicSum {
                let demographic = try exactly { () throws(ArithmeticError) in
                    try (demographicSum / Fraction(totalWeight)).decimal(
                        scale: Settlement.rateScale,
                        rounding: .halfEven
                    )
                }
                demographicMeans.append((model.id, demographic))
            }
        }
        return Baseline(
            contractID: contract.id,
            targetYear: targetYear,
            weights: weights,
            years: years,
            regimes: regimes,
            meanScores: means,
            demographicMeanScores: demographicMeans
        )
    }

    private func regime(_ terms: RegimeTerms, totalWeight: ExactDecimal) throws(SettlementError) -> RegimeBaseline {
        let dated = terms.trends.filter { $0.year != nil }
        var rows: [RegimeBaseline.YearRow] = []
        var weighted = Fraction.zero
        for (index, year) in years.enumerated() {
            guard let position = year.regimes.firstIndex(of: terms.regime) else {
                throw SettlementError(
                    .baselineIncomplete,
                    "baseline year \(year.year) has no figures for the \(terms.regime)"
                )
            }
            let cost = year.costs[position]
            let days = year.riskWeightedDays[position]
            guard days > .zero else {
                throw SettlementError(
                    .baselineIncomplete,
                    "baseline year \(year.year) has no risk-weighted days in the \(terms.regime)"
                )
            }
            let needed = Array((year.year + 1)...targetYear)
            let missing = needed.filter { wanted in !dated.contains { $0.year == wanted } }
            guard missing.isEmpty else {
                throw SettlementError(
                    .baselineIncomplete,
                    "the \(terms.regime) cost of \(year.year) cannot be trended to \(targetYear): the contract has no "
                        + "trend for \(missing.map(String.init).joined(separator: ", ")) (give <trend year=\"…\" percent=\"…\"/>)"
                )
            }
            var factor = ExactDecimal.one
            for wanted in needed {
                guard let trend = dated.first(where: { $0.year == wanted }) else { continue }
                factor = try exactly { () throws(ArithmeticError) in
                    try factor * (ExactDecimal.one + trend.percent.fraction)
                }
            }
            let daysInPeriod = year.period.dayCount
            let perPersonYear = try exactly { () throws(ArithmeticError) in
                try Fraction(cents: cost) * Fraction(daysInPeriod) / Fraction(days)
            }
            let trended = perPersonYear * Fraction(factor)
            weighted = weighted + Fraction(weights[index]) * trended
            rows.append(
                RegimeBaseline.YearRow(
                    year: year.year,
                    cost: cost,
                    riskWeightedDays: days,
                    daysInPeriod: daysInPeriod,
                    costPerPersonYear: try money(perPersonYear),
                    trendFactor: factor,
                    trendedCostPerPersonYear: try money(trended),
                    weight: weights[index]
                )
            )
        }
        let perCapita = try money(try exactly { () throws(ArithmeticError) in try weighted / Fraction(totalWeight) })
        return RegimeBaseline(regime: terms.regime, riskModel: terms.riskModel, years: rows, perCapitaAnnual: perCapita)
    }

    private func money(_ value: Fraction) throws(SettlementError) -> Cents {
        try exactly { () throws(ArithmeticError) in try value.cents(rounding: contract.rounding) }
    }

    private func exactly<Value>(_ body: () throws(ArithmeticError) -> Value) throws(SettlementError) -> Value {
        do { return try body() } catch { throw .arithmetic(error, in: "baseline") }
    }
}

/// The result of a baseline: per regime the per-capita amount and how it was reached, and the baseline
/// mean risk score of each model.
public struct Baseline: Sendable {
    public var contractID: ContractID
    /// The performance year the amounts are trended to.
    public var targetYear: Int
    /// The weights of the years, oldest first.
    public var weights: [ExactDecimal]
    public var years: [BaselineYear]
    public var regimes: [RegimeBaseline]
    /// Per risk model the regimes use: the weighted mean score, six decimals.
    public var meanScores: [(model: RiskModelID, mean: ExactDecimal)]
    /// Per risk model the regimes use: the weighted demographic part of the mean score, six decimals; a
    /// model is missing when a year did not measure it.
    public var demographicMeanScores: [(model: RiskModelID, mean: ExactDecimal)] = []

    /// The per-capita amount of `regime`, if the baseline has one.
    public func perCapita(_ regime: Regime) -> Cents? {
        regimes.first { $0.regime == regime }?.perCapitaAnnual
    }
}

/// One regime's baseline.
public struct RegimeBaseline: Hashable, Sendable {
    public var regime: Regime
    public var riskModel: RiskModelID?
    public var years: [YearRow]
    /// round(Σ w × cost per person-year × trend factor ÷ Σ w), from exact values.
    public var perCapitaAnnual: Cents

    /// One year of a regime's baseline; the rounded amounts are for reading, the result uses exact values.
    public struct YearRow: Hashable, Sendable {
        public var year: Int
        public var cost: Cents
        public var riskWeightedDays: ExactDecimal
        public var daysInPeriod: Int
        /// cost × days in period ÷ risk-weighted days, rounded.
        public var costPerPersonYear: Cents
        /// Π (1 + trend) over the years after this one up to the target year.
        public var trendFactor: ExactDecimal
        /// cost per person-year × trend factor, rounded.
        public var trendedCostPerPersonYear: Cents
        public var weight: ExactDecimal
    }
}

extension Baseline {
    /// The calculation steps of a rebased benchmark, one per regime and one per risk model's baseline mean
    /// scores, for the settlement that uses it.
    public var steps: [SettlementStep] {
        regimeSteps + meanScoreSteps
    }

    /// How each model's baseline mean score, and its demographic part, were weighed from the years'.
    private var meanScoreSteps: [SettlementStep] {
        meanScores.map { entry in
            var inputs: [(name: String, value: StepValue)] = []
            let demographic = demographicMeanScores.first { $0.model == entry.model }?.mean
            for (index, year) in years.enumerated() {
                if let mean = year.meanScores[entry.model] { inputs.append(("meanScore.\(year.year)", .decimal(mean))) }
                if demographic != nil, let mean = year.demographicMeanScores[entry.model] {
                    inputs.append(("demographicMeanScore.\(year.year)", .decimal(mean)))
                }
                if index < weights.count { inputs.append(("weight.\(year.year)", .decimal(weights[index]))) }
            }
            var results: [(name: String, value: StepValue)] = [("baselineMeanScore", .decimal(entry.mean))]
            if let demographic { results.append(("baselineDemographicMeanScore", .decimal(demographic))) }
            return SettlementStep(
                id: "benchmark.risk.\(entry.model)",
                description: "The baseline mean risk score under model '\(entry.model)' that the growth cap compares "
                    + "with, weighed from " + years.map { String($0.year) }.joined(separator: ", "),
                formula: "baseline mean = round6(Σ weight × the year's mean score ÷ Σ weight); the demographic part "
                    + "alike",
                inputs: inputs,
                results: results
            )
        }
    }

    private var regimeSteps: [SettlementStep] {
        regimes.map { regime in
            var inputs: [(name: String, value: StepValue)] = []
            for row in regime.years {
                inputs += [
                    ("cost.\(row.year)", .cents(row.cost)),
                    ("riskWeightedDays.\(row.year)", .decimal(row.riskWeightedDays)),
                    ("daysInPeriod.\(row.year)", .integer(row.daysInPeriod)),
                    ("trendFactor.\(row.year)", .decimal(row.trendFactor)),
                    ("weight.\(row.year)", .decimal(row.weight)),
                ]
            }
            return SettlementStep(
                id: "benchmark.\(regime.regime)",
                description: "The per-capita amount of the \(regime.regime), rebased on "
                    + years.map { String($0.year) }.joined(separator: ", ") + " and trended to \(targetYear)",
                formula: "per-capita amount = round(Σ weight × cost × days in period ÷ risk-weighted days × trend "
                    + "factor ÷ Σ weight)",
                inputs: inputs,
                results: [("perCapitaAnnual", .cents(regime.perCapitaAnnual))]
            )
        }
    }
}
