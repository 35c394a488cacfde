/// What the final settlement changes against the provisional one, per party.
///
/// Each change is the final net less the provisional net. The nets of each settlement sum to zero, so the
/// changes do too.
public struct TrueUp: Hashable, Sendable {
    /// One party's nets and the change.
    public struct Line: Hashable, Sendable {
        public var party: PartyID
        public var provisional: Cents
        public var final: Cents
        /// final − provisional: what the party receives (positive) or pays (negative) in the true-up.
        public var change: Cents

        public init(party: PartyID, provisional: Cents, final: Cents, change: Cents) {
            self.party = party
            self.provisional = provisional
            self.final = final
            self.change = change
        }
    }

    /// The provisional settlement's cut-off.
    public var provisionalCutOff: CalendarDate
    /// Each party of either settlement, in the final settlement's order (then the provisional's).
    public var lines: [Line]

    /// A true-up as recorded.
    public init(provisionalCutOff: CalendarDate, lines: [Line]) {
        self.provisionalCutOff = provisionalCutOff
        self.lines = lines
    }

    /// The true-up between `provisional` and `final`, two settlements of the same contract and period.
    ///
    /// - Throws: ``SettlementError`` when they are of different contracts or periods, or their changes do
    ///   not sum to zero.
    public init(provisional: Settlement, final: Settlement) throws(SettlementError) {
        guard provisional.contract.id == final.contract.id, provisional.contract.period == final.contract.period
        else {
            throw SettlementError(
                "the provisional settlement is of contract '\(provisional.contract.id)' \(provisional.contract.period), "
                    + "the final one of '\(final.contract.id)' \(final.contract.period)"
            )
        }
        guard let cutOff = provisional.runOut?.cutOff, provisional.runOut?.stage == .provisional else {
            throw SettlementError("the true-up needs a provisional settlement after a run-out")
        }
        provisionalCutOff = cutOff
        var parties = final.parties.map(\.party)
        for party in provisional.parties.map(\.party) where !parties.contains(party) { parties.append(party) }
        func net(_ settlement: Settlement, _ party: PartyID) -> Cents {
            settlement.parties.first { $0.party == party }?.net ?? .zero
        }
        var sum = Cents.zero
        var lines: [Line] = []
        for party in parties {
            let (before, after) = (net(provisional, party), net(final, party))
            let change = try SettlementError.checking("true-up") { () throws(ArithmeticError) in try after - before }
            sum = try SettlementError.checking("true-up") { () throws(ArithmeticError) in try sum + change }
            lines.append(Line(party: party, provisional: before, final: after, change: change))
        }
        guard sum.isZero else {
            throw SettlementError("the true-up's changes sum to \(sum), not zero")
        }
        self.lines = lines
    }
}
