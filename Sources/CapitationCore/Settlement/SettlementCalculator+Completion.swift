extension SettlementCalculator {
    /// Step 5c: what a settlement after a run-out counts, and for a provisional one the claims not yet
    /// received, estimated per regime (``ClaimCompletion``); `nil` for a contract without a run-out.
    mutating func runOutStage() throws(SettlementError) -> RunOutResult? {
        guard let runOut = contract.reconciliation.runOut else { return nil }
        guard let stage = contract.reconciliation.stage, let cutOff = contract.reconciliation.cutOff else {
            throw SettlementError(
                "contract '\(contract.id)' settles after a run-out of \(runOut.months) months (provisional) and "
                    + "\(runOut.finalMonths) months (final): say which settlement this is"
            )
        }
        var late = ClaimLedger.LineTotal()
        var undated = ClaimLedger.LineTotal()
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
                "\(undated.lines) accepted claim line\(undated.lines == 1 ? " does" : "s do") not say when "
                    + "\(undated.lines == 1 ? "it was" : "they were") received (\(undated.amount)); the \(stage.rawValue) "
                    + "settlement counts \(undated.lines == 1 ? "it" : "them") as received by the cut-off \(cutOff)"
            )
        }
        if stage == .provisional {
            guard let completion else {
                throw SettlementError(
                    "a provisional settlement estimates the claims not yet received from the baseline years' lags, "
                        + "but no baseline years were given"
                )
            }
            result.completion = try contract.regimes.map { terms throws(SettlementError) in
                try estimate(terms.regime, from: completion, cutOff: cutOff)
            }
        }
        return result
    }

    /// The estimate of `regime`'s claims not yet received at `cutOff`, recorded as step `completion.REGIME`.
    private mutating func estimate(
        _ regime: Regime,
        from completion: ClaimCompletion,
        cutOff: CalendarDate
    ) throws(SettlementError) -> CompletionResult {
        let step = "completion.\(regime)"
        let development = try exactly(step) { () throws(ArithmeticError) in try completion.development(of: regime) }
        let years = completion.baselines.map(\.year)
        guard development.ultimate > .zero else {
            throw SettlementError(
                "the baseline years \(years.map(String.init).joined(separator: ", ")) have no \(regime) claims "
                    + "with a date of receipt, so the \(regime) claims not yet received cannot be estimated"
            )
        }
        let ultimate = Fraction(cents: development.ultimate)
        var lags: [CompletionResult.DevelopmentLag] = []
        for (lag, received) in development.cumulative.enumerated() {
            let next = lag + 1 < development.cumulative.count ? development.cumulative[lag + 1] : nil
            lags.append(
                CompletionResult.DevelopmentLag(
                    lag: lag,
                    received: received,
                    completionFactor: try rate(
                        try exactly(step) { () throws(ArithmeticError) in try Fraction(cents: received) / ultimate },
                        step
                    ),
                    ageToAgeFactor: try next.flatMap { next throws(SettlementError) -> ExactDecimal? in
                        guard !next.isZero else { return nil }
                        return try rate(
                            try exactly(step) { () throws(ArithmeticError) in
                                try Fraction(cents: received) / Fraction(cents: next)
                            },
                            step
                        )
                    }
                )
            )
        }
        // The performance year's received claims by month of service.
        var byMonth: [Int: Cents] = [:]
        try exactly(step) { () throws(ArithmeticError) in
            for (key, amount) in ledger.receiptLags.amounts where key.regime == regime {
                byMonth[key.month] = try (byMonth[key.month] ?? .zero) + amount
            }
        }
        let periodMonth = ReceiptLags.monthNumber(contract.period.start)
        let cutOffMonth = ReceiptLags.monthNumber(cutOff)
        var months: [CompletionResult.ServiceMonth] = []
        var total = Fraction(0)
        for (month, received) in byMonth.sorted(by: { $0.key < $1.key }) {
            let age = cutOffMonth - periodMonth - month
            let within = development.received(within: age)
            let first = CalendarDate(year: (periodMonth + month) / 12, month: (periodMonth + month) % 12 + 1, day: 1)
            guard let first else { throw SettlementError("\(step): month \(month) of the period is no date") }
            guard within > .zero else {
                if received.isZero { continue }
                throw SettlementError(
                    "the baseline years received none of their \(regime) claims within \(age) months of the month "
                        + "of service, so the claims of \(first.year)-\(first.month < 10 ? "0" : "")\(first.month) "
                        + "not yet received cannot be estimated"
                )
            }
            let part = try exactly(step) { () throws(ArithmeticError) in
                try Fraction(cents: received) * (ultimate - Fraction(cents: within)) / Fraction(cents: within)
            }
            total = total + part
            months.append(
                CompletionResult.ServiceMonth(
                    month: first,
                    age: age,
                    received: received,
                    completionFactor: try rate(
                        try exactly(step) { () throws(ArithmeticError) in try Fraction(cents: within) / ultimate },
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
            baselineClaims: development.ultimate,
            development: lags,
            months: months,
            undated: ledger.receiptLags.undated[regime] ?? ClaimLedger.LineTotal(),
            baselineUndated: try exactly(step) { () throws(ArithmeticError) in try completion.undated(regime) },
            estimate: estimate
        )
        record(
            step,
            "The \(regime) claims not yet received, estimated from the baseline years' lags (chain-ladder)",
            formula:
                "C(k) = baseline claims received within k months of the month of service, U = all of them; completion "
                + "factor CF(k) = C(k) ÷ U; estimate = Σ over months of service of received × (U − C(age)) ÷ C(age), "
                + "age = months from the month of service to the cut-off's month, rounded once",
            inputs: [
                ("baselineYears", .text(years.map(String.init).joined(separator: " "))),
                ("baselineClaims", .cents(development.ultimate)),
            ]
                + lags.map { ("receivedWithin.\($0.lag)", StepValue.cents($0.received)) }
                + months.map { ("received.\(Self.monthName($0.month))", StepValue.cents($0.received)) }
                + months.map { ("age.\(Self.monthName($0.month))", StepValue.integer($0.age)) },
            results: lags.map { ("completionFactor.\($0.lag)", StepValue.decimal($0.completionFactor)) }
                + [("estimate", .cents(estimate))]
        )
        if result.baselineUndated.lines > 0 {
            warnings.append(
                "\(result.baselineUndated.lines) accepted \(regime) claim lines of the baseline years do not say when "
                    + "they were received (\(result.baselineUndated.amount)); the completion factors leave them out"
            )
        }
        return result
    }

    /// `YYYY-MM`.
    static func monthName(_ date: CalendarDate) -> String {
        "\(date.year)-\(date.month < 10 ? "0" : "")\(date.month)"
    }
}

/// What a settlement after a run-out counted: its stage, its cut-off, the lines received after it, and
/// for a provisional settlement the claims not yet received.
public struct RunOutResult: Hashable, Sendable {
    public var stage: SettlementStage
    /// The months of run-out of this stage.
    public var months: Int
    /// The last day a line could be received to count.
    public var cutOff: CalendarDate
    /// The lines received after the cut-off, and their amount: not counted.
    public var receivedAfterCutOff: ClaimLedger.LineTotal
    /// The accepted lines that do not say when they were received: counted as received by the cut-off.
    public var undated: ClaimLedger.LineTotal
    /// For a provisional settlement, the estimate of each regime's claims not yet received.
    public var completion: [CompletionResult]
    /// For a final settlement, what it changes against the provisional one, when that was computed.
    public var trueUp: TrueUp?

    public init(
        stage: SettlementStage,
        months: Int,
        cutOff: CalendarDate,
        receivedAfterCutOff: ClaimLedger.LineTotal,
        undated: ClaimLedger.LineTotal,
        completion: [CompletionResult],
        trueUp: TrueUp? = nil
    ) {
        self.stage = stage
        self.months = months
        self.cutOff = cutOff
        self.receivedAfterCutOff = receivedAfterCutOff
        self.undated = undated
        self.completion = completion
        self.trueUp = trueUp
    }

    /// The estimate of `regime`'s claims not yet received; zero when none was made.
    public func estimate(of regime: Regime) -> Cents {
        completion.first { $0.regime == regime }?.estimate ?? .zero
    }
}
