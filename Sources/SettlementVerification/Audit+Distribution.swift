import CapitationCore

extension Audit {
    /// `distribution.payout`, `distribution.losses`: the amount divided among the financiers by their
    /// weights, largest remainder with ties to the smaller party id; each part passed on to (or taken from)
    /// the recipients in full.
    mutating func distribution(_ node: Recorded, losses: Bool) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let amount = try inputs["amountCents"].cents()
        expect(
            inputs["amountCents"],
            cents: try document["sharing"][losses ? "lossPaymentCents" : "payoutCents"].cents()
        )
        let ruleNode = inputs[losses ? "lossFinancing" : "financing"]
        let rule = try ruleNode.text()
        let rules =
            losses
            ? ["proportional-to-losses", "proportional-to-budget", "fixed-shares"]
            : ["proportional-to-savings", "proportional-to-budget", "fixed-shares"]
        checks += 1
        if !rules.contains(rule) { differ(ruleNode, rules.map { "\"\($0)\"" }.joined(separator: ", ")) }
        var weights: [(party: String, weight: Fraction)] = []
        for (party, weight) in inputs["weight"].members { weights.append((party, try weight.decimal())) }
        // The weights follow from the regimes, except fixed shares, which the contract holds.
        for regime in regimes {
            let financier = try regime.node["financier"].text()
            let savings = try regime.node["savingsCents"].cents()
            let expected: Fraction? =
                switch rule {
                case "proportional-to-savings": savings > .zero ? savings : .zero
                case "proportional-to-losses": savings < .zero ? Fraction.zero - savings : .zero
                case "proportional-to-budget": try regime.node["budgetCents"].cents()
                default: nil
                }
            if let expected { expect(inputs["weight"][financier], decimal: expected) }
        }
        if rule == "fixed-shares" { cannotRecompute(step, "fixed financing shares are in the contract") }
        let id = step
        var parts: [String: Fraction] = [:]
        for (party, part) in Self.largestRemainder(amount, weights) {
            expect(result["partCents"][party], cents: part)
            parts[party] = try result["partCents"][party].cents()
        }
        // Each financier's part reaches the recipients whole, and nothing else moves under this heading.
        let kinds: [Transfer.Kind] = [losses ? .loss : .payout, .capitationResult]
        let moved = transfers.filter { kinds.contains($0.kind ?? .agreed) }
        for (party, part) in parts.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            let passed = moved.filter { (losses ? $0.to : $0.from) == party }.reduce(Fraction.zero) { $0 + $1.amount }
            step = id
            if passed != part {
                differ(
                    field: "Σ transfers[\(losses ? "to" : "from") \(party)].amountCents",
                    recorded: Self.amount(passed),
                    expected: Self.amount(part)
                )
            } else {
                checks += 1
            }
        }
        for transfer in moved where parts[losses ? transfer.to : transfer.from] == nil {
            differ(
                field: transfer.node.path,
                recorded: "\(transfer.reason) from \(transfer.from) to \(transfer.to)",
                expected: losses ? "a payment to a financier with a part" : "a payment from a financier with a part"
            )
        }
        cannotRecompute(id, "the recipients' shares of each part are in the contract")
    }

    /// `amount` split by `weights`: each part its exact share rounded toward zero, the cents left over one
    /// each to the largest remainders, ties to the smaller party id.
    static func largestRemainder(
        _ amount: Fraction,
        _ weights: [(party: String, weight: Fraction)]
    ) -> [(String, Fraction)] {
        let total = weights.reduce(Fraction.zero) { $0 + $1.weight }
        guard total > .zero else { return [] }
        let negative = amount < .zero
        let magnitude = negative ? Fraction.zero - amount : amount
        var parts: [(party: String, part: Fraction, remainder: Fraction)] = weights.map { entry in
            let exact = (try? magnitude * entry.weight / total) ?? .zero
            let whole = Fraction(exact.rounded(.towardZero))
            return (entry.party, whole, exact - whole)
        }
        var leftover = magnitude - parts.reduce(Fraction.zero) { $0 + $1.part }
        let order = parts.indices.sorted { lhs, rhs in
            parts[lhs].remainder != parts[rhs].remainder
                ? parts[lhs].remainder > parts[rhs].remainder
                : parts[lhs].party.utf8.lexicographicallyPrecedes(parts[rhs].party.utf8)
        }
        for index in order where leftover > .zero {
            parts[index].part = parts[index].part + Fraction.one
            leftover = leftover - Fraction.one
        }
        return parts.map { ($0.party, negative ? Fraction.zero - $0.part : $0.part) }
    }

    /// `transfer.N`: a fixed amount, or round(max(0, retained savings) × percent), retained savings being
    /// the financier's savings less what it paid under the contract plus what it received.
    mutating func agreedTransfer(_ node: Recorded, number: String) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let amount = try result["amountCents"].cents()
        let from = try inputs["from"].text()
        if inputs["sharePercent"].isPresent {
            expect(inputs["savingsCents"], cents: try regimeOf(financier: from)["savingsCents"].cents())
            // What the financier paid of the payout (negative) or received of a shared loss.
            let paid = (try? step("distribution.payout")?["result"]["partCents"][from].cents()) ?? nil
            let received = (try? step("distribution.losses")?["result"]["partCents"][from].cents()) ?? nil
            let settled = (received ?? .zero) - (paid ?? .zero)
            expect(inputs["settledUnderTheContractCents"], cents: settled)
            let retained = (try inputs["savingsCents"].cents()) + settled
            expect(inputs["retainedSavingsCents"], cents: money(retained))
            let base = retained > .zero ? retained : .zero
            expect(result["amountCents"], cents: money(base * Self.percent(try inputs["sharePercent"].decimal())))
        } else {
            expect(result["amountCents"], cents: try inputs["amountCents"].cents())
        }
        // The agreed transfers with an amount are listed, in the order of their steps, after the sharing's.
        let agreed = transfers.filter { $0.kind == .agreed }
        let id = self.step
        guard amount > .zero, let position = payingTransferSteps.firstIndex(where: { (try? $0["step"].text()) == id })
        else {
            return
        }
        guard position < agreed.count else {
            differ(field: "transfers", recorded: "\(agreed.count) agreed transfers", expected: "one for step \(step)")
            return
        }
        let transfer = agreed[position]
        expect(transfer.node["amountCents"], cents: amount)
        expect(transfer.node["from"], text: from)
        expect(transfer.node["to"], text: try inputs["to"].text())
    }

    func regimeOf(financier: String) -> Recorded {
        regimes.first { (try? $0.node["financier"].text()) == financier }?.node
            ?? Recorded(nil, path: "regimes[financier \(financier)]")
    }

    /// `parties`: each party's net is what it receives less what it pays, over the transfers.
    mutating func partiesStep(_ node: Recorded) throws(Unreadable) {
        expect(node["inputs"]["transfers"], integer: document["transfers"].elements().count)
        let (pays, receives) = flows
        for party in document["parties"].elements(label: { try? $0["party"].text() }) {
            let id = try party["party"].text()
            expect(node["result"]["netCents"][id], cents: (receives[id] ?? .zero) - (pays[id] ?? .zero))
        }
    }

    /// What each party pays and receives, over the transfers.
    var flows: (pays: [String: Fraction], receives: [String: Fraction]) {
        var pays: [String: Fraction] = [:]
        var receives: [String: Fraction] = [:]
        for transfer in transfers {
            pays[transfer.from, default: .zero] = pays[transfer.from, default: .zero] + transfer.amount
            receives[transfer.to, default: .zero] = receives[transfer.to, default: .zero] + transfer.amount
        }
        return (pays, receives)
    }

    /// `schedule.FINANCIER`: the months add up to the prospective payments; due = claims borne + the
    /// providers' result; reconciliation = due − prospective.
    mutating func schedule(_ node: Recorded, financier: String) throws(Unreadable) {
        let inputs = node["inputs"]
        let result = node["result"]
        let regime = regimeOf(financier: financier)
        var prospective = Fraction.zero
        for (_, month) in result["monthCents"].members { prospective = prospective + (try month.cents()) }
        let claimsBorne = (try regime["claimsCents"].cents()) - (try regime["truncatedCents"].cents())
        var providers = Fraction.zero
        for transfer in transfers where transfer.reason == "capitation result" {
            if transfer.from == financier { providers = providers + transfer.amount }
            if transfer.to == financier { providers = providers - transfer.amount }
        }
        expect(inputs["capitationBudgetCents"], cents: try regime["capitationBudgetCents"].cents())
        expect(inputs["claimsBorneCents"], cents: claimsBorne)
        expect(inputs["providersResultCents"], cents: providers)
        expect(result["prospectiveCents"], cents: prospective)
        expect(result["dueCents"], cents: claimsBorne + providers)
        expect(result["reconciliationCents"], cents: claimsBorne + providers - prospective)
        let section = document["paymentSchedule"]["financiers"].elements(label: { try? $0["financier"].text() }).first {
            (try? $0["financier"].text()) == financier
        }
        if let section {
            for key in [
                "prospectiveCents", "dueCents", "reconciliationCents", "claimsBorneCents", "providersResultCents",
            ] {
                expect(
                    section[key],
                    cents: try (key.hasPrefix("claims") || key.hasPrefix("providers") ? inputs : result)[key].cents()
                )
            }
        } else {
            differ(
                field: "paymentSchedule.financiers",
                recorded: "no \(financier)",
                expected: "the schedule of step schedule.\(financier)"
            )
        }
        cannotRecompute(
            "schedule.\(financier)",
            "each month's payment follows from the scores of the members in the population that month"
        )
    }

    // MARK: Sections that no step states

    /// The parties' positions against the transfers, the nets against zero, the true-up against the nets.
    mutating func verifySections() {
        step = "parties"
        let (pays, receives) = flows
        var sum = Fraction.zero
        var named: Set<String> = []
        for party in document["parties"].elements(label: { try? $0["party"].text() }) {
            guard let id = try? party["party"].text() else { continue }
            named.insert(id)
            expect(party["paysCents"], cents: pays[id] ?? .zero)
            expect(party["receivesCents"], cents: receives[id] ?? .zero)
            expect(party["netCents"], cents: (receives[id] ?? .zero) - (pays[id] ?? .zero))
            sum = sum + ((try? party["netCents"].cents()) ?? .zero)
        }
        if !sum.isZero {
            differ(field: "parties[].netCents", recorded: "a sum of \(Self.amount(sum))", expected: "a sum of 0")
        } else {
            checks += 1
        }
        // The payments under the sharing add up to the payout and the shared loss; the agreed ones are
        // one per transfer step with an amount.
        step = "transfers"
        let payout = (try? document["sharing"]["payoutCents"].cents()) ?? .zero
        let loss = (try? document["sharing"]["lossPaymentCents"].cents()) ?? .zero
        let results = transfers.filter { $0.kind == .capitationResult }.reduce(Fraction.zero) { $0 + $1.amount }
        for (kind, total, name) in [(Transfer.Kind.payout, payout, "payoutCents"), (.loss, loss, "lossPaymentCents")] {
            var sum = transfers.filter { $0.kind == kind }.reduce(Fraction.zero) { $0 + $1.amount }
            if total > .zero { sum = sum + results }
            if sum != total {
                differ(
                    field: "Σ transfers (\(kind == .payout ? "shared savings" : "shared losses")).amountCents",
                    recorded: Self.amount(sum),
                    expected: Self.amount(total) + ", sharing.\(name)"
                )
            } else {
                checks += 1
            }
        }
        if payout.isZero, loss.isZero, !results.isZero {
            differ(
                field: "transfers (capitation result)",
                recorded: Self.amount(results),
                expected: "0: nothing is shared"
            )
        }
        let agreedSteps = payingTransferSteps
        let agreed = transfers.filter { $0.kind == .agreed }
        if agreed.count != agreedSteps.count {
            differ(
                field: "transfers (transfer: …)",
                recorded: "\(agreed.count) agreed transfers",
                expected: "\(agreedSteps.count), one per transfer step with an amount"
            )
        }
        step = "parties"
        for transfer in transfers where !named.contains(transfer.from) || !named.contains(transfer.to) {
            differ(
                field: transfer.node.path,
                recorded: "from \(transfer.from) to \(transfer.to)",
                expected: "a transfer between parties of the settlement"
            )
        }
        verifyOutcome()
        step = "risk"
        let models = document["risk"]["models"].elements()
        if !models.isEmpty {
            // Whether the growth cap lowered any model's scores.
            expect(
                document["risk"]["growthCapApplied"],
                flag: models.contains { (try? $0["growthCapApplied"].flag()) == true }
            )
        }
        verifyTrueUp()
    }

    /// A final settlement's true-up: each change is the final net less the provisional one, the final net
    /// is the party's, and the changes sum to zero.
    private mutating func verifyTrueUp() {
        let trueUp = document["runOut"]["trueUp"]
        guard trueUp.isPresent else { return }
        step = "runOut.trueUp"
        var sum = Fraction.zero
        for party in trueUp["parties"].elements(label: { try? $0["party"].text() }) {
            guard let id = try? party["party"].text(), let final = try? party["finalNetCents"].cents(),
                let provisional = try? party["provisionalNetCents"].cents()
            else {
                differ(field: party.path, recorded: party.written, expected: "a party with its nets")
                continue
            }
            let position = document["parties"].elements().first { (try? $0["party"].text()) == id }
            if let position { expect(position["netCents"], cents: final) }
            expect(party["changeCents"], cents: final - provisional)
            sum = sum + ((try? party["changeCents"].cents()) ?? .zero)
        }
        if !sum.isZero {
            differ(
                field: "runOut.trueUp.parties[].changeCents",
                recorded: "a sum of \(Self.amount(sum))",
                expected: "a sum of 0"
            )
        }
    }

    /// The outcome the sharing records is the rule that applies to the totals and the minimum rates, and
    /// the quality application the one its step used.
    private mutating func verifyOutcome() {
        let sharing = document["sharing"]
        guard sharing["outcome"].isPresent || (try? document["format"].text()) != "capitation-settlement/1" else {
            return
        }
        step = "sharing"
        let savings = (try? document["totals"]["savingsCents"].cents()) ?? .zero
        let expected: String
        switch try? document["contract"]["model"].text() {
        case "fee-for-service": expected = "fee-for-service"
        case "capitation": expected = "capitation-result"
        default:
            if savings > .zero {
                expected =
                    (try? document["minimumSavingsRate"]["met"].flag()) == true
                    ? "savings-shared" : "savings-below-minimum"
            } else if savings < .zero {
                if (try? document["contract"]["sides"].text()) != "two" {
                    expected = "loss-not-shared"
                } else {
                    expected =
                        (try? document["minimumLossRate"]["met"].flag()) == true ? "loss-shared" : "loss-below-minimum"
                }
            } else {
                expected = "break-even"
            }
        }
        expect(sharing["outcome"], text: expected)
        let rule = step("sharing")?["inputs"]["quality"]
        if let rule, rule.isPresent, let text = try? rule.text() {
            expect(sharing["quality"], text: text)
        } else if (try? document["contract"]["model"].text()) != "shared-savings" {
            checks += 1
            if sharing["quality"].isPresent { differ(sharing["quality"], "null: quality applies to shared savings") }
        }
    }
}
