/// Who pays the settled result, who receives it, and what the parties pass on to each other.
///
/// Earned savings are financed by the regimes' financiers (by default each in proportion to its own
/// positive savings) and received by the recipients in their shares. Shared losses of a two-sided contract
/// (and a capitation loss) flow the other way: the recipients pay in their shares, and the financiers
/// receive by ``lossFinancing``, by default each in proportion to its own loss, so that a financier with
/// savings receives nothing of a shared loss, whatever rule finances a payout.
///
/// Both directions are divided in the same order: the amount among the financiers first, then each
/// financier's part among the recipients in their shares. A payout and a shared loss of the same size
/// and weights therefore have the same parts to the cent, with the direction of every payment reversed.
/// Transfers then move money between parties as agreed, for example part of the care office's retained
/// Wlz savings to the municipality that paid for prevention.
public struct Distribution: Hashable, Sendable {
    /// How the payout is divided among the financiers.
    public var financing: FinancingRule
    /// How a shared loss is divided among the financiers that receive it.
    public var lossFinancing: LossFinancingRule
    /// Who receives the payout (and pays a shared loss), in shares summing to 100 %.
    public var recipients: [Recipient]
    /// Agreed transfers between parties.
    public var transfers: [Transfer]

    public init(
        financing: FinancingRule,
        lossFinancing: LossFinancingRule = .proportionalToLosses,
        recipients: [Recipient],
        transfers: [Transfer] = []
    ) {
        self.financing = financing
        self.lossFinancing = lossFinancing
        self.recipients = recipients
        self.transfers = transfers
    }
}

/// How a payout is divided among the financiers.
public enum FinancingRule: Hashable, Sendable {
    /// Each financier in proportion to its own positive savings.
    case proportionalToSavings
    /// Each financier in proportion to its budget.
    case proportionalToBudget
    /// Fixed shares per financier, summing to 100 %.
    case fixedShares([FinancierShare])

    /// The rule's name as written in contracts.
    public var name: String {
        switch self {
        case .proportionalToSavings: "proportional-to-savings"
        case .proportionalToBudget: "proportional-to-budget"
        case .fixedShares: "fixed-shares"
        }
    }
}

/// How a shared loss (or the providers' negative capitation result) is divided among the financiers.
public enum LossFinancingRule: Hashable, Sendable {
    /// Each financier in proportion to its own loss (its negative savings); a financier with savings
    /// receives nothing. The default.
    case proportionalToLosses
    /// Each financier in proportion to its budget, whether it lost or saved.
    case proportionalToBudget
    /// Fixed shares per financier, summing to 100 %, whether it lost or saved.
    case fixedShares([FinancierShare])

    /// The rule's name as written in contracts.
    public var name: String {
        switch self {
        case .proportionalToLosses: "proportional-to-losses"
        case .proportionalToBudget: "proportional-to-budget"
        case .fixedShares: "fixed-shares"
        }
    }
}

/// A financier's fixed share of the payout.
public struct FinancierShare: Hashable, Sendable {
    public var party: PartyID
    public var share: Percentage

    public init(party: PartyID, share: Percentage) {
        self.party = party
        self.share = share
    }
}

/// A recipient of the payout: one party with a fixed share, or a group of providers that divide their
/// share by the members attributed to each.
public struct Recipient: Hashable, Sendable {
    /// The share of the payout.
    public var share: Percentage
    /// Who receives it.
    public var receiver: Receiver

    public init(share: Percentage, receiver: Receiver) {
        self.share = share
        self.receiver = receiver
    }

    /// Who receives a recipient's share.
    public enum Receiver: Hashable, Sendable {
        /// One party.
        case party(PartyID)
        /// Providers in proportion to their attributed members. A member is attributed to the provider of
        /// the group with the largest accepted claim amount for them (in `category`, when given); ties go
        /// to the smallest party id.
        case attributedMembers([PartyID], category: CategoryCode?)
    }

    /// Whether the recipient is a group of providers that divides its share by attributed members.
    public var isAttributedGroup: Bool {
        if case .attributedMembers = receiver { return true }
        return false
    }

    /// The parties that can receive part of this share.
    public var parties: [PartyID] {
        switch receiver {
        case .party(let party): [party]
        case .attributedMembers(let parties, _): parties
        }
    }
}

/// A transfer from one party to another that the contract agrees.
public struct Transfer: Hashable, Sendable {
    /// The party that pays.
    public var from: PartyID
    /// The party that receives.
    public var to: PartyID
    /// How much.
    public var amount: Amount
    /// Why, in words.
    public var label: String?

    public init(from: PartyID, to: PartyID, amount: Amount, label: String? = nil) {
        self.from = from
        self.to = to
        self.amount = amount
        self.label = label
    }

    /// How much a transfer moves.
    public enum Amount: Hashable, Sendable {
        /// A share of the paying financier's retained savings: its savings minus its part of the payout
        /// plus its part of a shared loss, when positive.
        case percentOfRetainedSavings(Percentage)
        /// A fixed amount.
        case fixed(Cents)
    }
}
