extension ContractValidator {
    /// The term: a sensible number of years, weights that can weigh, a rebased benchmark with weights, and
    /// each regime's dated trends each year at most once.
    mutating func checkTerm() {
        let term = contract.term
        if !(1...50).contains(term.years) {
            error(.term, "years", "a contract covers 1 to 50 performance years, not \(term.years)")
        }
        if term.baselineWeights.contains(where: \.isNegative) {
            error(.term, "baselineWeights", "a baseline weight must not be negative")
        } else if !term.baselineWeights.isEmpty, term.baselineWeights.allSatisfy(\.isZero) {
            error(.term, "baselineWeights", "at least one baseline weight must be above zero")
        }
        if term.benchmark == .rebased, term.baselineWeights.isEmpty {
            error(
                .term,
                "baselineWeights",
                "a rebased benchmark needs baselineWeights: the weights of the years before each performance year, oldest first (e.g. \"10 30 60\")"
            )
        }
        for (index, terms) in contract.regimes.enumerated() {
            for (trendIndex, trend) in terms.trends.enumerated() {
                guard let year = trend.year else { continue }
                if terms.trends[..<trendIndex].contains(where: { $0.year == year }) {
                    error(
                        .trend(regime: index, trend: trendIndex),
                        "year",
                        "the \(terms.regime) has two trends for \(year); a year's growth is stated once"
                    )
                }
            }
        }
    }
}
