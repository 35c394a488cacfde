extension SettlementCalculator {
    /// The prospective payments and year-end reconciliation of a capitation contract; `nil` under other models.
    mutating func scheduleStage(
        regimes: [RegimeResult],
        risk: [RiskResult],
        transfers: [TransferLine]
    ) throws(SettlementError) -> PaymentSchedule? {
        guard case .capitation = contract.settlement else { return nil }
        let months = periodMonths()
        var financiers: [PartyID] = []
        for regime in regimes where !financiers.contains(regime.financier) { financiers.append(regime.financier) }
        var schedules: [FinancierSchedule] = []
        for financier in financiers {
            let step = "schedule.\(financier)"
            let financed = regimes.filter { $0.financier == financier }
            var exactMonths = Array(repeating: Fraction.zero, count: months.count)
            var weights = Array(repeating: Fraction.zero, count: months.count)
            var counts = Array(repeating: 0, count: months.count)
            for regime in financed {
                guard let terms = contract.terms(for: regime.regime) else { continue }
                let annual = Fraction(cents: terms.perCapitaAnnual) * budgetFactor(terms)
                let scores = terms.riskModel.flatMap { memberRiskScores[$0] }
                let scale = try scoreScale(terms, risk: risk, step)
                for (number, month) in months.enumerated() {
                    var sum = ExactDecimal.zero
                    var count = 0
                    for (index, window) in population.windows.enumerated() where window?.contains(month.counted) == true
                    {
                        sum = try exactly(step) { () throws(ArithmeticError) in
                            try sum + (scores?[index] ?? .one)
                        }
                        count += 1
                    }
                    let weight = Fraction(sum) * scale
                    let portion = try exactly(step) { () throws(ArithmeticError) in
                        try Fraction(BigInteger(month.days), over: BigInteger(month.daysInMonth * 12))
                    }
                    exactMonths[number] = exactMonths[number] + annual * weight * portion
                    weights[number] = weights[number] + weight
                    counts[number] = max(counts[number], count)
                }
            }
            var payments: [MonthlyPayment] = []
            for (number, month) in months.enumerated() {
                payments.append(
                    MonthlyPayment(
                        counted: month.counted,
                        days: month.days,
                        members: counts[number],
                        riskWeightedMembers: try rate(weights[number], step),
                        amount: try money(exactMonths[number], step)
                    )
                )
            }
            let schedule = try reconcile(financier, financed, payments, transfers, step)
            schedules.append(schedule)
            record(
                step,
                "Prospective capitation payments of \(financier) and the year-end reconciliation",
                formula: "month = round(Σ regimes per-capita amount × trends × (1 − discount) × Σ scores of members "
                    + "in the population on the month's first day ÷ 12 × days of the month in the period ÷ days in the "
                    + "month); due = claims after truncation + providers' result; reconciliation = due − Σ months",
                inputs: payments.map { ("members.\($0.counted)", StepValue.decimal($0.riskWeightedMembers)) }
                    + [
                        ("capitationBudget", .cents(schedule.capitationBudget)),
                        ("claimsBorne", .cents(schedule.claimsBorne)),
                        ("providersResult", .cents(schedule.providersResult)),
                    ],
                results: payments.map { ("month.\($0.counted)", StepValue.cents($0.amount)) }
                    + [
                        ("prospective", .cents(schedule.prospective)), ("due", .cents(schedule.due)),
                        ("reconciliation", .cents(schedule.reconciliation)),
                    ]
            )
        }
        return PaymentSchedule(financiers: schedules)
    }

    private func reconcile(
        _ financier: PartyID,
        _ financed: [RegimeResult],
        _ payments: [MonthlyPayment],
        _ transfers: [TransferLine],
        _ step: String
    ) throws(SettlementError) -> FinancierSchedule {
        try exactly(step) { () throws(ArithmeticError) in
            let paidResult = try transfers.filter { $0.reason == "capitation result" && $0.from == financier }
                .map(\.amount).sum()
            let receivedResult = try transfers.filter { $0.reason == "capitation result" && $0.to == financier }
                .map(\.amount).sum()
            let providersResult = try paidResult - receivedResult
            var claimsBorne = Cents.zero
            for regime in financed { claimsBorne = try claimsBorne + (try regime.claims - regime.truncated) }
            let due = try claimsBorne + providersResult
            let prospective = try payments.map(\.amount).sum()
            return FinancierSchedule(
                financier: financier,
                regimes: financed.map(\.regime),
                months: payments,
                prospective: prospective,
                capitationBudget: try financed.map(\.capitationBudget).sum(),
                claimsBorne: claimsBorne,
                providersResult: providersResult,
                due: due,
                reconciliation: try due - prospective
            )
        }
    }

    /// Π (1 + undated trend) × (1 − discount), as the budget applies them.
    private func budgetFactor(_ terms: RegimeTerms) -> Fraction {
        var factor = Fraction.one
        for trend in terms.trends where trend.year == nil {
            factor = factor * (Fraction.one + Fraction(trend.percent.fraction))
        }
        if let discount = terms.discount { factor = factor * (Fraction.one - Fraction(discount.fraction)) }
        return factor
    }

    /// The factor by which the growth cap scaled the budget's risk-weighted days (1 when it did not apply).
    private func scoreScale(
        _ terms: RegimeTerms,
        risk: [RiskResult],
        _ step: String
    ) throws(SettlementError)
        -> Fraction
    {
        guard let model = terms.riskModel, let result = risk.first(where: { $0.model == model }),
            result.growthCapApplied
        else { return .one }
        return try exactly(step) { () throws(ArithmeticError) in
            try Fraction(result.budgetRiskWeightedDays) / Fraction(result.riskWeightedDays)
        }
    }

    /// The calendar months of the period, each with the first day of it inside the period.
    private func periodMonths() -> [(counted: CalendarDate, days: Int, daysInMonth: Int)] {
        var months: [(counted: CalendarDate, days: Int, daysInMonth: Int)] = []
        var first = contract.period.start
        while first <= contract.period.end {
            let length = CalendarDate.daysIn(month: first.month, year: first.year)
            let monthEnd = CalendarDate(year: first.year, month: first.month, day: length) ?? first
            let last = min(monthEnd, contract.period.end)
            months.append((first, last.days(since: first) + 1, length))
            guard let next = monthEnd.adding(days: 1) else { break }
            first = next
        }
        return months
    }
}
