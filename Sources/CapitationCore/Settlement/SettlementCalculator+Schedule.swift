extension SettlementCalculator {
    /// The prospective payments and year-end reconciliation of a capitation contract; `nil` under other models.
    mutating func scheduleStage(
        regimes: [RegimeResult],
        risk: [RiskResult],
        transfers: [TransferLine]
    ) throws(SettlementError) -> PaymentSchedule? {
        guard case .capitation = contract.settlement else { return nil }
        let months = try periodMonths()
        let periodMonths = months.reduce(Fraction.zero) { $0 + $1.share }
        var schedules: [FinancierSchedule] = []
        for regime in regimes {
            let step = "schedule.\(regime.financier)"
            guard let terms = contract.terms(for: regime.regime) else { continue }
            let annual = Fraction(cents: terms.perCapitaAnnual) * terms.budgetFactor
            let scores = terms.riskModel.flatMap { memberRiskScores[$0] }
            let scale = try scoreScale(terms, risk: risk, step)
            var payments: [MonthlyPayment] = []
            for month in months {
                var sum = ExactDecimal.zero
                var count = 0
                for (index, window) in population.windows.enumerated() where window?.contains(month.counted) == true {
                    sum = try exactly(step) { () throws(ArithmeticError) in try sum + (scores?[index] ?? .one) }
                    count += 1
                }
                let weight = Fraction(sum) * scale
                let exact = try exactly(step) { () throws(ArithmeticError) in
                    try annual * weight * month.share / periodMonths
                }
                payments.append(
                    MonthlyPayment(
                        counted: month.counted,
                        days: month.days,
                        members: count,
                        riskWeightedMembers: try rate(weight, step),
                        amount: try money(exact, step)
                    )
                )
            }
            let schedule = try reconcile(regime, payments, transfers, step)
            schedules.append(schedule)
            record(
                step,
                "Prospective capitation payments of \(regime.financier) and the year-end reconciliation",
                formula: "month = round(per-capita amount × trends × (1 − discount) × Σ scores of the members in the "
                    + "population on the month's first day × the month's share of the period); share = days of the "
                    + "month in the period ÷ days of the month ÷ Σ the same over the period's months (1/12 in a year); "
                    + "due = claims after truncation + providers' result; reconciliation = due − Σ months",
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
        _ regime: RegimeResult,
        _ payments: [MonthlyPayment],
        _ transfers: [TransferLine],
        _ step: String
    ) throws(SettlementError) -> FinancierSchedule {
        try exactly(step) { () throws(ArithmeticError) in
            let financier = regime.financier
            let paidResult = try transfers.filter { $0.reason == "capitation result" && $0.from == financier }
                .map(\.amount).sum()
            let receivedResult = try transfers.filter { $0.reason == "capitation result" && $0.to == financier }
                .map(\.amount).sum()
            let providersResult = try paidResult - receivedResult
            let claimsBorne = try regime.claims - regime.truncated
            let due = try claimsBorne + providersResult
            let prospective = try payments.map(\.amount).sum()
            return FinancierSchedule(
                financier: financier,
                regime: regime.regime,
                months: payments,
                prospective: prospective,
                capitationBudget: regime.capitationBudget,
                claimsBorne: claimsBorne,
                providersResult: providersResult,
                due: due,
                reconciliation: try due - prospective
            )
        }
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

    /// The calendar months of the period, each with its first day inside the period, its days inside the
    /// period and that as a share of the month.
    private func periodMonths() throws(SettlementError) -> [(counted: CalendarDate, days: Int, share: Fraction)] {
        var months: [(counted: CalendarDate, days: Int, share: Fraction)] = []
        var first = contract.period.start
        while first <= contract.period.end {
            let length = CalendarDate.daysIn(month: first.month, year: first.year)
            let monthEnd = CalendarDate(year: first.year, month: first.month, day: length) ?? first
            let last = min(monthEnd, contract.period.end)
            let days = last.days(since: first) + 1
            let share = try exactly("schedule") { () throws(ArithmeticError) in
                try Fraction(BigInteger(days), over: BigInteger(length))
            }
            months.append((first, days, share))
            guard let next = monthEnd.adding(days: 1) else { break }
            first = next
        }
        return months
    }
}
