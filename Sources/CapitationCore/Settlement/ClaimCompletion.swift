/// The claims not yet received at a provisional settlement's cut-off, estimated per regime from how the
/// baseline years' claims came in: the chain-ladder method on lag triangles by month of service.
///
/// Each month of service of each baseline year is an origin, observed from lag 0 to the last lag its
/// year's data show: the months from it to its year's cut-off, which is its final settlement's, or the
/// provisional cut-off of the year being settled when that is earlier (what was known when the provisional
/// settlement is made). For each lag k, the age-to-age factor is f(k) = Σ C(k + 1) ÷ Σ C(k), summed over
/// the origins observed at k + 1, where C(k) is what an origin had received within k months. A month of
/// the year settled is `age` months old at the provisional cut-off and `final age` months old at the final
/// one; of the P received by now, the final settlement will count P × Π f(k) for k from `age` to
/// `final age` − 1, so P × (Π f − 1) is still to come. The regime's estimate is the sum over its months,
/// computed exactly and rounded once with the contract's rule; 1 ÷ Π f is the month's completion factor.
///
/// Lines that do not say when they were received are taken as complete: they are in P for no month and
/// get no estimate; baseline lines without a date are left out of the triangle. Both are counted and said.
public struct ClaimCompletion: Sendable {
    /// One baseline year's lag triangle.
    public struct Baseline: Sendable {
        public var year: Int
        public var lags: ReceiptLags
        /// The months from the year's first month to the month of its cut-off: month of service m is
        /// observed up to lag `observedThrough` − m.
        public var observedThrough: Int

        public init(year: Int, lags: ReceiptLags, observedThrough: Int) {
            self.year = year
            self.lags = lags
            self.observedThrough = observedThrough
        }
    }

    /// The baseline years' lag triangles, each measured under the contract shifted to its year.
    public var baselines: [Baseline]

    public init(baselines: [Baseline]) {
        self.baselines = baselines
    }

    /// The development of one regime's baseline claims from one lag to the next.
    struct Development {
        /// For each lag k from 0: Σ C(k) and Σ C(k + 1) over the origins observed at k + 1, and how many
        /// origins those are.
        var steps: [(from: Cents, to: Cents, origins: Int)]
        /// The baseline's accepted claims with a day of receipt.
        var total: Cents
    }

    /// The development of `regime` over every baseline year.
    func development(of regime: Regime) throws(ArithmeticError) -> Development {
        // Each origin's amounts by lag, by baseline year and month of service.
        struct Origin: Hashable {
            var baseline: Int
            var month: Int
        }
        var origins: [Origin: (observed: Int, byLag: [Int: Cents])] = [:]
        var total = Cents.zero
        for (index, baseline) in baselines.enumerated() {
            for (key, amount) in baseline.lags.amounts where key.regime == regime {
                let origin = Origin(baseline: index, month: key.month)
                var entry = origins[origin] ?? (baseline.observedThrough - key.month, [:])
                entry.byLag[key.lag] = try (entry.byLag[key.lag] ?? .zero) + amount
                origins[origin] = entry
                total = try total + amount
            }
        }
        let longest = origins.values.map(\.observed).max() ?? 0
        var steps = Array(repeating: (from: Cents.zero, to: Cents.zero, origins: 0), count: max(0, longest))
        for (_, origin) in origins {
            // The origin's cumulative amount within each lag it is observed at.
            var cumulative = Cents.zero
            var within: [Cents] = []
            for lag in 0...max(0, origin.observed) {
                cumulative = try cumulative + (origin.byLag[lag] ?? .zero)
                within.append(cumulative)
            }
            for lag in 0..<max(0, origin.observed) {
                steps[lag].from = try steps[lag].from + within[lag]
                steps[lag].to = try steps[lag].to + within[lag + 1]
                steps[lag].origins += 1
            }
        }
        return Development(steps: steps, total: total)
    }

    /// The baseline lines of `regime` without a date of receipt.
    func undated(_ regime: Regime) throws(ArithmeticError) -> LineTotal {
        var total = LineTotal()
        for baseline in baselines {
            if let undated = baseline.lags.undated[regime] {
                try total.add(lines: undated.lines, amount: undated.amount)
            }
        }
        return total
    }
}

/// The estimate of one regime's claims not yet received at a provisional settlement's cut-off.
public struct CompletionResult: Hashable, Sendable {
    public var regime: Regime
    /// The baseline years whose lags the factors come from.
    public var baselineYears: [Int]
    /// The baseline years' accepted claims of the regime with a date of receipt.
    public var baselineClaims: Cents
    /// Each lag k from 0 to the longest the baseline shows: the origins observed at k + 1, their claims
    /// within k and within k + 1 months, and the age-to-age factor (rounded half-even to six decimals, for
    /// reading; the estimate uses the exact amounts).
    public var development: [DevelopmentLag]
    /// Each month of service of the period.
    public var months: [ServiceMonth]
    /// The claims received by the cut-off that do not say when (taken as complete).
    public var undated: LineTotal
    /// The baseline's lines without a date of receipt, left out of the factors.
    public var baselineUndated: LineTotal
    /// Σ over the months of received × (Π f − 1), rounded once.
    public var estimate: Cents

    package init(
        regime: Regime,
        baselineYears: [Int],
        baselineClaims: Cents,
        development: [DevelopmentLag],
        months: [ServiceMonth],
        undated: LineTotal,
        baselineUndated: LineTotal,
        estimate: Cents
    ) {
        self.regime = regime
        self.baselineYears = baselineYears
        self.baselineClaims = baselineClaims
        self.development = development
        self.months = months
        self.undated = undated
        self.baselineUndated = baselineUndated
        self.estimate = estimate
    }

    /// One lag of the baseline's development.
    public struct DevelopmentLag: Hashable, Sendable {
        public var lag: Int
        /// The origins (baseline months of service) observed at lag + 1.
        public var origins: Int
        /// Their claims received within `lag` months.
        public var received: Cents
        /// Their claims received within `lag` + 1 months.
        public var receivedNext: Cents
        /// `receivedNext` ÷ `received`; `nil` when `received` is not above zero.
        public var ageToAgeFactor: ExactDecimal?

        package init(
            lag: Int,
            origins: Int,
            received: Cents,
            receivedNext: Cents,
            ageToAgeFactor: ExactDecimal?
        ) {
            self.lag = lag
            self.origins = origins
            self.received = received
            self.receivedNext = receivedNext
            self.ageToAgeFactor = ageToAgeFactor
        }
    }

    /// One month of service.
    public struct ServiceMonth: Hashable, Sendable {
        /// The month's first day.
        public var month: CalendarDate
        /// Its age at the provisional cut-off, in months.
        public var age: Int
        /// Its age at the final cut-off.
        public var finalAge: Int
        /// The claims received by the cut-off.
        public var received: Cents
        /// Π f(k) for k from `age` to `finalAge` − 1 (1 when the month is as old as the final cut-off's
        /// ages), rounded for reading.
        public var developmentFactor: ExactDecimal
        /// 1 ÷ the development factor: the share of the month's final claims received by now, rounded for
        /// reading.
        public var completionFactor: ExactDecimal
        /// received × (Π f − 1), rounded once (for reading: the regime's estimate rounds the exact sum once).
        public var estimate: Cents

        package init(
            month: CalendarDate,
            age: Int,
            finalAge: Int,
            received: Cents,
            developmentFactor: ExactDecimal,
            completionFactor: ExactDecimal,
            estimate: Cents
        ) {
            self.month = month
            self.age = age
            self.finalAge = finalAge
            self.received = received
            self.developmentFactor = developmentFactor
            self.completionFactor = completionFactor
            self.estimate = estimate
        }
    }
}
