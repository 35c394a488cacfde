extension DifferenceInDifferences {
    /// Both populations' figures as integers, person by person, so that the estimate and every resample
    /// add up the same numbers: costs in cents, risk-weighted days in units of 10^-``scale`` of a day.
    struct Prepared: Sendable {
        let evaluation: DifferenceInDifferences
        let fieldlab: People
        let comparison: People
        let fieldlabYears: [EvaluationYear]
        let comparisonYears: [EvaluationYear]
        /// The decimals of the risk-weighted days, the most any record has.
        let scale: Int
        /// Per regime, the whole fieldlab's risk-weighted person-years in the performance year.
        ///
        /// Risk-weighted days ÷ days in period: what turns an effect per person-year into euros, in the
        /// estimate and in every resample alike. Zero when the fieldlab has no risk-weighted days in a regime
        /// then.
        let fieldlabRiskWeightedPersonYears: [Fraction]

        /// One population: per person, year and regime, cost and risk-weighted days, flat.
        struct People: Sendable {
            let personCount: Int
            let yearCount: Int
            let regimeCount: Int
            /// At `(person × yearCount + year) × regimeCount + regime`.
            var costs: [Int128]
            var days: [Int128]
            /// Per year, its days in period.
            let daysInPeriod: [Int]
        }

        /// Sums per year and regime.
        struct Sums: Sendable {
            var costs: [[Int128]]
            var days: [[Int128]]
        }

        struct Totals: Sendable {
            var fieldlab: Sums
            var comparison: Sums
        }

        init(
            _ evaluation: DifferenceInDifferences,
            fieldlab: EvaluationPopulation,
            comparison: EvaluationPopulation
        ) throws(EvaluationError) {
            self.evaluation = evaluation
            let regimeCount = evaluation.regimes.count
            guard regimeCount > 0 else { throw EvaluationError("there are no regimes to evaluate") }
            guard !evaluation.weights.isEmpty, evaluation.weights.allSatisfy({ !$0.isNegative }),
                evaluation.weights.contains(where: { !$0.isZero })
            else {
                throw EvaluationError("the baseline weights must not be negative and at least one must be above zero")
            }
            for (name, population) in [("fieldlab", fieldlab), ("comparison population", comparison)] {
                guard population.baseline.count == evaluation.weights.count else {
                    throw EvaluationError(
                        "the \(name) has \(population.baseline.count) baseline years for \(evaluation.weights.count) weights"
                    )
                }
                for year in population.allYears {
                    guard year.daysInPeriod > 0 else { throw EvaluationError("year \(year.year) has no days") }
                    for record in year.records {
                        guard (0..<population.personCount).contains(record.person) else {
                            throw EvaluationError(
                                "the \(name) names person \(record.person) in \(year.year) of \(population.personCount)"
                            )
                        }
                        guard record.costs.count == regimeCount, record.riskWeightedDays.count == regimeCount else {
                            throw EvaluationError(
                                "a record of \(year.year) of the \(name) has figures for "
                                    + "\(record.costs.count) regimes, not \(regimeCount)"
                            )
                        }
                        guard !record.riskWeightedDays.contains(where: \.isNegative) else {
                            throw EvaluationError(
                                "a record of \(year.year) of the \(name) has negative risk-weighted days"
                            )
                        }
                    }
                }
            }
            guard fieldlab.baseline.map(\.year) == comparison.baseline.map(\.year),
                fieldlab.performance.year == comparison.performance.year
            else {
                throw EvaluationError("the fieldlab and the comparison population are not of the same years")
            }
            let scale =
                (fieldlab.allYears + comparison.allYears).lazy.flatMap(\.records)
                .flatMap(\.riskWeightedDays).map(\.scale).max() ?? 0
            self.scale = scale
            self.fieldlab = try Self.people(fieldlab, regimeCount: regimeCount, scale: scale)
            self.comparison = try Self.people(comparison, regimeCount: regimeCount, scale: scale)
            fieldlabYears = fieldlab.allYears
            comparisonYears = comparison.allYears
            let people = self.fieldlab
            let whole = Self.sum(people, persons: 0..<people.personCount)
            let last = people.yearCount - 1
            let unitsPerDay = Self.unitsPerDay(scale)
            fieldlabRiskWeightedPersonYears = try evaluation.exactly { () throws(ArithmeticError) in
                var values: [Fraction] = []
                for days in whole.days[last] {
                    values.append(
                        try Fraction(BigInteger(days)) / unitsPerDay / Fraction(Int64(people.daysInPeriod[last]))
                    )
                }
                return values
            }
        }

        /// 10^`scale`: the prepared units of risk-weighted days in a day.
        static func unitsPerDay(_ scale: Int) -> Fraction {
            (0..<scale).reduce(Fraction.one) { value, _ in value * Fraction(10) }
        }

        private static func people(
            _ population: EvaluationPopulation,
            regimeCount: Int,
            scale: Int
        ) throws(EvaluationError) -> People {
            let years = population.allYears
            let size = population.personCount * years.count * regimeCount
            var costs = [Int128](repeating: 0, count: size)
            var days = [Int128](repeating: 0, count: size)
            for (yearIndex, year) in years.enumerated() {
                for record in year.records {
                    for regime in 0..<regimeCount {
                        let slot = (record.person * years.count + yearIndex) * regimeCount + regime
                        do {
                            costs[slot] += Int128(record.costs[regime].rawValue)
                            let units = try record.riskWeightedDays[regime].significand(atScale: scale)
                            let (sum, overflow) = days[slot].addingReportingOverflow(units)
                            guard !overflow else { throw ArithmeticError(.overflow, in: "risk-weighted days") }
                            days[slot] = sum
                        } catch {
                            throw EvaluationError("the risk-weighted days of \(year.year) are too large: \(error)")
                        }
                    }
                }
            }
            // A resample adds at most `personCount` slots into one sum, so sums cannot overflow when that
            // many of the largest slot do not.
            let largest = max(costs.map(\.magnitude).max() ?? 0, days.map(\.magnitude).max() ?? 0)
            guard !UInt128(population.personCount).multipliedReportingOverflow(by: largest).overflow,
                UInt128(population.personCount) * largest <= UInt128(Int128.max)
            else {
                throw EvaluationError("the figures of \(population.personCount) people are too large to add up exactly")
            }
            return People(
                personCount: population.personCount,
                yearCount: years.count,
                regimeCount: regimeCount,
                costs: costs,
                days: days,
                daysInPeriod: years.map(\.daysInPeriod)
            )
        }

        /// A year's cost in cents, which must fit an amount.
        func cents(_ sum: Int128) throws(EvaluationError) -> Cents {
            guard let cents = Int64(exactly: sum) else {
                throw EvaluationError("a year's cost of \(sum) cents is too large for an amount")
            }
            return Cents(cents)
        }

        /// Risk-weighted days in the prepared units, as a decimal.
        func days(_ units: Int128) -> ExactDecimal {
            ExactDecimal(significand: units, scale: scale)
        }

        /// The sums over every person of both populations.
        func totals() -> Totals {
            Totals(
                fieldlab: Self.sum(fieldlab, persons: 0..<fieldlab.personCount),
                comparison: Self.sum(comparison, persons: 0..<comparison.personCount)
            )
        }

        /// The sums over `persons`, each as often as it occurs.
        static func sum(_ people: People, persons: some Sequence<Int>) -> Sums {
            // A person's slots are side by side: add them into flat sums, a slot at a time.
            let width = people.yearCount * people.regimeCount
            var costSums = [Int128](repeating: 0, count: width)
            var daySums = [Int128](repeating: 0, count: width)
            people.costs.withUnsafeBufferPointer { costs in
                people.days.withUnsafeBufferPointer { days in
                    costSums.withUnsafeMutableBufferPointer { costSums in
                        daySums.withUnsafeMutableBufferPointer { daySums in
                            for person in persons {
                                let start = person * width
                                for slot in 0..<width {
                                    costSums[slot] &+= costs[start + slot]
                                    daySums[slot] &+= days[start + slot]
                                }
                            }
                        }
                    }
                }
            }
            let rows = 0..<people.yearCount
            return Sums(
                costs: rows.map { Array(costSums[($0 * people.regimeCount)..<(($0 + 1) * people.regimeCount)]) },
                days: rows.map { Array(daySums[($0 * people.regimeCount)..<(($0 + 1) * people.regimeCount)]) }
            )
        }

        /// The exact figures per regime and, last, in total; `nil` when a year of a population has no
        /// risk-weighted days in a regime.
        func effects(fieldlab: Sums, comparison: Sums) throws(EvaluationError) -> [Figures]? {
            let regimeCount = evaluation.regimes.count
            // The risk-weighted days are in units of 10^-scale of a day (scale at most 38).
            let unitsPerDay = Self.unitsPerDay(scale)
            let totalWeight = evaluation.weights.reduce(Fraction.zero) { $0 + Fraction($1) }
            func perPersonYear(
                _ sums: Sums,
                _ people: People,
                year: Int,
                regime: Int
            ) throws(ArithmeticError) -> Fraction? {
                let days = sums.days[year][regime]
                guard days > 0 else { return nil }
                return try Fraction(Int64(people.daysInPeriod[year])) * Fraction(BigInteger(sums.costs[year][regime]))
                    * unitsPerDay / Fraction(BigInteger(days))
            }
            func beforeAndAfter(
                _ sums: Sums,
                _ people: People,
                regime: Int
            ) throws(ArithmeticError) -> (Fraction, Fraction)? {
                var weighted = Fraction.zero
                for (year, weight) in evaluation.weights.enumerated() where !weight.isZero {
                    guard let value = try perPersonYear(sums, people, year: year, regime: regime) else { return nil }
                    weighted = weighted + Fraction(weight) * value
                }
                guard let after = try perPersonYear(sums, people, year: people.yearCount - 1, regime: regime) else {
                    return nil
                }
                return (try weighted / totalWeight, after)
            }
            return try evaluation.exactly { () throws(ArithmeticError) -> [Figures]? in
                var rows: [Figures] = []
                var total = Figures(
                    fieldlabBefore: .zero,
                    fieldlabAfter: .zero,
                    comparisonBefore: .zero,
                    comparisonAfter: .zero,
                    counterfactual: .zero,
                    effect: .zero,
                    gross: .zero
                )
                for regime in 0..<regimeCount {
                    guard
                        let (fieldlabBefore, fieldlabAfter) = try beforeAndAfter(
                            fieldlab,
                            self.fieldlab,
                            regime: regime
                        ),
                        let (comparisonBefore, comparisonAfter) = try beforeAndAfter(
                            comparison,
                            self.comparison,
                            regime: regime
                        )
                    else { return nil }
                    let counterfactual = fieldlabBefore + comparisonAfter - comparisonBefore
                    let effect = fieldlabAfter - counterfactual
                    let row = Figures(
                        fieldlabBefore: fieldlabBefore,
                        fieldlabAfter: fieldlabAfter,
                        comparisonBefore: comparisonBefore,
                        comparisonAfter: comparisonAfter,
                        counterfactual: counterfactual,
                        effect: effect,
                        gross: effect * fieldlabRiskWeightedPersonYears[regime]
                    )
                    rows.append(row)
                    total.fieldlabBefore = total.fieldlabBefore + row.fieldlabBefore
                    total.fieldlabAfter = total.fieldlabAfter + row.fieldlabAfter
                    total.comparisonBefore = total.comparisonBefore + row.comparisonBefore
                    total.comparisonAfter = total.comparisonAfter + row.comparisonAfter
                    total.counterfactual = total.counterfactual + row.counterfactual
                    total.effect = total.effect + row.effect
                    total.gross = total.gross + row.gross
                }
                rows.append(total)
                return rows
            }
        }

        /// Per year (the baseline years, then the performance year) and regime, the risk-adjusted cost per
        /// person-year of `people` summed as `sums`, exact: cost × days in period ÷ risk-weighted days; `nil`
        /// where a year has no risk-weighted days in a regime (a baseline year of weight zero may have none).
        func yearly(_ sums: Sums, _ people: People) throws(EvaluationError) -> [[Fraction?]] {
            let unitsPerDay = Self.unitsPerDay(scale)
            return try evaluation.exactly { () throws(ArithmeticError) in
                var years: [[Fraction?]] = []
                for year in 0..<people.yearCount {
                    var regimes: [Fraction?] = []
                    for regime in 0..<people.regimeCount {
                        let days = sums.days[year][regime]
                        guard days > 0 else {
                            regimes.append(nil)
                            continue
                        }
                        regimes.append(
                            try Fraction(Int64(people.daysInPeriod[year]))
                                * Fraction(BigInteger(sums.costs[year][regime])) * unitsPerDay
                                / Fraction(BigInteger(days))
                        )
                    }
                    years.append(regimes)
                }
                return years
            }
        }

        /// Which year of which population has no risk-weighted days in which regime, in words.
        func emptyYear(_ totals: Totals) -> String? {
            for (name, sums, years) in [
                ("fieldlab", totals.fieldlab, fieldlabYears),
                ("comparison population", totals.comparison, comparisonYears),
            ] {
                for (index, year) in years.enumerated() {
                    for (regime, days) in sums.days[index].enumerated() where days <= 0 {
                        return
                            "the \(name) has no risk-weighted days in the \(evaluation.regimes[regime]) in \(year.year)"
                    }
                }
            }
            return nil
        }
    }
}
