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

extension SettlementCalculator {
    /// For each regime, what each party gains when `avoided` of the regime's care is avoided (all of its
    /// accepted claims when they are less; a regime without claims has no incentive to measure).
    ///
    /// The regime's accepted claims and expenditure fall by `avoided`; the minimum rates stay as they
    /// are (they do not depend on the amount spent, except through the spread of members' costs, which
    /// a small change leaves alone) and whether the result meets them is decided again; sharing and
    /// distribution run again. This calculator's steps are not changed.
    func incentives(
        avoided: Cents,
        regimes: [RegimeResult],
        totals: Totals,
        thresholds: Thresholds,
        quality: QualityResult?,
        parties: [PartyPosition]
    ) throws(SettlementError) -> [Incentive] {
        var results: [Incentive] = []
        for index in regimes.indices {
            // There is no care to avoid beyond the regime's claims: a regime with less is probed with what it has.
            let avoided = min(avoided, regimes[index].claims)
            guard avoided > .zero else { continue }
            var probe = self
            var shifted = regimes
            let step = "incentive.\(regimes[index].regime)"
            try exactly(step) { () throws(ArithmeticError) in
                shifted[index].claims = try shifted[index].claims - avoided
                shifted[index].expenditure = try shifted[index].expenditure - avoided
                shifted[index].savings = try shifted[index].savings + avoided
            }
            let probeTotals = try probe.totalsStage(
                shifted,
                outOfScope: totals.outOfScopeByRegime,
                truncationThreshold: totals.truncationThreshold
            )
            let probeThresholds = try probe.reevaluate(thresholds, totals: probeTotals)
            let sharing = try probe.sharingStage(totals: probeTotals, thresholds: probeThresholds, quality: quality)
            let distribution = try probe.distributionStage(regimes: shifted, sharing: sharing)
            var gains: [PartyAmount] = []
            for (before, after) in zip(parties, distribution.parties) {
                var gain = try exactly(step) { () throws(ArithmeticError) in try after.net - before.net }
                if before.party == regimes[index].financier {
                    gain = try exactly(step) { () throws(ArithmeticError) in try gain + avoided }
                }
                gains.append(PartyAmount(party: before.party, amount: gain))
            }
            results.append(Incentive(regime: regimes[index].regime, avoided: avoided, gains: gains))
        }
        return results
    }
}
