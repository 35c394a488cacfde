import CapitationCore

extension Audit {
    /// `reconciliation`: read = accepted + excluded by pro-rating + Σ rejected, in lines and in cents.
    mutating func reconciliation(_ node: Recorded) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let section = document["reconciliation"]
        var lines = try result["acceptedLines"].number()
        var amount = try result["acceptedCents"].cents() + (try result["proRataExcludedCents"].cents())
        for (reason, count) in result["rejectedLines"].members {
            lines = lines + (try count.number())
            amount = amount + (try result["rejectedCents"][reason].cents())
        }
        expect(inputs["readLines"], number: lines)
        expect(inputs["readCents"], cents: amount)
        expect(section["read"]["lines"], number: try inputs["readLines"].number())
        expect(section["read"]["amountCents"], cents: try inputs["readCents"].cents())
        expect(section["accepted"]["lines"], number: try result["acceptedLines"].number())
        expect(section["accepted"]["amountCents"], cents: try result["acceptedCents"].cents())
        expect(section["accepted"]["proRataExcludedCents"], cents: try result["proRataExcludedCents"].cents())
        let rejected = section["rejected"].elements(label: { try? $0["reason"].text() })
        let named = rejected.compactMap { node in (try? node["reason"].text()).map { ($0, node) } }
        for (reason, node) in named {
            expect(node["lines"], number: try result["rejectedLines"][reason].number())
            expect(node["amountCents"], cents: try result["rejectedCents"][reason].cents())
        }
        if named.count != result["rejectedLines"].members.count {
            differ(
                field: "reconciliation.rejected",
                recorded: "\(named.count) reasons",
                expected: "the \(result["rejectedLines"].members.count) reasons of the step"
            )
        }
        // The regimes' accepted claims are the accepted claims.
        var regimeLines = Fraction.zero
        for regime in regimes { regimeLines = regimeLines + (try regime.node["acceptedLines"].number()) }
        expect(section["accepted"]["lines"], number: regimeLines)
        // Each regime's accepted claims are the sum of its claim codes', and what lies outside the scope is
        // the out-of-scope spending of the totals.
        var byCode: [String: Fraction] = [:]
        for code in section["codes"].elements() {
            let regime = try code["regime"].text()
            byCode[regime, default: .zero] =
                byCode[regime, default: .zero] + (try code["accepted"]["amountCents"].cents())
        }
        for regime in regimes {
            expect(regime.node["claimsCents"], cents: byCode[regime.name] ?? .zero)
        }
        let outOfScope = named.first { $0.0 == "out of scope" }
        expect(document["totals"]["outOfScopeCents"], cents: try outOfScope?.1["amountCents"].cents() ?? .zero)
        cannotRecompute("reconciliation", "which lines are accepted follows from the claim files")
    }

    /// `truncation`: the truncated amounts are the regimes' and the totals'.
    mutating func truncation(_ node: Recorded) throws(Unreadable) {
        let result = node["result"]
        var total = Fraction.zero
        for (name, amount) in result["truncatedCents"].members {
            expect(regime(name)["truncatedCents"], cents: try amount.cents())
            total = total + (try amount.cents())
        }
        expect(document["totals"]["truncatedCents"], cents: total)
        expect(document["totals"]["truncationThresholdCents"], cents: try result["thresholdCents"].cents())
        // At a percentile p of n members' costs, the threshold is the cost of nearest rank ⌈p × n⌉ (at least 1).
        if (try? node["inputs"]["rule"].text()) == "percentile" {
            let share = Self.percent(try node["inputs"]["percentilePercent"].decimal())
            let rank = (share * (try node["inputs"]["members"].number())).rounded(.ceiling)
            expect(node["inputs"]["nearestRank"], number: Fraction(rank < BigInteger(1) ? BigInteger(1) : rank))
        }
        cannotRecompute("truncation", "whose cost exceeds the threshold follows from each member's claims")
    }

    /// `run-out`: the cut-off, the last day of the month that many months after the period's end, and
    /// the lines received after it.
    mutating func runOut(_ node: Recorded) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        expect(inputs["periodEnd"], text: try document["contract"]["period"]["end"].text())
        guard let end = try? CalendarDate(parsing: try inputs["periodEnd"].text()) else {
            throw Unreadable(path: "inputs.periodEnd", expected: "a date", found: inputs["periodEnd"].written)
        }
        let months = try inputs["months"].integer()
        let index = end.year * 12 + end.month - 1 + months
        let year = index / 12
        let month = index % 12 + 1
        let cutOff = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))
        expect(result["cutOff"], text: cutOff?.description ?? "")
        let late = document["reconciliation"]["rejected"].elements().first {
            (try? $0["reason"].text()) == "received after the cut-off"
        }
        expect(result["receivedAfterCutOffLines"], number: try late?["lines"].number() ?? .zero)
        expect(result["receivedAfterCutOffCents"], cents: try late?["amountCents"].cents() ?? .zero)
        let section = document["runOut"]
        expect(section["stage"], text: try inputs["stage"].text())
        expect(section["months"], integer: months)
        expect(section["cutOff"], text: try result["cutOff"].text())
        expect(section["receivedAfterCutOff"]["lines"], number: try result["receivedAfterCutOffLines"].number())
        expect(section["receivedAfterCutOff"]["amountCents"], cents: try result["receivedAfterCutOffCents"].cents())
        expect(section["undated"]["lines"], number: try result["undatedLines"].number())
    }

    /// `completion.REGIME`: the chain-ladder estimate of the claims not yet received, from the lags of
    /// the baseline years: f(k) = received within k + 1 months ÷ received within k (same months), and per
    /// month of service received × (Π f from its age to its final age − 1), summed and rounded once.
    mutating func completion(_ node: Recorded, regime name: String) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let within = inputs["receivedWithinCents"]
        var factors: [Int: Fraction] = [:]
        var next: [Int: Fraction] = [:]
        for (key, _) in within.members where !key.contains(".") {
            guard let lag = Int(key) else { continue }
            let from = try within[key].cents()
            let to = try within["\(lag + 1).sameMonths"].cents()
            next[lag] = to
            guard from > .zero else { continue }
            let factor = try divide(to, from, within[key].path)
            factors[lag] = factor
            expect(result["ageToAgeFactor"][key], decimal: rate(factor))
        }
        // Each month's age is the months from it to the cut-off; its final age, as many more as the final
        // run-out is longer (a length the contract holds).
        let cutOff = try document["runOut"]["cutOff"].text()
        let cutOffMonth = Self.monthNumber(cutOff)
        var longer: Int?
        var total = Fraction.zero
        var received = Fraction.zero
        let months =
            document["runOut"]["completion"].elements().first { (try? $0["regime"].text()) == name }?["months"]
            .elements() ?? []
        for (month, amount) in inputs["receivedCents"].members {
            if let cutOffMonth, let number = Self.monthNumber(month + "-01") {
                expect(inputs["age"][month], integer: cutOffMonth - number)
            }
            let age = max(0, try inputs["age"][month].integer())
            let finalAge = try inputs["finalAge"][month].integer()
            if let longer {
                expect(inputs["finalAge"][month], integer: (try inputs["age"][month].integer()) + longer)
            } else {
                longer = finalAge - (try inputs["age"][month].integer())
            }
            received = received + (try amount.cents())
            var product = Fraction.one
            for lag in age..<max(age, finalAge) {
                if let factor = factors[lag] {
                    product = product * factor
                } else if next[lag] != .zero {
                    // Nothing received within `lag` months to grow from: no estimate can be made.
                    differ(
                        field: "inputs.receivedWithinCents.\(lag)",
                        recorded: within[String(lag)].written,
                        expected: "an amount received within \(lag) months to grow the claims of \(month) from"
                    )
                }
            }
            expect(result["developmentFactor"][month], decimal: rate(product))
            total = total + (try amount.cents()) * (product - Fraction.one)
            if let row = months.first(where: { (try? $0["month"].text()) == month + "-01" }) {
                expect(row["receivedCents"], cents: try amount.cents())
                expect(row["age"], integer: try inputs["age"][month].integer())
                expect(row["finalAge"], integer: finalAge)
                expect(row["developmentFactor"], decimal: rate(product))
                expect(row["estimateCents"], cents: money((try amount.cents()) * (product - Fraction.one)))
            } else {
                differ(
                    field: "runOut.completion[\(name)].months",
                    recorded: "no \(month)",
                    expected: "the month of the step"
                )
            }
        }
        if months.count != inputs["receivedCents"].members.count {
            differ(
                field: "runOut.completion[\(name)].months",
                recorded: "\(months.count) months",
                expected: "\(inputs["receivedCents"].members.count), those of the step"
            )
        }
        // The months hold the regime's claims, but those without a date of receipt.
        let undated =
            (try? document["runOut"]["completion"].elements().first { (try? $0["regime"].text()) == name }?["undated"][
                "amountCents"
            ].cents()) ?? nil
        expect(regime(name)["claimsCents"], cents: received + (undated ?? .zero))
        if (longer ?? 0) < 0 {
            differ(field: "inputs.finalAge", recorded: "before the age", expected: "a final age at or after the age")
        }
        cannotRecompute("completion.\(name)", "how much longer the final run-out is lies in the contract")
        let estimate = money(total)
        expect(result["estimateCents"], cents: estimate)
        expect(regime(name)["notYetReceivedCents"], cents: estimate)
        let section = document["runOut"]["completion"].elements(label: { try? $0["regime"].text() }).first {
            (try? $0["regime"].text()) == name
        }
        if let section {
            expect(section["estimateCents"], cents: estimate)
            for lag in section["development"].elements() {
                let key = String(try lag["lag"].integer())
                expect(lag["receivedCents"], cents: try within[key].cents())
                expect(
                    lag["receivedNextCents"],
                    cents: try within["\(try lag["lag"].integer() + 1).sameMonths"].cents()
                )
            }
        } else {
            differ(
                field: "runOut.completion",
                recorded: "no \(name)",
                expected: "the estimate of step completion.\(name)"
            )
        }
    }

    /// `savings.REGIME`: expenditure = claims − truncated + lump sums (+ the estimate not yet received);
    /// savings = budget − expenditure; savings rate = savings ÷ budget.
    mutating func savings(_ node: Recorded, regime name: String) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let regime = regime(name)
        let budget = try inputs["budgetCents"].cents()
        let claims = try inputs["acceptedClaimsCents"].cents()
        let truncated = try inputs["truncatedCents"].cents()
        let lumpSums = try inputs["lumpSumsCents"].cents()
        let estimate = try inputs["notYetReceivedCents"].optionalCents() ?? .zero
        let expenditure = claims - truncated + lumpSums + estimate
        let savings = budget - expenditure
        expect(result["expenditureCents"], cents: expenditure)
        expect(result["savingsCents"], cents: savings)
        let savingsRate = budget.isZero ? nil : rate(try divide(savings, budget, "inputs.budgetCents"))
        if let savingsRate { expect(result["savingsRate"], decimal: savingsRate) }
        expect(regime["budgetCents"], cents: budget)
        expect(regime["claimsCents"], cents: claims)
        expect(regime["truncatedCents"], cents: truncated)
        expect(regime["lumpSumCents"], cents: lumpSums)
        expect(regime["notYetReceivedCents"], cents: estimate)
        expect(regime["expenditureCents"], cents: expenditure)
        expect(regime["savingsCents"], cents: savings)
        expect(regime["savingsRate"], optionalDecimal: savingsRate)
        expect(regime["outOfScopeCents"], cents: try result["outOfScopeCents"].cents())
    }

    /// `savings`: the totals are the sums over the regimes.
    mutating func savingsTotal(_ node: Recorded) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let totals = document["totals"]
        var sums: [String: Fraction] = [:]
        for regime in regimes {
            for key in [
                "budgetCents", "claimsCents", "truncatedCents", "lumpSumCents", "expenditureCents", "outOfScopeCents",
            ] {
                sums[key, default: .zero] = sums[key, default: .zero] + (try regime.node[key].cents())
            }
            expect(inputs["budgetCents"][regime.name], cents: try regime.node["budgetCents"].cents())
            expect(inputs["expenditureCents"][regime.name], cents: try regime.node["expenditureCents"].cents())
        }
        let budget = sums["budgetCents"] ?? .zero
        let expenditure = sums["expenditureCents"] ?? .zero
        let savingsRate = budget.isZero ? nil : rate(try divide(budget - expenditure, budget, "budgetCents"))
        expect(result["budgetCents"], cents: budget)
        expect(result["expenditureCents"], cents: expenditure)
        expect(result["savingsCents"], cents: budget - expenditure)
        if let savingsRate { expect(result["savingsRate"], decimal: savingsRate) }
        for key in ["budgetCents", "claimsCents", "truncatedCents", "lumpSumCents", "expenditureCents"] {
            expect(totals[key], cents: sums[key] ?? .zero)
        }
        expect(totals["savingsCents"], cents: budget - expenditure)
        expect(totals["savingsRate"], optionalDecimal: savingsRate)
        var outOfScope = Fraction.zero
        for entry in totals["outOfScopeByRegime"].elements() {
            outOfScope = outOfScope + (try entry["amountCents"].cents())
        }
        expect(totals["outOfScopeCents"], cents: outOfScope)
        for entry in totals["outOfScopeByRegime"].elements() {
            let name = try entry["regime"].text()
            if regimes.contains(where: { $0.name == name }) {
                expect(regime(name)["outOfScopeCents"], cents: try entry["amountCents"].cents())
            }
        }
    }

    /// `2026-12-01` → the number of the month, counted from the year 0; `nil` for no date.
    static func monthNumber(_ text: String) -> Int? {
        guard let date = try? CalendarDate(parsing: text) else { return nil }
        return date.year * 12 + date.month - 1
    }
}
