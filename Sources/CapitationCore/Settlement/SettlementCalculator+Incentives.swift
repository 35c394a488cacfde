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
