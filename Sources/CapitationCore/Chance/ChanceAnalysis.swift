/// What to compute about chance, and with how many resamples.
public struct ChanceSettings: Hashable, Sendable {
    /// The number of bootstrap resamples.
    public var resamples: Int
    /// The seed of the draws.
    public var seed: UInt64
    /// The confidence levels for which the required minimum savings rate is computed.
    public var confidenceLevels: [Percentage]
    /// The level of the confidence interval of the savings rate.
    public var intervalLevel: Percentage
    /// The true savings rates (in percent of the budget) whose power to be detected is computed.
    public var trueSavings: [Percentage]

    public init(
        resamples: Int = 1_000,
        seed: UInt64 = 1,
        confidenceLevels: [Percentage] = [90, 95, 99],
        intervalLevel: Percentage = 95,
        trueSavings: [Percentage] = [2, 5]
    ) {
        self.resamples = resamples
        self.seed = seed
        self.confidenceLevels = confidenceLevels
        self.intervalLevel = intervalLevel
        self.trueSavings = trueSavings
    }

    /// What a settlement computes: 1,000 resamples from seed 1.
    public static let settlement = ChanceSettings()
}

/// How likely a settlement's result is under chance alone, from a bootstrap of its members.
///
/// Under the hypothesis that the contract had no true effect, the savings rate is distributed as the
/// resampled rate minus the observed one. From that distribution: the
/// probability of a result at least as far from zero as the settled one, the probability that the
/// contract pays out (or charges a loss) by chance, the minimum savings rate needed so that chance pays
/// out with at most a given probability, the interval of the settled rate, and the power to detect a
/// true saving. All probabilities are counts of resamples, so the same seed gives the same figures.
public struct ChanceAnalysis: Hashable, Sendable {
    /// The members resampled.
    public var members: Int
    public var resamples: Int
    public var seed: UInt64
    /// The settled savings rate, as a fraction, six decimals.
    public var observedRate: ExactDecimal
    /// The standard error of the savings rate in closed form (``SavingsRateSpread``), eight decimals.
    public var standardError: ExactDecimal
    /// The standard deviation of the resampled rates, eight decimals rounded down.
    public var bootstrapStandardError: ExactDecimal
    /// The share of resamples in which chance alone gives a result at least as far from zero, on the same
    /// side, as the settled one (one in one when the rate is zero).
    public var resultByChance: Proportion
    /// The contract's minimum savings rate and how often chance alone meets it.
    public var payout: Threshold?
    /// The contract's minimum loss rate (two-sided) and how often chance alone reaches it.
    public var loss: Threshold?
    /// The percentile interval of the savings rate.
    public var interval: Interval
    /// Per confidence level c, the minimum savings rate that chance alone meets with probability at most
    /// (1 − c) ÷ 2: the rate outside the two-sided interval at level c, the convention of the reference z
    /// values (1.645 at 90 %) and of the contract's confidence mode.
    public var requiredRates: [RequiredRate]
    /// Per true saving, the probability that the settlement meets the minimum savings rate.
    public var power: [Power]

    public struct Threshold: Hashable, Sendable {
        public var rate: Percentage
        public var byChance: Proportion

        package init(
            rate: Percentage,
            byChance: Proportion
        ) {
            self.rate = rate
            self.byChance = byChance
        }
    }

    public struct Interval: Hashable, Sendable {
        public var level: Percentage
        /// The lower and upper ends, as fractions, six decimals.
        public var low: ExactDecimal
        public var high: ExactDecimal

        package init(
            level: Percentage,
            low: ExactDecimal,
            high: ExactDecimal
        ) {
            self.level = level
            self.low = low
            self.high = high
        }
    }

    public struct RequiredRate: Hashable, Sendable {
        public var confidence: Percentage
        /// From the bootstrap: the smallest rate that chance alone meets in at most (1 − confidence) ÷ 2 of
        /// the resamples, rounded up to six decimals of a percent.
        public var bootstrap: Percentage
        /// From the closed form: z × SE, rounded half-even to six decimals of a percent (the contract's
        /// confidence mode), when z is known for the level.
        public var normal: Percentage?

        package init(
            confidence: Percentage,
            bootstrap: Percentage,
            normal: Percentage?
        ) {
            self.confidence = confidence
            self.bootstrap = bootstrap
            self.normal = normal
        }
    }

    public struct Power: Hashable, Sendable {
        /// The true saving, in percent of the budget.
        public var trueSaving: Percentage
        public var probability: Proportion

        package init(
            trueSaving: Percentage,
            probability: Proportion
        ) {
            self.trueSaving = trueSaving
            self.probability = probability
        }
    }

    /// Analyses `bootstrap` of `outcomes`, against the contract's minimum savings rate `msr` and
    /// (two-sided) minimum loss rate `mlr`; without an MSR, any saving above zero counts.
    package init(
        outcomes: MemberOutcomes,
        bootstrap: SavingsRateBootstrap,
        msr: Percentage?,
        mlr: Percentage?,
        settings: ChanceSettings
    ) throws(ArithmeticError) {
        members = outcomes.count
        resamples = bootstrap.resamples
        seed = bootstrap.seed
        let observed = bootstrap.observed
        observedRate = try Self.decimal(units: observed, scale: 6, rounding: .halfEven)
        bootstrapStandardError = try Self.standardDeviation(of: bootstrap.rates)
        resultByChance =
            observed > 0
            ? bootstrap.share(deviationAtLeast: observed)
            : observed < 0 ? bootstrap.share(deviationAtMost: observed) : Proportion(resamples, of: resamples)
        let standardError = try SavingsRateSpread.standardError(of: outcomes)
        self.standardError = standardError
        let msrUnits = try msr.map { percentage throws(ArithmeticError) in try Self.units(percentage) } ?? 0
        // Savings are shared when the rate is above zero and meets the MSR: deviation ≥ max(MSR, 1 unit).
        if let msr {
            payout = Threshold(rate: msr, byChance: bootstrap.share(deviationAtLeast: max(msrUnits, 1)))
        }
        if let mlr {
            let mlrUnits = try Self.units(mlr)
            loss = Threshold(rate: mlr, byChance: bootstrap.share(deviationAtMost: -max(mlrUnits, 1)))
        }
        let tail = Fraction.one - Fraction(settings.intervalLevel.fraction)
        let half = try tail / Fraction(2)
        interval = Interval(
            level: settings.intervalLevel,
            low: try Self.decimal(units: bootstrap.rate(atQuantile: half) ?? observed, scale: 6, rounding: .halfEven),
            high: try Self.decimal(
                units: bootstrap.rate(atQuantile: Fraction.one - half) ?? observed,
                scale: 6,
                rounding: .halfEven
            )
        )
        var required: [RequiredRate] = []
        for level in settings.confidenceLevels {
            let bootstrapRate = try Self.requiredRate(bootstrap, confidence: level)
            let normal = try SettlementCalculator.zValues[level].map { z throws(ArithmeticError) in
                Percentage(
                    try (Fraction(z) * Fraction(standardError) * Fraction(100)).decimal(scale: 6, rounding: .halfEven)
                )
            }
            required.append(RequiredRate(confidence: level, bootstrap: bootstrapRate, normal: normal))
        }
        requiredRates = required
        var power: [Power] = []
        for saving in settings.trueSavings {
            let shift = try Self.units(saving)
            power.append(
                Power(
                    trueSaving: saving,
                    probability: bootstrap.share(deviationAtLeast: max(msrUnits, 1), shift: shift)
                )
            )
        }
        self.power = power
    }

    /// The smallest rate m ≥ 0 such that deviation ≥ max(m, 1 unit) in at most ⌊(1 − confidence) ÷ 2 × B⌋
    /// resamples, rounded up to six decimals of a percent.
    private static func requiredRate(
        _ bootstrap: SavingsRateBootstrap,
        confidence: Percentage
    ) throws(ArithmeticError) -> Percentage {
        let count = bootstrap.rates.count
        guard count > 0 else { return .zero }
        let tail = try (Fraction.one - Fraction(confidence.fraction)) / Fraction(2)
        let allowed = (tail * Fraction(count)).rounded(.floor)
        let allowedCount = allowed.int128.map { Int(clamping: $0) } ?? 0
        guard allowedCount < count else { return .zero }
        // The (allowed + 1)-th largest deviation must stay below the rate.
        let deviation = Int128(bootstrap.rates[count - 1 - allowedCount]) - Int128(bootstrap.observed)
        guard deviation > 0 else { return .zero }
        let units = deviation + 1
        let percent = try Fraction(BigInteger(units * 100), over: BigInteger(SavingsRateBootstrap.unitsPerOne))
        return Percentage(try percent.decimal(scale: 6, rounding: .ceiling))
    }

    /// `percentage` as a fraction in units of 10⁻¹².
    private static func units(_ percentage: Percentage) throws(ArithmeticError) -> Int64 {
        let value = (Fraction(percentage.fraction) * Fraction(SavingsRateBootstrap.unitsPerOne)).rounded(.ceiling)
        guard let wide = value.int128, let narrow = Int64(exactly: wide) else {
            throw ArithmeticError(.overflow, in: "\(percentage) as a rate")
        }
        return narrow
    }

    static func decimal(units: Int64, scale: Int, rounding: RoundingRule) throws(ArithmeticError) -> ExactDecimal {
        try Fraction(BigInteger(units), over: BigInteger(SavingsRateBootstrap.unitsPerOne))
            .decimal(scale: scale, rounding: rounding)
    }

    /// √(Σ (r − r̄)² ÷ B) of rates in units of 10⁻¹², as a fraction, eight decimals, rounded down.
    private static func standardDeviation(of rates: [Int64]) throws(ArithmeticError) -> ExactDecimal {
        guard !rates.isEmpty else { return .zero }
        var sum = WideSum()
        var squares = WideSum()
        for rate in rates {
            sum.add(Int128(rate))
            squares.add(Int128(rate) * Int128(rate))
        }
        let count = BigInteger(rates.count)
        // Σ(r − r̄)² ÷ B = (B Σr² − (Σr)²) ÷ B², in units²; ÷ 10²⁴ for a fraction².
        let units = BigInteger(SavingsRateBootstrap.unitsPerOne)
        let variance = try Fraction(count * squares.total - sum.total * sum.total, over: count * count * units * units)
        return try variance.squareRootRoundedDown(scale: SavingsRateSpread.scale)
    }
}

extension ChanceAnalysis {
    /// An analysis from its figures, as read back from `settlement.json`.
    package init(
        members: Int,
        resamples: Int,
        seed: UInt64,
        observedRate: ExactDecimal,
        standardError: ExactDecimal,
        bootstrapStandardError: ExactDecimal,
        resultByChance: Proportion,
        payout: Threshold?,
        loss: Threshold?,
        interval: Interval,
        requiredRates: [RequiredRate],
        power: [Power]
    ) {
        self.members = members
        self.resamples = resamples
        self.seed = seed
        self.observedRate = observedRate
        self.standardError = standardError
        self.bootstrapStandardError = bootstrapStandardError
        self.resultByChance = resultByChance
        self.payout = payout
        self.loss = loss
        self.interval = interval
        self.requiredRates = requiredRates
        self.power = power
    }
}
