/// Terms that are valid but almost certainly not what the parties meant: warned about, never refused.
extension ContractValidator {
    /// The range of per-capita amounts a year that this check takes as plausible for each regime, in
    /// euros: wide enough for any population of elderly people, narrow enough to catch an amount entered
    /// per month, in thousands or in cents.
    static let plausiblePerCapita: [Regime: ClosedRange<Int64>] = [
        .zvw: 500...50_000,
        .wmo: 100...15_000,
        .wlz: 1_000...100_000,
    ]

    mutating func checkPlausibility() {
        for (index, regime) in contract.regimes.enumerated() {
            guard let range = Self.plausiblePerCapita[regime.regime] else { continue }
            let cents = regime.perCapitaAnnual.rawValue
            guard cents < range.lowerBound * 100 || cents > range.upperBound * 100 else { continue }
            warning(
                .perCapita(regime: index),
                "annual",
                .implausiblePerCapita(
                    regime: regime.regime,
                    annual: regime.perCapitaAnnual,
                    expected: Cents(range.lowerBound * 100)...Cents(range.upperBound * 100)
                )
            )
        }
        guard case .sharedSavings(let terms) = contract.settlement else { return }
        var wholePercents: [(Percentage?, ContractElement, String, ContractWarning.PercentTerm)] = [
            (terms.sharingRate.rate, .sharingRate, "percent", .sharingRate),
            (terms.savingsCap, .savingsCap, "percentOfBudget", .savingsCap),
            (terms.lossCap, .lossCap, "percentOfBudget", .lossCap),
        ]
        switch terms.lossSharingRate {
        case .fixed(let rate): wholePercents.append((rate, .lossSharingRate, "percent", .lossSharingRate))
        case .complementOfSharingRate(let minimum, let maximum):
            wholePercents.append((minimum, .lossSharingRate, "minimumPercent", .lossSharingRateBound))
            wholePercents.append((maximum, .lossSharingRate, "maximumPercent", .lossSharingRateBound))
        case nil: break
        }
        for (percent, element, attribute, what) in wholePercents {
            guard let percent, percent > .zero, percent < Percentage(1) else { continue }
            warning(element, attribute, .percentBelowOne(term: what, percent: percent, attribute: attribute))
        }
        if case .fixed(let msr) = terms.minimumSavingsRate, let cap = terms.savingsCap, cap > .zero, cap < msr {
            warning(
                .savingsCap,
                "percentOfBudget",
                .savingsCapBelowMinimum(cap: cap, minimum: msr)
            )
        }
    }
}
