/// What each party gains when some care in one regime is avoided: the incentive a payment model gives.
///
/// Measured by settling again with the regime's accepted claims lowered by ``avoided``: the financier of
/// the regime pays that much less in claims, and the settlement moves money between the parties. The
/// gains sum exactly to ``avoided``, whatever the model.
public struct Incentive: Hashable, Sendable {
    /// The regime whose care is avoided.
    public var regime: Regime
    /// The amount of care avoided.
    public var avoided: Cents
    /// Each party's gain, in the order of the contract's parties.
    public var gains: [PartyAmount]

    /// Of each euro avoided, the cents `party` keeps, to two decimals (half-even); `nil` for an unknown party.
    ///
    /// - Returns: The cents per euro, for example `50.00`.
    public func centsPerEuro(_ party: PartyID) -> ExactDecimal? {
        guard let gain = gains.first(where: { $0.party == party }) else { return nil }
        return ExactDecimal.ratio(Int(gain.amount.rawValue) * 100, Int(avoided.rawValue), scale: 2)
    }
}

/// An amount of one party.
public struct PartyAmount: Hashable, Sendable {
    public var party: PartyID
    public var amount: Cents

    public init(party: PartyID, amount: Cents) {
        self.party = party
        self.amount = amount
    }
}
