import CapitationCore
import SafeXML

extension ContractDecoder {
    mutating func decodeDistribution(_ element: XMLElement) -> Distribution? {
        sourceMap[.distribution] = element
        let financierElements = element.children(named: "financier")
        let financingName = text("financing", in: element) ?? "proportional-to-savings"
        let lossFinancingName = text("lossFinancing", in: element) ?? "proportional-to-losses"
        // The <financier> shares serve whichever of the two rules is fixed-shares, or both.
        var shares: [FinancierShare] = []
        if financingName == "fixed-shares" || lossFinancingName == "fixed-shares" {
            if financierElements.isEmpty {
                let attribute = financingName == "fixed-shares" ? "financing" : "lossFinancing"
                error(element, attribute, "fixed-shares needs a <financier> element with a share for each financier")
            }
            for (index, financier) in financierElements.enumerated() {
                sourceMap[.financierShare(index)] = financier
                guard let party = required(financier, "party"),
                    let percent = requiredPercentage("percent", in: financier)
                else {
                    continue
                }
                shares.append(FinancierShare(party: PartyID(party), share: percent))
            }
        } else if let first = financierElements.first {
            error(
                first,
                nil,
                "<financier> shares apply only with financing=\"fixed-shares\" or lossFinancing=\"fixed-shares\""
            )
        }
        let financing: FinancingRule
        switch financingName {
        case "proportional-to-budget": financing = .proportionalToBudget
        case "fixed-shares": financing = .fixedShares(shares)
        default: financing = .proportionalToSavings
        }
        let lossFinancing: LossFinancingRule
        switch lossFinancingName {
        case "proportional-to-budget": lossFinancing = .proportionalToBudget
        case "fixed-shares": lossFinancing = .fixedShares(shares)
        default: lossFinancing = .proportionalToLosses
        }
        var recipients: [Recipient] = []
        for entry in element.children where entry.name == "recipient" || entry.name == "recipientGroup" {
            let index = recipients.count
            sourceMap[.recipient(index)] = entry
            guard let share = requiredPercentage("percent", in: entry) else { continue }
            if entry.name == "recipient" {
                guard let party = required(entry, "party") else { continue }
                recipients.append(Recipient(share: share, receiver: .party(PartyID(party))))
            } else {
                var parties: [PartyID] = []
                for (memberIndex, member) in entry.children(named: "member").enumerated() {
                    sourceMap[.recipientMember(recipient: index, member: memberIndex)] = member
                    if let party = required(member, "party") { parties.append(PartyID(party)) }
                }
                let category = text("category", in: entry).map(CategoryCode.init(rawValue:))
                recipients.append(Recipient(share: share, receiver: .attributedMembers(parties, category: category)))
            }
        }
        var transfers: [Transfer] = []
        for (index, transfer) in element.children(named: "transfer").enumerated() {
            sourceMap[.transfer(index)] = transfer
            guard let from = required(transfer, "from"), let to = required(transfer, "to") else { continue }
            let amount: Transfer.Amount?
            switch exactlyOne(of: ["percentOfRetainedSavings", "amount"], in: transfer) {
            case "percentOfRetainedSavings":
                amount = percentage("percentOfRetainedSavings", in: transfer).map(
                    Transfer.Amount.percentOfRetainedSavings
                )
            case "amount":
                amount = cents("amount", in: transfer).map(Transfer.Amount.fixed)
            default:
                amount = nil
            }
            guard let amount else { continue }
            transfers.append(
                Transfer(from: PartyID(from), to: PartyID(to), amount: amount, label: text("label", in: transfer))
            )
        }
        return Distribution(
            financing: financing,
            lossFinancing: lossFinancing,
            recipients: recipients,
            transfers: transfers
        )
    }
}
