/// The effect of a fieldlab against a comparison population: difference-in-differences of risk-adjusted
/// cost per person-year.
///
/// For a population, a year y and a regime r with cost C (accepted, truncated, in scope), risk-weighted days
/// R and D days in the year's period, the risk-adjusted cost per person-year is C × D ÷ R, the annual cost
/// of a person of risk score 1, as in the baseline (``BaselineCalculator``). Then, exactly:
///
///     before         = Σ wᵢ × C × D ÷ R (baseline year i) ÷ Σ w     (not trended: the comparison is the trend)
///     after          = C × D ÷ R (performance year)
///     counterfactual = before(fieldlab) + after(comparison) − before(comparison)
///     effect         = after(fieldlab) − counterfactual
///     effect share   = effect ÷ counterfactual
///
/// The fieldlab's own baseline moved by what changed in the comparison population. The total adds the
/// regimes' figures (each regime adjusted under its own risk model) before the share is taken. Amounts
/// are rounded once, to cents with the contract's rule, from the exact values; shares half-even to six
/// decimals (1.2345 % is 0.012345).
///
/// A negative effect is a saving. The estimate assumes parallel trends: without the fieldlab, its
/// population's cost would have changed as the comparison population's did.
public struct DifferenceInDifferences: Sendable {
    /// The regimes of the records' per-regime figures, in order.
    public let regimes: [Regime]
    /// The baseline years' weights, oldest first.
    public let weights: [ExactDecimal]
    public let rounding: RoundingRule

    public init(regimes: [Regime], weights: [ExactDecimal], rounding: RoundingRule) {
        self.regimes = regimes
        self.weights = weights
        self.rounding = rounding
    }

    /// The scale of a share of the counterfactual: six decimals.
    public static let shareScale = 6

    /// The estimate for `fieldlab` against `comparison`.
    ///
    /// - Throws: ``EvaluationError`` when the populations do not fit the regimes and weights, a year has no
    ///   risk-weighted days in a regime, or the arithmetic overflows.
    public func estimate(
        fieldlab: EvaluationPopulation,
        comparison: EvaluationPopulation
    ) throws(EvaluationError) -> EffectEstimate {
        let prepared = try Prepared(self, fieldlab: fieldlab, comparison: comparison)
        let totals = prepared.totals()
        guard let exact = try prepared.effects(fieldlab: totals.fieldlab, comparison: totals.comparison) else {
            throw EvaluationError(prepared.emptyYear(totals) ?? "a year has no risk-weighted days")
        }
        let gross = try grossEffects(exact)
        var rows: [EffectRow] = []
        for (index, figures) in exact.enumerated() {
            let regime = index < regimes.count ? regimes[index] : nil
            rows.append(
                EffectRow(
                    regime: regime,
                    fieldlabBefore: try money(figures.fieldlabBefore),
                    fieldlabAfter: try money(figures.fieldlabAfter),
                    comparisonBefore: try money(figures.comparisonBefore),
                    comparisonAfter: try money(figures.comparisonAfter),
                    counterfactual: try money(figures.counterfactual),
                    effect: try money(figures.effect),
                    effectShare: try share(figures),
                    riskWeightedPersonYears: regime == nil
                        ? nil : try personYears(prepared.fieldlabRiskWeightedPersonYears[index]),
                    grossEffect: gross[index],
                    comparisonTrend: try trend(figures)
                )
            )
        }
        return EffectEstimate(
            rows: rows,
            years: try years(prepared, totals: totals),
            steps: try steps(rows, prepared: prepared, totals: totals)
        )
    }

    /// The gross effects of `figures` in euros: each regime's effect per person-year × the fieldlab's
    /// risk-weighted person-years in the performance year, rounded once; the total, the sum of the regimes'.
    func grossEffects(_ figures: [Figures]) throws(EvaluationError) -> [Cents] {
        var gross: [Cents] = []
        for row in figures.dropLast() { gross.append(try money(row.gross)) }
        var total = Cents.zero
        for part in gross { total = try exactly { () throws(ArithmeticError) in try total + part } }
        return gross + [total]
    }

    /// The comparison population's trend, after ÷ before − 1, six decimals half-even; `nil` when its cost
    /// before is not above zero.
    private func trend(_ figures: Figures) throws(EvaluationError) -> ExactDecimal? {
        guard figures.comparisonBefore > .zero else { return nil }
        return try exactly { () throws(ArithmeticError) in
            try (figures.comparisonAfter / figures.comparisonBefore - Fraction.one).decimal(
                scale: Self.shareScale,
                rounding: .halfEven
            )
        }
    }

    /// Risk-weighted person-years as reported: six decimals, half-even.
    private func personYears(_ value: Fraction) throws(EvaluationError) -> ExactDecimal {
        try exactly { () throws(ArithmeticError) in try value.decimal(scale: Self.shareScale, rounding: .halfEven) }
    }

    /// Each year's risk-adjusted cost per person-year of both populations, per regime and in total.
    private func years(_ prepared: Prepared, totals: Prepared.Totals) throws(EvaluationError) -> [YearCosts] {
        let fieldlab = try prepared.yearly(totals.fieldlab, prepared.fieldlab)
        let comparison = try prepared.yearly(totals.comparison, prepared.comparison)
        func costs(_ regimes: [Fraction?]) throws(EvaluationError) -> [Cents?] {
            var result: [Cents?] = []
            for value in regimes { result.append(try value.map { value throws(EvaluationError) in try money(value) }) }
            let known = regimes.compactMap { $0 }
            guard known.count == regimes.count else { return result + [nil] }
            return result + [try money(known.reduce(Fraction.zero, +))]
        }
        var years: [YearCosts] = []
        for (index, year) in prepared.fieldlabYears.enumerated() {
            years.append(
                YearCosts(
                    year: year.year,
                    fieldlab: try costs(fieldlab[index]),
                    comparison: try costs(comparison[index])
                )
            )
        }
        return years
    }

    /// The effect per person-year of `figures` as a share of its counterfactual; `nil` when the
    /// counterfactual is not above zero.
    func share(_ figures: Figures) throws(EvaluationError) -> ExactDecimal? {
        guard figures.counterfactual > .zero else { return nil }
        return try exactly { () throws(ArithmeticError) in
            try (figures.effect / figures.counterfactual).decimal(scale: Self.shareScale, rounding: .halfEven)
        }
    }

    func money(_ value: Fraction) throws(EvaluationError) -> Cents {
        try exactly { () throws(ArithmeticError) in try value.cents(rounding: rounding) }
    }

    func exactly<Value>(_ body: () throws(ArithmeticError) -> Value) throws(EvaluationError) -> Value {
        do { return try body() } catch { throw EvaluationError("the evaluation's arithmetic: \(error)") }
    }

    /// The exact figures of one regime, or of the total, per person-year.
    struct Figures {
        var fieldlabBefore: Fraction
        var fieldlabAfter: Fraction
        var comparisonBefore: Fraction
        var comparisonAfter: Fraction
        var counterfactual: Fraction
        var effect: Fraction
        /// effect × the fieldlab's risk-weighted person-years in the performance year; in the total, the
        /// regimes' sum.
        var gross: Fraction
    }

    private func steps(
        _ rows: [EffectRow],
        prepared: Prepared,
        totals: Prepared.Totals
    ) throws(EvaluationError) -> [SettlementStep] {
        var steps: [SettlementStep] = []
        for (index, row) in rows.enumerated() {
            var inputs: [(name: String, value: StepValue)] = []
            if index < regimes.count {
                for (population, sums, years) in [
                    ("fieldlab", totals.fieldlab, prepared.fieldlabYears),
                    ("comparison", totals.comparison, prepared.comparisonYears),
                ] {
                    for (position, year) in years.enumerated() {
                        let key = "\(population).\(year.year)"
                        inputs += [
                            ("cost.\(key)", .cents(try prepared.cents(sums.costs[position][index]))),
                            ("riskWeightedDays.\(key)", .decimal(prepared.days(sums.days[position][index]))),
                            ("daysInPeriod.\(key)", .integer(year.daysInPeriod)),
                        ]
                    }
                }
                for (position, weight) in weights.enumerated() {
                    inputs.append(("weight.\(prepared.fieldlabYears[position].year)", .decimal(weight)))
                }
            } else {
                for regimeRow in rows.dropLast() {
                    inputs.append(("effect.\(regimeRow.regime?.rawValue ?? "")", .cents(regimeRow.effect)))
                }
                for regimeRow in rows.dropLast() {
                    inputs.append(
                        ("grossEffect.\(regimeRow.regime?.rawValue ?? "")", .cents(regimeRow.grossEffect))
                    )
                }
            }
            var results: [(name: String, value: StepValue)] = [
                ("fieldlabBefore", .cents(row.fieldlabBefore)),
                ("fieldlabAfter", .cents(row.fieldlabAfter)),
                ("comparisonBefore", .cents(row.comparisonBefore)),
                ("comparisonAfter", .cents(row.comparisonAfter)),
                ("counterfactual", .cents(row.counterfactual)),
                ("effect", .cents(row.effect)),
            ]
            if let share = row.effectShare { results.append(("effectShare", .decimal(share))) }
            if let personYears = row.riskWeightedPersonYears {
                results.append(("riskWeightedPersonYears", .decimal(personYears)))
            }
            results.append(("grossEffect", .cents(row.grossEffect)))
            let name = row.regime.map { "the \($0)" } ?? "all regimes"
            steps.append(
                SettlementStep(
                    id: "evaluation.\(row.regime?.rawValue ?? "total")",
                    description: "The effect per person-year in \(name): difference-in-differences of risk-adjusted "
                        + "cost against the comparison population",
                    formula: row.regime == nil
                        ? "each figure per person-year = Σ of the regimes' exact figures, rounded once (so it may "
                            + "differ by a cent from the sum of the regimes' rounded figures); effect share = effect ÷ "
                            + "counterfactual; gross effect = Σ of the regimes' gross effects"
                        : "cost per person-year = cost × days in period ÷ risk-weighted days; before = Σ weight × "
                            + "cost per person-year ÷ Σ weight; counterfactual = before(fieldlab) + after(comparison) "
                            + "− before(comparison); effect = after(fieldlab) − counterfactual; gross effect = effect × "
                            + "the fieldlab's risk-weighted days after ÷ days in period",
                    inputs: inputs,
                    results: results
                )
            )
        }
        return steps
    }
}

/// What an evaluation estimated, per regime and in total.
public struct EffectEstimate: Sendable {
    /// One row per regime, in the evaluation's order, then the total (``EffectRow/regime`` `nil`).
    public var rows: [EffectRow]
    /// Each year's risk-adjusted cost per person-year of both populations: the baseline years, then the
    /// performance year.
    public var years: [YearCosts]
    /// How each row was reached, like a settlement's steps.
    public var steps: [SettlementStep]

    /// The row of all regimes together.
    public var total: EffectRow? { rows.last { $0.regime == nil } }
}

/// The figures per person-year of one regime, or of all (``regime`` `nil`).
public struct EffectRow: Hashable, Sendable {
    public var regime: Regime?
    /// Risk-adjusted cost per person-year of the fieldlab before (the weighted baseline years) and after
    /// (the performance year), and of the comparison population.
    public var fieldlabBefore: Cents
    public var fieldlabAfter: Cents
    public var comparisonBefore: Cents
    public var comparisonAfter: Cents
    /// What the fieldlab's cost per person-year would have been had it changed as the comparison's did.
    public var counterfactual: Cents
    /// fieldlab after − counterfactual: negative is a saving.
    public var effect: Cents
    /// effect ÷ counterfactual, six decimals; `nil` when the counterfactual is not above zero.
    public var effectShare: ExactDecimal?
    /// The fieldlab's risk-weighted person-years in the performance year (Σ risk score × days ÷ days in
    /// period), six decimals; `nil` in the total, whose regimes may weigh risk differently.
    public var riskWeightedPersonYears: ExactDecimal?
    /// The effect in euros on the fieldlab's performance year: effect × its risk-weighted person-years,
    /// from the exact values (its cost minus its counterfactual cost); in the total, the regimes' sum.
    public var grossEffect: Cents
    /// The comparison population's trend from before to after (after ÷ before − 1, six decimals): what
    /// costs did outside the fieldlab, the actual trend a retrospective trend adjustment can take
    /// (``TrendActual``); `nil` when its cost before is not above zero.
    public var comparisonTrend: ExactDecimal?
}

/// One year's risk-adjusted cost per person-year of both populations, per regime in the evaluation's
/// order and, last, in total (rounded once from the exact sum); `nil` where the year has no risk-weighted
/// days in a regime (only a baseline year of weight zero can), and then in total.
public struct YearCosts: Hashable, Sendable {
    public var year: Int
    public var fieldlab: [Cents?]
    public var comparison: [Cents?]
}

extension DifferenceInDifferences {
    /// The placebo of this evaluation: the same estimate one year early, with the last baseline year as
    /// the "after" and the baseline years before it, with their weights, as the "before".
    ///
    /// Nothing happened between the baseline years, so its effect should be near zero; an interval that
    /// excludes zero says the two populations' costs were not moving in parallel before the fieldlab, which
    /// the estimate assumes they would have after. `nil` with fewer than two baseline years, or when the
    /// years before the last all weigh zero.
    public func placebo(
        fieldlab: EvaluationPopulation,
        comparison: EvaluationPopulation
    ) -> (evaluation: DifferenceInDifferences, fieldlab: EvaluationPopulation, comparison: EvaluationPopulation)? {
        let earlier = Array(weights.dropLast())
        guard fieldlab.baseline.count >= 2, comparison.baseline.count == fieldlab.baseline.count,
            earlier.contains(where: { !$0.isZero })
        else { return nil }
        func shifted(_ population: EvaluationPopulation) -> EvaluationPopulation {
            EvaluationPopulation(
                personCount: population.personCount,
                baseline: Array(population.baseline.dropLast()),
                performance: population.baseline[population.baseline.count - 1]
            )
        }
        return (
            DifferenceInDifferences(regimes: regimes, weights: earlier, rounding: rounding),
            shifted(fieldlab),
            shifted(comparison)
        )
    }
}
