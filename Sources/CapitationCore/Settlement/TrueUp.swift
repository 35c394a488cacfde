/// What the final settlement changes against the provisional one, per party.
///
/// Each change is the final net less the provisional net. The nets of each settlement sum to zero, so the
/// changes do too. The provisional nets are those of the provisional settlement as issued (its
/// `settlement.json`, named with its SHA-256), or, when it is not given, of the provisional settlement
/// made again from the final settlement's inputs.
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

    /// One regime's provisional estimate of the claims not yet received, against the claims the final
    /// settlement counts beyond the provisional one: a back-test of the estimate.
    public struct EstimateCheck: Hashable, Sendable {
        public var regime: Regime
        /// The provisional settlement's estimate of the claims not yet received.
        public var estimated: Cents
        /// The final settlement's claims less the provisional one's.
        public var countedSince: Cents

        public init(regime: Regime, estimated: Cents, countedSince: Cents) {
            self.regime = regime
            self.estimated = estimated
            self.countedSince = countedSince
        }
    }

    /// A settlement file: its path and SHA-256.
    public struct File: Hashable, Sendable {
        public var path: String
        public var sha256: String

        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    /// The provisional settlement's cut-off.
    public var provisionalCutOff: CalendarDate
    /// The issued provisional settlement the nets come from: its path and SHA-256; `nil` when it was made
    /// again from the final settlement's inputs.
    public var provisionalFile: File?
    /// Each party of either settlement, in the final settlement's order (then the provisional's).
    public var lines: [Line]
    /// Each regime of the final settlement: the provisional estimate against what came in since.
    public var estimates: [EstimateCheck] = []

    /// A true-up as recorded.
    public init(
        provisionalCutOff: CalendarDate,
        provisionalFile: File? = nil,
        lines: [Line],
        estimates: [EstimateCheck] = []
    ) {
        self.provisionalCutOff = provisionalCutOff
        self.provisionalFile = provisionalFile
        self.lines = lines
        self.estimates = estimates
    }

    /// The true-up between `provisional` and `final`, two settlements of the same contract and period.
    ///
    /// - Throws: ``SettlementError`` when they are of different contracts or periods, or their changes do
    ///   not sum to zero.
    public init(provisional: Settlement, final: Settlement) throws(SettlementError) {
        guard provisional.contract.id == final.contract.id, provisional.contract.period == final.contract.period
        else {
            throw SettlementError(
                .trueUp,
                "the provisional settlement is of contract '\(provisional.contract.id)' \(provisional.contract.period), "
                    + "the final one of '\(final.contract.id)' \(final.contract.period)"
            )
        }
        guard let cutOff = provisional.runOut?.cutOff, provisional.runOut?.stage == .provisional else {
            throw SettlementError(.trueUp, "the true-up needs a provisional settlement after a run-out")
        }
        try self.init(
            provisionalCutOff: cutOff,
            provisionalFile: nil,
            nets: provisional.parties.map { ($0.party, $0.net) },
            regimes: provisional.regimes.map { ($0.regime, $0.claims, $0.notYetReceived) },
            final: final
        )
    }

    /// The true-up of `final` against the provisional `nets` of a settlement with cut-off
    /// `provisionalCutOff`, read from `provisionalFile` when it was issued; `regimes` are its claims and
    /// estimates per regime.
    ///
    /// - Throws: ``SettlementError`` when the changes do not sum to zero (the provisional nets do not).
    public init(
        provisionalCutOff: CalendarDate,
        provisionalFile: File?,
        nets: [(PartyID, Cents)],
        regimes: [(regime: Regime, claims: Cents, estimate: Cents)],
        final: Settlement
    ) throws(SettlementError) {
        estimates = try final.regimes.map { regime throws(SettlementError) in
            let provisional = regimes.first { $0.regime == regime.regime }
            return EstimateCheck(
                regime: regime.regime,
                estimated: provisional?.estimate ?? .zero,
                countedSince: try SettlementError.checking("true-up") { () throws(ArithmeticError) in
                    try regime.claims - (provisional?.claims ?? .zero)
                }
            )
        }
        self.provisionalCutOff = provisionalCutOff
        self.provisionalFile = provisionalFile
        var parties = final.parties.map(\.party)
        for (party, _) in nets where !parties.contains(party) { parties.append(party) }
        var sum = Cents.zero
        var lines: [Line] = []
        for party in parties {
            let before = nets.first { $0.0 == party }?.1 ?? .zero
            let after = final.parties.first { $0.party == party }?.net ?? .zero
            let change = try SettlementError.checking("true-up") { () throws(ArithmeticError) in try after - before }
            sum = try SettlementError.checking("true-up") { () throws(ArithmeticError) in try sum + change }
            lines.append(Line(party: party, provisional: before, final: after, change: change))
        }
        guard sum.isZero else {
            throw SettlementError(.trueUp, "the true-up's changes sum to \(sum), not zero: the provisional nets do not")
        }
        self.lines = lines
    }
}
