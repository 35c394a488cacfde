/// Who pays the settled result, who receives it, and what the parties pass on to each other.
///
/// Earned savings are financed by the regimes' financiers (by default each in proportion to its own
/// positive savings) and received by the recipients in their shares. Shared losses of a two-sided
/// contract flow the other way: the recipients pay in their shares, the financiers receive in proportion
/// to their own losses. Transfers then move money between parties as agreed, for example part of the
/// care office's retained Wlz savings to the municipality that paid for prevention.
public struct Distribution: Hashable, Sendable {
    /// How the payout is divided among the financiers.
    public var financing: FinancingRule
    /// Who receives the payout, in shares summing to 100 %.
    public var recipients: [Recipient]
    /// Agreed transfers between parties.
    public var transfers: [Transfer]

    public init(financing: FinancingRule, recipients: [Recipient], transfers: [Transfer] = []) {
        self.financing = financing
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
        /// A share of the paying financier's retained savings: its savings minus its part of the payout,
        /// when positive.
        case percentOfRetainedSavings(Percentage)
        /// A fixed amount.
        case fixed(Cents)
    }
}
