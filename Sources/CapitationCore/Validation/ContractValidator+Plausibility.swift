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
            let low = Cents(range.lowerBound * 100).formattedEuros
            let high = Cents(range.upperBound * 100).formattedEuros
            warning(
                .perCapita(regime: index),
                "annual",
                "a per-capita amount of \(regime.perCapitaAnnual.formattedEuros) a year for \(regime.regime.rawValue) is "
                    + (cents < range.lowerBound * 100 ? "far below" : "far above")
                    + " what a year of the regime's care costs per person (this check expects \(low) to \(high)): "
                    + "is it a monthly amount, or in thousands or cents? annual is in euros a year"
            )
        }
        guard case .sharedSavings(let terms) = contract.settlement else { return }
        var wholePercents: [(Percentage?, ContractElement, String, String)] = [
            (terms.sharingRate.rate, .sharingRate, "percent", "sharing rate"),
            (terms.savingsCap, .savingsCap, "percentOfBudget", "savings cap"),
            (terms.lossCap, .lossCap, "percentOfBudget", "loss cap"),
        ]
        switch terms.lossSharingRate {
        case .fixed(let rate): wholePercents.append((rate, .lossSharingRate, "percent", "loss-sharing rate"))
        case .complementOfSharingRate(let minimum, let maximum):
            wholePercents.append((minimum, .lossSharingRate, "minimumPercent", "loss-sharing rate bound"))
            wholePercents.append((maximum, .lossSharingRate, "maximumPercent", "loss-sharing rate bound"))
        case nil: break
        }
        for (percent, element, attribute, what) in wholePercents {
            guard let percent, percent > .zero, percent < Percentage(1) else { continue }
            let hundredfold = (try? percent.value * ExactDecimal(100)).map { "\($0)" } ?? "100 times as much"
            warning(
                element,
                attribute,
                "a \(what) of \(percent) is less than one percent; the attribute is in percent, not a fraction, "
                    + "so if \(hundredfold) % was meant, write \(attribute)=\"\(hundredfold)\""
            )
        }
        if case .fixed(let msr) = terms.minimumSavingsRate, let cap = terms.savingsCap, cap > .zero, cap < msr {
            warning(
                .savingsCap,
                "percentOfBudget",
                "the savings cap of \(cap) of the budget is below the minimum savings rate of \(msr); contracts "
                    + "set the cap well above the minimum (the MSSP: a cap of 10 % against a minimum of 2 to 3.9 %), "
                    + "so is one of the two in the wrong unit?"
            )
        }
    }
}
