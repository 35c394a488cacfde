/// The truncation of members' costs: the threshold and, per member and regime, what is cut off.
struct TruncationOutcome {
    var threshold: Cents?
    /// Per roster member, the part of each regime's cost above the threshold.
    var excess: [Int: RegimeAmounts]
    var truncated: RegimeAmounts
    var membersTruncated: Int
}

extension SettlementCalculator {
    /// Step 4: what happened to the claim lines.
    mutating func reconciliationStage() throws(SettlementError) -> ReconciliationResult {
        var accepted = LineTotal()
        var excluded = Cents.zero
        for regime in Regime.allCases {
            if let total = ledger.accepted[regime] {
                accepted.lines += total.lines
                accepted.amount = try exactly("reconciliation") { () throws(ArithmeticError) in
                    try accepted.amount + total.amount
                }
            }
            if let part = ledger.proRataExcluded[regime] {
                excluded = try exactly("reconciliation") { () throws(ArithmeticError) in try excluded + part }
            }
        }
        var rejected: [(reason: RejectionReason, total: LineTotal)] = []
        for reason in RejectionReason.allCases {
            var total = LineTotal()
            for (key, part) in ledger.rejected where key.reason == reason {
                total.lines += part.lines
                total.amount = try exactly("reconciliation") { () throws(ArithmeticError) in
                    try total.amount + part.amount
                }
            }
            // Refusals by the financier are listed when its answers refused something, lines received after
            // the cut-off when there is one; every other reason always.
            if reason == .refusedByFinancier, total.lines == 0, total.amount.isZero { continue }
            if reason == .receivedAfterCutOff, contract.reconciliation.cutOff == nil, total.lines == 0,
                total.amount.isZero
            {
                continue
            }
            rejected.append((reason, total))
        }
        let result = ReconciliationResult(
            read: ledger.read,
            accepted: accepted,
            proRataExcluded: excluded,
            rejected: rejected,
            codes: ledger.codes.sorted,
            refusals: ledger.refusals.sorted { ByteOrder.precedes($0.key, $1.key) }.map {
                ($0.key, ledger.refusalMeanings[$0.key] ?? "", $0.value)
            }
        )
        record(
            "reconciliation",
            "Every claim line accepted or rejected with one reason; credits netted against the lines they correct",
            formula: "read = accepted + excluded by pro-rating + Σ rejected (lines and amounts)",
            inputs: [("readLines", .integer(ledger.read.lines)), ("read", .cents(ledger.read.amount))],
            results: [
                ("acceptedLines", .integer(accepted.lines)), ("accepted", .cents(accepted.amount)),
                ("proRataExcluded", .cents(excluded)),
            ]
                + rejected.flatMap { entry -> [(name: String, value: StepValue)] in
                    [
                        ("rejectedLines.\(entry.reason.rawValue)", .integer(entry.total.lines)),
                        ("rejected.\(entry.reason.rawValue)", .cents(entry.total.amount)),
                    ]
                }
        )
        return result
    }

    /// Step 5a: truncation of each member's annual cost at a fixed amount or a percentile.
    mutating func truncationStage() throws(SettlementError) -> TruncationOutcome {
        var outcome = TruncationOutcome(threshold: nil, excess: [:], truncated: RegimeAmounts(), membersTruncated: 0)
        guard let truncation = contract.truncation else { return outcome }
        let step = "truncation"
        let covered = contract.regimes.map(\.regime)
        var costs: [(member: Int, total: Cents)] = []
        for (index, window) in population.windows.enumerated() where window != nil {
            let amounts = ledger.memberCosts[index]
            let total = try exactly(step) { () throws(ArithmeticError) in try covered.map { amounts[$0] }.sum() }
            costs.append((index, total))
        }
        let threshold: Cents
        var rule: [(name: String, value: StepValue)]
        switch truncation {
        case .perMemberAnnual(let amount):
            threshold = amount
            rule = [("rule", .text("per-member-annual"))]
        case .percentile(let percentile):
            let sorted = costs.map(\.total).sorted()
            // Nearest rank: the smallest cost with at least p % of members at or below it.
            let rank = try exactly(step) { () throws(ArithmeticError) in
                (Fraction(percentile.fraction) * Fraction(sorted.count)).rounded(.ceiling)
            }
            let position = max(1, Int(rank.int128 ?? 1)) - 1
            threshold = sorted.isEmpty ? .zero : sorted[min(position, sorted.count - 1)]
            rule = [
                ("rule", .text("percentile")), ("percentile", .percent(percentile)),
                ("nearestRank", .integer(position + 1)),
            ]
        }
        outcome.threshold = threshold
        for (member, total) in costs where total > threshold {
            let excess = try exactly(step) { () throws(ArithmeticError) in try total - threshold }
            let amounts = ledger.memberCosts[member]
            // The excess is split over the member's regimes in proportion to their costs.
            let shares = covered.map { Allocation.Share(key: $0, weight: ExactDecimal(Int(amounts[$0].rawValue))) }
            let parts: [Cents]
            do { parts = try Allocation.split(excess, by: shares) } catch {
                throw SettlementError(.arithmetic, "truncation of a member's cost: \(error)")
            }
            var split = RegimeAmounts()
            for (regime, part) in zip(covered, parts) {
                split[regime] = part
                try exactly(step) { () throws(ArithmeticError) in try outcome.truncated.add(part, to: regime) }
            }
            outcome.excess[member] = split
            outcome.membersTruncated += 1
        }
        record(
            step,
            "Each member's annual cost capped",
            formula:
                "excess = max(0, member cost − threshold), split over the member's regimes in proportion to their costs",
            inputs: rule + [("members", .integer(costs.count))],
            results: [("threshold", .cents(threshold)), ("membersTruncated", .integer(outcome.membersTruncated))]
                + covered.map { ("truncated.\($0)", .cents(outcome.truncated[$0])) }
        )
        return outcome
    }

    /// Steps 5b and 6: expenditure and savings per regime and in total.
    mutating func expenditureStage(
        _ regimes: inout [RegimeResult],
        truncation: TruncationOutcome,
        runOut: RunOutResult? = nil
    ) throws(SettlementError) -> Totals {
        var outOfScope = RegimeAmounts()
        for (index, window) in population.windows.enumerated() where window != nil {
            try exactly("out of scope") { () throws(ArithmeticError) in
                try outOfScope.add(ledger.memberOutOfScope[index])
            }
        }
        for index in regimes.indices {
            let regime = regimes[index].regime
            let step = "savings.\(regime)"
            let claims = ledger.accepted[regime]?.amount ?? .zero
            let truncated = truncation.truncated[regime]
            let notYetReceived = runOut?.estimate(of: regime) ?? .zero
            let expenditure = try exactly(step) { () throws(ArithmeticError) in
                try claims - truncated + regimes[index].lumpSums + notYetReceived
            }
            let savings = try exactly(step) { () throws(ArithmeticError) in try regimes[index].budget - expenditure }
            regimes[index].claims = claims
            regimes[index].truncated = truncated
            regimes[index].notYetReceived = notYetReceived
            regimes[index].expenditure = expenditure
            regimes[index].savings = savings
            regimes[index].savingsRate = try savingsRate(savings, of: regimes[index].budget, step)
            regimes[index].outOfScope = outOfScope[regime]
            regimes[index].acceptedLines = ledger.accepted[regime]?.lines ?? 0
            let estimated = runOut?.stage == .provisional
            record(
                step,
                "Expenditure and savings of the \(regime)",
                formula: estimated
                    ? "expenditure = accepted claims − truncated + lump sums + claims not yet received (estimated); "
                        + "savings = budget − expenditure; savings rate = savings ÷ budget"
                    : "expenditure = accepted claims − truncated + lump sums; savings = budget − expenditure; savings rate = savings ÷ budget",
                inputs: [
                    ("budget", .cents(regimes[index].budget)),
                    ("acceptedClaims", .cents(claims)),
                    ("truncated", .cents(truncated)),
                    ("lumpSums", .cents(regimes[index].lumpSums)),
                ] + (estimated ? [("notYetReceived", StepValue.cents(notYetReceived))] : []),
                results: [("expenditure", .cents(expenditure)), ("savings", .cents(savings))]
                    + (regimes[index].savingsRate.map { [("savingsRate", StepValue.decimal($0))] } ?? [])
                    + [("outOfScope", .cents(outOfScope[regime]))]
            )
        }
        let totals = try totalsStage(regimes, outOfScope: outOfScope, truncationThreshold: truncation.threshold)
        for regime in Regime.allCases
        where !contract.regimes.contains(where: { $0.regime == regime }) && !outOfScope[regime].isZero {
            warnings.append(SettlementWarning(.spendingOutsideContract(regime: regime, amount: outOfScope[regime])))
        }
        return totals
    }

    /// Step 6 in total: budget, expenditure and savings summed over the regimes.
    mutating func totalsStage(
        _ regimes: [RegimeResult],
        outOfScope: RegimeAmounts,
        truncationThreshold: Cents?
    ) throws(SettlementError) -> Totals {
        let step = "savings"
        func total(_ field: (RegimeResult) -> Cents) throws(SettlementError) -> Cents {
            try exactly(step) { () throws(ArithmeticError) in try regimes.map(field).sum() }
        }
        let budget = try total(\.budget)
        let savings = try total(\.savings)
        let totals = Totals(
            budget: budget,
            claims: try total(\.claims),
            truncated: try total(\.truncated),
            lumpSums: try total(\.lumpSums),
            expenditure: try total(\.expenditure),
            savings: savings,
            savingsRate: try savingsRate(savings, of: budget, step),
            outOfScope: try exactly(step) { () throws(ArithmeticError) in try outOfScope.total() },
            outOfScopeByRegime: outOfScope,
            truncationThreshold: truncationThreshold
        )
        record(
            step,
            "Total budget, expenditure and savings",
            formula: "totals are sums over the regimes; savings rate = savings ÷ budget",
            inputs: regimes.map { ("budget.\($0.regime)", StepValue.cents($0.budget)) }
                + regimes.map { ("expenditure.\($0.regime)", StepValue.cents($0.expenditure)) },
            results: [
                ("budget", .cents(budget)), ("expenditure", .cents(totals.expenditure)), ("savings", .cents(savings)),
            ]
                + (totals.savingsRate.map { [("savingsRate", StepValue.decimal($0))] } ?? [])
        )
        return totals
    }

    func savingsRate(
        _ savings: Cents,
        of budget: Cents,
        _ step: String
    ) throws(SettlementError) -> ExactDecimal? {
        guard !budget.isZero else { return nil }
        return try rate(
            try exactly(step) { () throws(ArithmeticError) in try Fraction(cents: savings) / Fraction(cents: budget) },
            step
        )
    }
}
