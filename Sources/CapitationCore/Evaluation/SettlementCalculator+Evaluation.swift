extension SettlementCalculator {
    /// Measures each person of the population for an evaluation: per regime, their accepted, truncated,
    /// in-scope cost and their risk-weighted days, as ``measureBaseline()`` measures the whole population.
    ///
    /// The same steps as a baseline year (population, risk, reconciliation, truncation), person by person:
    /// a person's truncated part is their own excess over the threshold; the sums over the people are the
    /// baseline year's costs and risk-weighted days.
    ///
    /// - Throws: ``SettlementError`` for an empty population or an overflow.
    package consuming func measureEvaluationYear() throws(SettlementError) -> MeasuredEvaluationYear {
        let truncation = try measuredStages().truncation
        var measured = MeasuredEvaluationYear(
            year: contract.period.start.year,
            daysInPeriod: contract.period.dayCount,
            regimes: contract.regimes.map(\.regime)
        )
        for (index, window) in population.windows.enumerated() {
            guard let window else { continue }
            var costs: [Cents] = []
            var days: [ExactDecimal] = []
            for terms in contract.regimes {
                let excess = truncation.excess[index]?[terms.regime] ?? .zero
                costs.append(
                    try exactly("evaluation") { () throws(ArithmeticError) in
                        try ledger.memberCosts[index][terms.regime] - excess
                    }
                )
                days.append(
                    terms.riskModel.flatMap { memberRiskDays[$0]?[index] } ?? ExactDecimal(window.dayCount)
                )
            }
            measured.members.append(population.roster[index].id)
            measured.costs.append(costs)
            measured.riskWeightedDays.append(days)
        }
        return measured
    }
}

/// One year of one population measured person by person, for an evaluation
/// (``Contract/measureEvaluationYear(year:members:claims:)``).
public struct MeasuredEvaluationYear: Hashable, Sendable {
    public package(set) var year: Int
    public package(set) var daysInPeriod: Int
    /// The regimes of the figures, in contract order.
    public package(set) var regimes: [Regime]
    /// The people in the population during the year, in roster order.
    public package(set) var members: [MemberID] = []
    /// Per person, per regime: accepted − truncated cost.
    public package(set) var costs: [[Cents]] = []
    /// Per person, per regime: risk score × days in the population (days without a risk model).
    public package(set) var riskWeightedDays: [[ExactDecimal]] = []
    /// What reading the year's inputs found that counts in no figure, such as unreadable claim lines.
    public package(set) var warnings: [SettlementWarning] = []

    package init(year: Int, daysInPeriod: Int, regimes: [Regime]) {
        self.year = year
        self.daysInPeriod = daysInPeriod
        self.regimes = regimes
    }
}

extension EvaluationPopulation {
    /// The population of `baseline` years (oldest first) and the `performance` year, each person numbered
    /// once across the years, in order of first appearance.
    ///
    /// - Throws: ``EvaluationError`` when the years measure different regimes.
    public init(baseline: [MeasuredEvaluationYear], performance: MeasuredEvaluationYear) throws(EvaluationError) {
        var numbers: [MemberID: Int] = [:]
        func year(_ measured: MeasuredEvaluationYear) throws(EvaluationError) -> EvaluationYear {
            guard measured.regimes == performance.regimes else {
                throw EvaluationError(
                    "\(measured.year) measures \(measured.regimes.map(\.rawValue)), the performance year "
                        + "\(performance.regimes.map(\.rawValue))"
                )
            }
            var records: [EvaluationRecord] = []
            records.reserveCapacity(measured.members.count)
            for (index, member) in measured.members.enumerated() {
                let person: Int
                if let known = numbers[member] {
                    person = known
                } else {
                    person = numbers.count
                    numbers[member] = person
                }
                records.append(
                    EvaluationRecord(
                        person: person,
                        costs: measured.costs[index],
                        riskWeightedDays: measured.riskWeightedDays[index]
                    )
                )
            }
            return EvaluationYear(year: measured.year, daysInPeriod: measured.daysInPeriod, records: records)
        }
        var years: [EvaluationYear] = []
        for measured in baseline { years.append(try year(measured)) }
        let performanceYear = try year(performance)
        self.init(personCount: numbers.count, baseline: years, performance: performanceYear)
    }
}

extension Contract {
    /// The contract as it applies to a comparison population, people outside the fieldlab.
    ///
    /// The same period, age and insurer criteria, regimes, scopes, risk models, reconciliation and truncation, but
    /// neither the fieldlab's area (its postcode ranges and municipalities) nor its financiers (a
    /// comparison population's Wmo and Wlz claims are paid by its own region's municipality and care office,
    /// so the payer of a claim is not checked). A contract that selects insurers selects the comparison
    /// population's people by them too.
    public func forComparison() -> Contract {
        var contract = self
        contract.population.postcodeRanges = []
        contract.population.municipalities = []
        contract.reconciliation.checksPayer = false
        return contract
    }
}
