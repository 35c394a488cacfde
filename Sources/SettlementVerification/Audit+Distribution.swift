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
        let rule = try inputs[losses ? "lossFinancing" : "financing"].text()
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
        if rule.hasPrefix("fixed") { cannotRecompute(step, "fixed financing shares are in the contract") }
        let parts = Self.largestRemainder(amount, weights)
        let id = step
        for (party, part) in parts {
            expect(result["partCents"][party], cents: part)
            // Each financier's part reaches the recipients whole.
            let reasons = ["shared savings", "shared losses", "capitation result"]
            let passed = transfers.filter { reasons.contains($0.reason) && (losses ? $0.to : $0.from) == party }
                .reduce(Fraction.zero) { $0 + $1.amount }
            step = id
            if passed != (try result["partCents"][party].cents()) {
                differ(
                    field: "Σ transfers[\(losses ? "to" : "from") \(party)].amountCents",
                    recorded: Self.amount(passed),
                    expected: Self.amount(try result["partCents"][party].cents())
                )
            } else {
                checks += 1
            }
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
        if inputs["sharePercent"].isPresent {
            let retained = (try inputs["savingsCents"].cents()) + (try inputs["settledUnderTheContractCents"].cents())
            expect(inputs["retainedSavingsCents"], cents: money(retained))
            let base = retained > .zero ? retained : .zero
            expect(result["amountCents"], cents: money(base * Self.percent(try inputs["sharePercent"].decimal())))
        }
        // The agreed transfers with an amount are listed, in order, after the sharing's.
        let agreed = transfers.filter { $0.reason.hasPrefix("transfer: ") }
        let steps = document["steps"].elements().filter { (try? $0["step"].text())?.hasPrefix("transfer.") == true }
        let paying = steps.filter { ((try? $0["result"]["amountCents"].cents()) ?? .zero) > .zero }
        guard amount > .zero, let position = paying.firstIndex(where: { (try? $0["step"].text()) == step }) else {
            return
        }
        guard position < agreed.count else {
            differ(field: "transfers", recorded: "\(agreed.count) agreed transfers", expected: "one for step \(step)")
            return
        }
        let transfer = agreed[position]
        expect(transfer.node["amountCents"], cents: amount)
        guard inputs["sharePercent"].isPresent else { return }
        let financier = transfer.from
        expect(inputs["savingsCents"], cents: try regimeOf(financier: financier)["savingsCents"].cents())
        // What the financier paid of the payout (negative) or received of a shared loss.
        var settled = Fraction.zero
        for step in document["steps"].elements() {
            switch try? step["step"].text() {
            case "distribution.payout":
                settled = settled - ((try? step["result"]["partCents"][financier].cents()) ?? .zero)
            case "distribution.losses":
                settled = settled + ((try? step["result"]["partCents"][financier].cents()) ?? .zero)
            default: break
            }
        }
        expect(inputs["settledUnderTheContractCents"], cents: settled)
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
        for transfer in transfers where !named.contains(transfer.from) || !named.contains(transfer.to) {
            differ(
                field: transfer.node.path,
                recorded: "from \(transfer.from) to \(transfer.to)",
                expected: "a transfer between parties of the settlement"
            )
        }
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
}
