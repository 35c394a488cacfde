extension ContractValidator {
    mutating func checkDistribution() {
        guard let distribution = contract.distribution else { return }
        checkFinancing(distribution.financing, lossFinancing: distribution.lossFinancing)
        checkRecipients(distribution.recipients)
        for (index, transfer) in distribution.transfers.enumerated() {
            resolve(transfer.from, .transfer(index), "from")
            resolve(transfer.to, .transfer(index), "to")
            if transfer.from == transfer.to {
                error(.transfer(index), "to", "party '\(transfer.from)' cannot transfer to itself")
            }
            switch transfer.amount {
            case .percentOfRetainedSavings(let percent):
                checkPercentRange(percent, .transfer(index), "percentOfRetainedSavings", "a transfer")
                if contract.party(transfer.from) != nil, coveredRegime(financedBy: transfer.from) == nil {
                    error(
                        .transfer(index),
                        "from",
                        "only a financier of one of the contract's regimes retains savings, and '\(transfer.from)' is none"
                    )
                }
            case .fixed(let amount) where amount <= .zero:
                error(.transfer(index), "amount", "a transfer must be above zero, not \(amount)")
            case .fixed:
                break
            }
        }
    }

    /// Checks the fixed financing shares: those of the payout, and those of shared losses when they are
    /// given apart (from XML both rules take the same `<financier>` shares, which are checked once).
    private mutating func checkFinancing(_ financing: FinancingRule, lossFinancing: LossFinancingRule) {
        var payoutShares: [FinancierShare]?
        if case .fixedShares(let shares) = financing { payoutShares = shares }
        var lossShares: [FinancierShare]?
        if case .fixedShares(let shares) = lossFinancing { lossShares = shares }
        switch (payoutShares, lossShares) {
        case (let payout?, let loss?) where payout == loss:
            checkShares(payout, "financing", "finance the payout or receive a shared loss", .payoutAndLoss)
        default:
            if let payoutShares {
                checkShares(payoutShares, "financing", "finance the payout", .payout)
            }
            if let lossShares {
                checkShares(lossShares, "lossFinancing", "receive a shared loss", .loss)
            }
        }
        if lossFinancing != .proportionalToLosses, !Self.canShareALoss(contract.settlement) {
            warning(
                .distribution,
                "lossFinancing",
                .lossFinancingWithoutEffect(rule: lossFinancing.name)
            )
        }
    }

    /// Whether the providers can bear a loss: two-sided shared savings, or capitation.
    private static func canShareALoss(_ settlement: SettlementTerms) -> Bool {
        switch settlement {
        case .feeForService: false
        case .capitation: true
        case .sharedSavings(let terms): terms.sides == .two
        }
    }

    private mutating func checkShares(
        _ shares: [FinancierShare],
        _ attribute: String,
        _ purpose: String,
        _ part: ContractWarning.FinancedPart
    ) {
        checkUnique(
            shares.map(\.party),
            element: { .financierShare($0) },
            attribute: "party",
            describe: { "a share for '\($0)'" }
        )
        for (index, share) in shares.enumerated() {
            if resolve(share.party, .financierShare(index), "party") != nil,
                coveredRegime(financedBy: share.party) == nil
            {
                error(
                    .financierShare(index),
                    "party",
                    "'\(share.party)' finances no regime of this contract, so it cannot \(purpose)"
                )
            }
            checkPercentRange(share.share, .financierShare(index), "percent", "a financing share")
        }
        checkSum(of: shares.map(\.share), is: "financing shares", at: .distribution)
        let covered = Set(shares.map(\.party))
        for terms in contract.regimes where !covered.contains(terms.financier) {
            warning(
                .distribution,
                attribute,
                .financierWithoutShare(financier: terms.financier, regime: terms.regime, of: part)
            )
        }
    }

    private mutating func checkRecipients(_ recipients: [Recipient]) {
        if recipients.isEmpty {
            error(.distribution, nil, "the distribution names no recipient")
            return
        }
        var seen: [PartyID: Int] = [:]
        for (index, recipient) in recipients.enumerated() {
            checkPercentRange(recipient.share, .recipient(index), "percent", "a recipient's share")
            for (member, party) in recipient.parties.enumerated() {
                let element: ContractElement =
                    recipient.parties.count > 1 || recipientIsGroup(recipient)
                    ? .recipientMember(recipient: index, member: member) : .recipient(index)
                guard let found = resolve(party, element, "party") else { continue }
                if let earlier = seen[party] {
                    error(
                        element,
                        "party",
                        "party '\(party)' is a recipient twice",
                        related: [.init(.recipient(earlier), "first named here")]
                    )
                } else {
                    seen[party] = index
                }
                if found.role.isFinancier {
                    warning(
                        element,
                        "party",
                        .financierAsRecipient(party: party)
                    )
                }
                if recipientIsGroup(recipient), found.role != .provider {
                    error(
                        element,
                        "party",
                        "members are attributed to providers only, and '\(party)' is \(found.role.withArticle)"
                    )
                }
            }
        }
        checkSum(of: recipients.map(\.share), is: "recipient shares", at: .distribution)
    }

    private func recipientIsGroup(_ recipient: Recipient) -> Bool {
        if case .attributedMembers = recipient.receiver { return true }
        return false
    }

    private mutating func checkSum(of shares: [Percentage], is what: String, at element: ContractElement) {
        guard let total = try? shares.map(\.value).sum() else {
            error(element, nil, "the \(what) are too large to add up")
            return
        }
        if total != ExactDecimal(100) {
            error(element, nil, "the \(what) sum to \(total) %, not 100 %")
        }
    }
}
