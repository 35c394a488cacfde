/// The claims not yet received at a provisional settlement's cut-off, estimated per regime from how
/// quickly the baseline years' claims came in: the chain-ladder method on lag triangles by month of service.
///
/// For each regime, the baseline years' accepted claims (each year counted as its final settlement counts
/// it, see ``RunOut``) give, for each lag k in months, the cumulative amount received within k months of
/// the month of service, C(k), and the amount in the end, U. The completion factor at lag k is
/// CF(k) = C(k) ÷ U: the product of the age-to-age factors C(j) ÷ C(j + 1) from j = k on, which is the
/// chain-ladder's factor when, as here, every baseline month is fully developed. A month of service of the
/// performance year is k months old at the cut-off (the months from it to the cut-off's month); of the
/// P received by then the estimate not yet received is P × (1 − CF(k)) ÷ CF(k) = P × (U − C(k)) ÷ C(k).
/// The regime's estimate is the sum over its months of service, computed exactly and rounded once with
/// the contract's rule. A month at least as old as the baseline's longest lag is complete (CF = 1).
///
/// Lines that do not say when they were received are taken as complete: they are in P for no month and
/// get no estimate; baseline lines without a date are left out of the triangle. Both are counted and said.
public struct ClaimCompletion: Sendable {
    /// The baseline years' lag triangles, each measured under the contract shifted to its year.
    public var baselines: [(year: Int, lags: ReceiptLags)]

    public init(baselines: [(year: Int, lags: ReceiptLags)]) {
        self.baselines = baselines
    }

    /// The development of one regime's baseline claims: U and C(k) for k = 0 … the longest lag.
    struct Development {
        var ultimate: Cents
        /// C(k), by k.
        var cumulative: [Cents]

        /// C(k), which is U for k beyond the longest lag.
        func received(within lag: Int) -> Cents {
            lag < cumulative.count ? cumulative[max(0, lag)] : ultimate
        }
    }

    /// The development of `regime` over every baseline year.
    func development(of regime: Regime) throws(ArithmeticError) -> Development {
        var byLag: [Int: Cents] = [:]
        for (_, lags) in baselines {
            for (key, amount) in lags.amounts where key.regime == regime {
                byLag[key.lag] = try (byLag[key.lag] ?? .zero) + amount
            }
        }
        let longest = byLag.keys.max() ?? -1
        var cumulative: [Cents] = []
        var sum = Cents.zero
        for lag in 0...max(0, longest) {
            sum = try sum + (byLag[lag] ?? .zero)
            cumulative.append(sum)
        }
        return Development(ultimate: sum, cumulative: longest < 0 ? [] : cumulative)
    }

    /// The baseline lines of `regime` without a date of receipt.
    func undated(_ regime: Regime) throws(ArithmeticError) -> ClaimLedger.LineTotal {
        var total = ClaimLedger.LineTotal()
        for (_, lags) in baselines {
            if let undated = lags.undated[regime] { try total.add(lines: undated.lines, amount: undated.amount) }
        }
        return total
    }
}

/// The estimate of one regime's claims not yet received at a provisional settlement's cut-off.
public struct CompletionResult: Hashable, Sendable {
    public var regime: Regime
    /// The baseline years whose lags the factors come from.
    public var baselineYears: [Int]
    /// U: the baseline years' accepted claims of the regime with a date of receipt.
    public var baselineClaims: Cents
    /// Each lag k from 0 to the longest in the baseline: C(k), the completion factor C(k) ÷ U and the
    /// age-to-age factor C(k) ÷ C(k + 1) (rounded half-even to six decimals, for reading; the estimate
    /// uses the exact amounts).
    public var development: [DevelopmentLag]
    /// Each month of service of the performance year with claims received by the cut-off.
    public var months: [ServiceMonth]
    /// The claims received by the cut-off that do not say when (taken as complete).
    public var undated: ClaimLedger.LineTotal
    /// The baseline's lines without a date of receipt, left out of the factors.
    public var baselineUndated: ClaimLedger.LineTotal
    /// Σ over the months of received × (U − C(age)) ÷ C(age), rounded once.
    public var estimate: Cents

    /// One lag of the baseline's development.
    public struct DevelopmentLag: Hashable, Sendable {
        public var lag: Int
        public var received: Cents
        public var completionFactor: ExactDecimal
        /// `nil` for the longest lag.
        public var ageToAgeFactor: ExactDecimal?
    }

    /// One month of service.
    public struct ServiceMonth: Hashable, Sendable {
        /// The month's first day.
        public var month: CalendarDate
        /// Its age at the cut-off, in months.
        public var age: Int
        /// The claims received by the cut-off.
        public var received: Cents
        /// C(age) ÷ U, rounded for reading; 1 when the month is complete.
        public var completionFactor: ExactDecimal
        /// received × (U − C(age)) ÷ C(age), rounded once (for reading: the regime's estimate rounds the
        /// exact sum once).
        public var estimate: Cents
    }
}
