/// The payments of a settlement and each party's position.
struct DistributionOutcome {
    var transfers: [TransferLine]
    var parties: [PartyPosition]
}

extension SettlementCalculator {
    /// Step 10: who pays the payout (or receives the shared loss), who receives it, the agreed transfers,
    /// the lump sums, and each party's net position.
    ///
    /// Every split is a largest-remainder allocation with ties to the smaller party id, so parts sum exactly
    /// to their whole, and every payment has a payer and a payee, so the parties' net positions sum to zero.
    mutating func distributionStage(
        regimes: [RegimeResult],
        sharing: SharingResult
    ) throws(SettlementError) -> DistributionOutcome {
        var transfers: [TransferLine] = []
        for lumpSum in contract.lumpSums {
            transfers.append(
                TransferLine(
                    from: lumpSum.payer,
                    to: lumpSum.payee,
                    amount: lumpSum.amount,
                    reason: "lump sum: \(lumpSum.label)"
                )
            )
        }
        // What each financier paid (negative) or received (positive) under the contract's sharing.
        var settledByFinancier: [PartyID: Fraction] = [:]
        let capitation = contract.settlement.modelName == "capitation"
        if sharing.payout > .zero {
            let weights = payoutWeights(regimes)
            let parts = try split(sharing.payout, among: weights, "distribution.payout")
            let reason = capitation ? "capitation result" : "shared savings"
            for (financier, part) in parts {
                settledByFinancier[financier] = (settledByFinancier[financier] ?? .zero) - Fraction(cents: part)
                for (recipient, amount) in try recipientParts(of: part) where amount > .zero {
                    transfers.append(TransferLine(from: financier, to: recipient, amount: amount, reason: reason))
                }
            }
            recordDistribution(
                "distribution.payout",
                "The payout divided among the financiers that pay it, each part among the recipients",
                rule: ("financing", contract.distribution?.financing.name ?? "proportional-to-savings"),
                amount: sharing.payout,
                weights: weights,
                parts: parts
            )
        }
        if sharing.lossPayment > .zero {
            let weights = lossWeights(regimes)
            let parts = try split(sharing.lossPayment, among: weights, "distribution.losses")
            let reason = capitation ? "capitation result" : "shared losses"
            for (financier, part) in parts {
                settledByFinancier[financier] = (settledByFinancier[financier] ?? .zero) + Fraction(cents: part)
                for (recipient, amount) in try recipientParts(of: part) where amount > .zero {
                    transfers.append(TransferLine(from: recipient, to: financier, amount: amount, reason: reason))
                }
            }
            recordDistribution(
                "distribution.losses",
                "The shared loss divided among the financiers that receive it, each part among the recipients that pay it",
                rule: ("lossFinancing", contract.distribution?.lossFinancing.name ?? "proportional-to-losses"),
                amount: sharing.lossPayment,
                weights: weights,
                parts: parts
            )
        }
        for (index, transfer) in (contract.distribution?.transfers ?? []).enumerated() {
            let step = "transfer.\(index + 1)"
            let amount: Cents
            var inputs: [(name: String, value: StepValue)] = [
                ("from", .text(transfer.from.rawValue)), ("to", .text(transfer.to.rawValue)),
            ]
            switch transfer.amount {
            case .fixed(let fixed):
                amount = fixed
                inputs.append(("amount", .cents(fixed)))
            case .percentOfRetainedSavings(let percent):
                guard let regime = regimes.first(where: { $0.financier == transfer.from }) else { continue }
                let retained = Fraction(cents: regime.savings) + (settledByFinancier[transfer.from] ?? .zero)
                let retainedCents = try money(retained, step)
                amount = try money(retained.atLeast(.zero) * Fraction(percent.fraction), step)
                inputs += [
                    ("savings", .cents(regime.savings)),
                    ("settledUnderTheContract", .cents(try money(settledByFinancier[transfer.from] ?? .zero, step))),
                    ("retainedSavings", .cents(retainedCents)), ("share", .percent(percent)),
                ]
            }
            let label = transfer.label ?? "agreed transfer"
            if amount > .zero {
                transfers.append(
                    TransferLine(from: transfer.from, to: transfer.to, amount: amount, reason: "transfer: \(label)")
                )
            }
            record(
                step,
                "Transfer from \(transfer.from) to \(transfer.to): \(label)",
                formula: {
                    if case .fixed = transfer.amount {
                        "the agreed amount"
                    } else {
                        "round(max(0, retained savings) × percent); retained savings = savings − payout paid + losses received"
                    }
                }(),
                inputs: inputs,
                results: [("amount", .cents(amount))]
            )
        }
        let parties = try positions(from: transfers)
        record(
            "parties",
            "What each party pays and receives under the settlement",
            formula: "net = receives − pays; Σ net over all parties = 0",
            inputs: [("transfers", .integer(transfers.count))],
            results: parties.map { ("net.\($0.party)", StepValue.cents($0.net)) }
        )
        return DistributionOutcome(transfers: transfers, parties: parties)
    }

    /// The weights by which the financiers pay a payout, under the contract's financing rule.
    private func payoutWeights(_ regimes: [RegimeResult]) -> [Allocation.Share<PartyID>] {
        switch contract.distribution?.financing ?? .proportionalToSavings {
        case .proportionalToSavings: Self.weights(regimes) { Int128($0.savings.rawValue) }
        case .proportionalToBudget: Self.weights(regimes) { Int128($0.budget.rawValue) }
        case .fixedShares(let shares): shares.map { Allocation.Share(key: $0.party, weight: $0.share.value) }
        }
    }

    /// The weights by which the financiers receive a shared loss, under the contract's loss-financing rule:
    /// by default each financier's own loss, so that a financier with savings receives nothing.
    private func lossWeights(_ regimes: [RegimeResult]) -> [Allocation.Share<PartyID>] {
        switch contract.distribution?.lossFinancing ?? .proportionalToLosses {
        case .proportionalToLosses: Self.weights(regimes) { -Int128($0.savings.rawValue) }
        case .proportionalToBudget: Self.weights(regimes) { Int128($0.budget.rawValue) }
        case .fixedShares(let shares): shares.map { Allocation.Share(key: $0.party, weight: $0.share.value) }
        }
    }

    /// Each regime's financier weighted by `cents` of the regime, or by zero where that is negative.
    private static func weights(
        _ regimes: [RegimeResult],
        by cents: (RegimeResult) -> Int128
    ) -> [Allocation.Share<PartyID>] {
        regimes.map {
            Allocation.Share(key: $0.financier, weight: ExactDecimal(significand: max(0, cents($0)), scale: 0))
        }
    }

    private func split(
        _ amount: Cents,
        among shares: [Allocation.Share<PartyID>],
        _ step: String
    ) throws(SettlementError) -> [(PartyID, Cents)] {
        do {
            return zip(shares.map(\.key), try Allocation.split(amount, by: shares)).map { ($0, $1) }
        } catch {
            throw SettlementError(.arithmetic, "\(step): cannot divide \(amount): \(error)")
        }
    }

    /// `amount` divided among the recipients in their shares, groups further by attributed members.
    private func recipientParts(of amount: Cents) throws(SettlementError) -> [(PartyID, Cents)] {
        let recipients = contract.distribution?.recipients ?? []
        let shares = recipients.map { recipient in
            Allocation.Share(
                key: recipient.parties.map(\.rawValue).joined(separator: "+"),
                weight: recipient.share.value
            )
        }
        let parts: [Cents]
        do { parts = try Allocation.split(amount, by: shares) } catch {
            throw SettlementError(.arithmetic, "distribution: \(error)")
        }
        var result: [(PartyID, Cents)] = []
        var group = 0
        for (recipient, part) in zip(recipients, parts) {
            switch recipient.receiver {
            case .party(let party):
                result.append((party, part))
            case .attributedMembers(let parties, _):
                let counts = attributedMembers(group: group, parties: parties)
                group += 1
                guard counts.values.contains(where: { $0 > 0 }) else {
                    throw SettlementError(
                        .recipientGroupWithoutMembers,
                        "the share of group \(parties.map(\.rawValue).joined(separator: ", ")) cannot be divided: no member is attributed to any of its providers"
                    )
                }
                let weights = parties.map { Allocation.Share(key: $0, weight: ExactDecimal(counts[$0] ?? 0)) }
                result += try split(part, among: weights, "distribution.attribution")
            }
        }
        return result
    }

    /// The number of members attributed to each provider of recipient group `group`: each member goes to
    /// the provider with the largest accepted claim amount, ties to the smaller party id.
    func attributedMembers(group: Int, parties: [PartyID]) -> [PartyID: Int] {
        var counts: [PartyID: Int] = Dictionary(uniqueKeysWithValues: parties.map { ($0, 0) })
        guard group < ledger.memberAttribution.count else { return counts }
        for (_, amounts) in ledger.memberAttribution[group] {
            let winner = amounts.filter { $0.value > .zero }.max { lhs, rhs in
                lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key > rhs.key
            }
            if let winner { counts[winner.key, default: 0] += 1 }
        }
        return counts
    }

    /// Records how `amount` was divided among the financiers, with the weights, so that each part can be
    /// recomputed by the largest-remainder method from the step alone.
    private mutating func recordDistribution(
        _ id: String,
        _ description: String,
        rule: (name: String, value: String),
        amount: Cents,
        weights: [Allocation.Share<PartyID>],
        parts: [(party: PartyID, amount: Cents)]
    ) {
        record(
            id,
            description,
            formula:
                "financiers' parts = amount × weight ÷ Σ weights (\(rule.name) \(rule.value)), largest remainder, ties to the smaller party id; "
                + "then each financier's part divided among the recipients by their shares (groups by attributed members) in the same way",
            inputs: [("amount", .cents(amount)), (rule.name, .text(rule.value))]
                + weights.map { ("weight.\($0.key)", StepValue.decimal($0.weight)) },
            results: parts.map { ("part.\($0.party)", StepValue.cents($0.amount)) }
        )
    }

    private func positions(from transfers: [TransferLine]) throws(SettlementError) -> [PartyPosition] {
        var pays: [PartyID: Cents] = [:]
        var receives: [PartyID: Cents] = [:]
        for transfer in transfers {
            pays[transfer.from] = try exactly("parties") { () throws(ArithmeticError) in
                try (pays[transfer.from] ?? .zero) + transfer.amount
            }
            receives[transfer.to] = try exactly("parties") { () throws(ArithmeticError) in
                try (receives[transfer.to] ?? .zero) + transfer.amount
            }
        }
        return try contract.parties.map { party throws(SettlementError) in
            let paid = pays[party.id] ?? .zero
            let received = receives[party.id] ?? .zero
            return PartyPosition(
                party: party.id,
                role: party.role,
                name: party.name,
                pays: paid,
                receives: received,
                net: try exactly("parties") { () throws(ArithmeticError) in try received - paid }
            )
        }
    }
}
