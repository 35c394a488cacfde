extension SettlementCalculator {
    /// Step 5c: what a settlement after a run-out counts, and for a provisional one the claims not yet
    /// received, estimated per regime (``ClaimCompletion``); `nil` for a contract without a run-out.
    mutating func runOutStage() throws(SettlementError) -> RunOutResult? {
        guard let runOut = contract.reconciliation.runOut else { return nil }
        guard let stage = contract.reconciliation.stage, let cutOff = contract.reconciliation.cutOff else {
            throw SettlementError(
                .stageRequired,
                "contract '\(contract.id)' settles after a run-out of \(runOut.months) months (provisional) and "
                    + "\(runOut.finalMonths) months (final): say which settlement this is"
            )
        }
        var late = LineTotal()
        var undated = LineTotal()
        try exactly("run-out") { () throws(ArithmeticError) in
            for (key, total) in ledger.rejected where key.reason == .receivedAfterCutOff {
                try late.add(lines: total.lines, amount: total.amount)
            }
            for (_, total) in ledger.receiptLags.undated { try undated.add(lines: total.lines, amount: total.amount) }
        }
        var result = RunOutResult(
            stage: stage,
            months: stage == .provisional ? runOut.months : runOut.finalMonths,
            cutOff: cutOff,
            receivedAfterCutOff: late,
            undated: undated,
            completion: []
        )
        record(
            "run-out",
            "The \(stage.rawValue) settlement counts the claim lines received by its cut-off",
            formula: "cut-off = the last day of the month that many months after the period's last month",
            inputs: [
                ("stage", .text(stage.rawValue)), ("periodEnd", .text(contract.period.end.description)),
                ("months", .integer(result.months)),
            ],
            results: [
                ("cutOff", .text(cutOff.description)), ("receivedAfterCutOffLines", .integer(late.lines)),
                ("receivedAfterCutOff", .cents(late.amount)), ("undatedLines", .integer(undated.lines)),
            ]
        )
        if undated.lines > 0 {
            warnings.append(
                SettlementWarning(
                    .undatedLinesCounted(lines: undated.lines, amount: undated.amount, stage: stage, cutOff: cutOff)
                )
            )
        }
        if stage == .provisional {
            guard let completion else {
                throw SettlementError(
                    .baselineRequired,
                    "a provisional settlement estimates the claims not yet received from the baseline years' lags, "
                        + "but no baseline years were given"
                )
            }
            let finalCutOff = runOut.cutOff(of: contract.period, stage: .final)
            result.completion = try contract.regimes.map { terms throws(SettlementError) in
                try estimate(terms.regime, from: completion, cutOff: cutOff, finalCutOff: finalCutOff)
            }
        }
        return result
    }

    /// The estimate of `regime`'s claims not yet received at `cutOff`, for a final settlement at
    /// `finalCutOff`, recorded as step `completion.REGIME` (see ``ClaimCompletion``).
    private mutating func estimate(
        _ regime: Regime,
        from completion: ClaimCompletion,
        cutOff: CalendarDate,
        finalCutOff: CalendarDate
    ) throws(SettlementError) -> CompletionResult {
        let step = "completion.\(regime)"
        let development = try exactly(step) { () throws(ArithmeticError) in try completion.development(of: regime) }
        let years = completion.baselines.map(\.year)
        let named = years.map(String.init).joined(separator: ", ")
        guard development.total > .zero else {
            throw SettlementError(
                .estimateUnavailable,
                "the baseline years \(named) have no \(regime) claims with a date of receipt, so the \(regime) claims "
                    + "not yet received cannot be estimated"
            )
        }
        // The age-to-age factors, exact; nil where nothing had been received to grow from.
        var factors: [Fraction?] = []
        var lags: [CompletionResult.DevelopmentLag] = []
        for (lag, entry) in development.steps.enumerated() {
            let factor =
                entry.from > .zero
                ? try exactly(step) { () throws(ArithmeticError) in
                    try Fraction(cents: entry.to) / Fraction(cents: entry.from)
                } : nil
            factors.append(factor)
            lags.append(
                CompletionResult.DevelopmentLag(
                    lag: lag,
                    origins: entry.origins,
                    received: entry.from,
                    receivedNext: entry.to,
                    ageToAgeFactor: try factor.map { factor throws(SettlementError) in try rate(factor, step) }
                )
            )
        }
        // The year's received claims by month of service.
        var byMonth: [Int: Cents] = [:]
        try exactly(step) { () throws(ArithmeticError) in
            for (key, amount) in ledger.receiptLags.amounts where key.regime == regime {
                byMonth[key.month] = try (byMonth[key.month] ?? .zero) + amount
            }
        }
        let periodMonth = ReceiptLags.monthNumber(contract.period.start)
        let lastMonth = ReceiptLags.monthNumber(contract.period.end) - periodMonth
        let cutOffMonth = ReceiptLags.monthNumber(cutOff) - periodMonth
        let finalMonth = ReceiptLags.monthNumber(finalCutOff) - periodMonth
        var months: [CompletionResult.ServiceMonth] = []
        var total = Fraction(0)
        var unseen: [String] = []
        for month in 0...max(0, lastMonth) {
            let index = periodMonth + month
            guard let first = CalendarDate(year: index / 12, month: index % 12 + 1, day: 1) else {
                throw SettlementError(.estimateUnavailable, "\(step): month \(month) of the period is no date")
            }
            let name = Self.monthName(first)
            let (age, finalAge) = (cutOffMonth - month, finalMonth - month)
            let received = byMonth[month] ?? .zero
            // Π f(k) from the month's age to its final age.
            var product = Fraction(1)
            for lag in max(0, age)..<max(max(0, age), finalAge) {
                guard lag < factors.count, development.steps[lag].origins > 0 else {
                    throw SettlementError(
                        .estimateUnavailable,
                        "the baseline years \(named) do not show how \(regime) claims develop from \(lag) to \(lag + 1) "
                            + "months after the month of service, which the final settlement counts for \(name): give "
                            + "more baseline years, or a shorter final run-out"
                    )
                }
                guard let factor = factors[lag] else {
                    if development.steps[lag].to.isZero { continue }
                    throw SettlementError(
                        .estimateUnavailable,
                        "the baseline years \(named) received none of their \(regime) claims within \(lag) months of the "
                            + "month of service, so the claims of \(name) not yet received cannot be estimated"
                    )
                }
                product = product * factor
            }
            let part = Fraction(cents: received) * (product - Fraction(1))
            total = total + part
            if received.isZero, product != Fraction(1) { unseen.append(name) }
            months.append(
                CompletionResult.ServiceMonth(
                    month: first,
                    age: age,
                    finalAge: finalAge,
                    received: received,
                    developmentFactor: try rate(product, step),
                    completionFactor: try rate(
                        try exactly(step) { () throws(ArithmeticError) in try Fraction(1) / product },
                        step
                    ),
                    estimate: try money(part, step)
                )
            )
        }
        let estimate = try money(total, step)
        let result = CompletionResult(
            regime: regime,
            baselineYears: years,
            baselineClaims: development.total,
            development: lags,
            months: months,
            undated: ledger.receiptLags.undated[regime] ?? LineTotal(),
            baselineUndated: try exactly(step) { () throws(ArithmeticError) in try completion.undated(regime) },
            estimate: estimate
        )
        record(
            step,
            "The \(regime) claims not yet received, estimated from the baseline years' lags (chain-ladder)",
            formula:
                "age-to-age factor f(k) = Σ C(k + 1) ÷ Σ C(k) over the baseline months of service observed at k + 1 "
                + "(C(k): received within k months); estimate = Σ over months of service of received × "
                + "(Π f(k) for k from the month's age at the cut-off to its age at the final cut-off − 1), rounded once",
            inputs: [("baselineYears", .text(years.map(String.init).joined(separator: " ")))]
                + lags.flatMap { lag -> [(name: String, value: StepValue)] in
                    [
                        ("receivedWithin.\(lag.lag)", .cents(lag.received)),
                        ("receivedWithin.\(lag.lag + 1).sameMonths", .cents(lag.receivedNext)),
                    ]
                }
                + months.flatMap { month -> [(name: String, value: StepValue)] in
                    let name = Self.monthName(month.month)
                    return [
                        ("received.\(name)", .cents(month.received)), ("age.\(name)", .integer(month.age)),
                        ("finalAge.\(name)", .integer(month.finalAge)),
                    ]
                },
            results: lags.compactMap { lag in
                lag.ageToAgeFactor.map { ("ageToAgeFactor.\(lag.lag)", StepValue.decimal($0)) }
            }
                + months.map {
                    ("developmentFactor.\(Self.monthName($0.month))", StepValue.decimal($0.developmentFactor))
                }
                + [("estimate", .cents(estimate))]
        )
        if !unseen.isEmpty {
            warnings.append(SettlementWarning(.nothingReceivedYet(regime: regime, months: unseen, cutOff: cutOff)))
        }
        if result.baselineUndated.lines > 0 {
            let undated = result.baselineUndated
            warnings.append(
                SettlementWarning(.undatedBaselineLines(regime: regime, lines: undated.lines, amount: undated.amount))
            )
        }
        return result
    }

    /// `YYYY-MM`.
    package static func monthName(_ date: CalendarDate) -> String {
        "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)"
    }
}
