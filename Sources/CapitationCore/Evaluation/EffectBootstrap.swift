/// The uncertainty of a ``DifferenceInDifferences`` estimate: a bootstrap that resamples people.
///
/// Each resample draws, with replacement, as many people as each population has, from the fieldlab and
/// from the comparison population separately, and takes every drawn person with all their years: the
/// baseline years and the performance year alike. So the benchmark's own uncertainty, and the regression
/// to the mean of people who cost much in the baseline, are inside the spread, which a resampling of the
/// performance year around a fixed benchmark cannot see. Each resample recomputes the estimate exactly and
/// keeps its effect per person-year (cents, rounded once with the estimate's rule), its share of the
/// counterfactual, and its gross effect: the resampled effect per person-year applied to the whole
/// fieldlab's risk-weighted person-years in the performance year, as the estimate's is (the fieldlab's
/// people are who they were; what is uncertain is the effect per person-year).
///
/// Resample `k` draws from streams of its own (a seeded generator each), so the
/// resamples come out the same however they are split over threads.
public struct EffectBootstrap: Sendable {
    let prepared: DifferenceInDifferences.Prepared

    /// Prepares the bootstrap of `evaluation` for `fieldlab` against `comparison`.
    ///
    /// - Throws: ``EvaluationError`` as ``DifferenceInDifferences/estimate(fieldlab:comparison:)`` does.
    public init(
        _ evaluation: DifferenceInDifferences,
        fieldlab: EvaluationPopulation,
        comparison: EvaluationPopulation
    ) throws(EvaluationError) {
        prepared = try DifferenceInDifferences.Prepared(evaluation, fieldlab: fieldlab, comparison: comparison)
    }

    /// The salts of the two populations' streams.
    static let fieldlabSalt: UInt64 = 0x6669_656C_646C_6162
    static let comparisonSalt: UInt64 = 0x636F_6D70_6172_6973

    /// The effects of resamples `range` drawn from `seed`, in the order of `range`.
    public func effects(seed: UInt64, resamples range: Range<Int>) throws(EvaluationError) -> [ResampledEffect] {
        var results: [ResampledEffect] = []
        results.reserveCapacity(range.count)
        var drawnFieldlab = [Int](repeating: 0, count: prepared.fieldlab.personCount)
        var drawnComparison = [Int](repeating: 0, count: prepared.comparison.personCount)
        for resample in range {
            Self.draw(&drawnFieldlab, seed: seed, stream: resample, salt: Self.fieldlabSalt)
            Self.draw(&drawnComparison, seed: seed, stream: resample, salt: Self.comparisonSalt)
            let fieldlab = DifferenceInDifferences.Prepared.sum(prepared.fieldlab, persons: drawnFieldlab)
            let comparison = DifferenceInDifferences.Prepared.sum(prepared.comparison, persons: drawnComparison)
            guard let figures = try prepared.effects(fieldlab: fieldlab, comparison: comparison) else {
                results.append(ResampledEffect(effects: nil, shares: nil, gross: nil))
                continue
            }
            var effects: [Cents] = []
            var shares: [ExactDecimal?] = []
            for row in figures {
                effects.append(
                    try prepared.evaluation.exactly { () throws(ArithmeticError) in
                        try row.effect.cents(rounding: prepared.evaluation.rounding)
                    }
                )
                shares.append(try prepared.evaluation.share(row))
            }
            let gross = try prepared.evaluation.grossEffects(figures)
            results.append(ResampledEffect(effects: effects, shares: shares, gross: gross))
        }
        return results
    }

    /// Fills `drawn` with people drawn uniformly, with replacement, from `0..<drawn.count`.
    private static func draw(_ drawn: inout [Int], seed: UInt64, stream: Int, salt: UInt64) {
        var generator = SeededGenerator(seed: seed, stream: stream, salt: salt)
        let bound = UInt64(drawn.count)
        for index in drawn.indices {
            drawn[index] = Int(SavingsRateBootstrap.draw(below: bound, &generator))
        }
    }
}

/// One resample's effect per person-year, per regime and (last) in total.
public struct ResampledEffect: Hashable, Sendable {
    /// Rounded as the estimate is; `nil` when a year of the resample had no risk-weighted days in a regime (no
    /// drawn person was in the population then), so that it has no estimate.
    public var effects: [Cents]?
    /// Each effect's share of its counterfactual, six decimals; `nil` where the counterfactual is not
    /// above zero.
    public var shares: [ExactDecimal?]?
    /// Each effect in euros on the fieldlab's performance year, as ``EffectRow/grossEffect``.
    public var gross: [Cents]?
}

/// Percentile intervals of resampled effects.
public struct EffectIntervals: Sendable {
    /// Per row (regimes, then the total), the resampled effects, ascending.
    public let effects: [[Cents]]
    /// Per row, the resampled shares that exist, ascending.
    public let shares: [[ExactDecimal]]
    /// Per resample with an estimate, in resample order, its gross effect per row.
    public let grossByResample: [[Cents]]
    /// The resamples without an estimate.
    public let missing: Int
    public let resamples: Int

    /// Intervals of `resamples`, which have `rows` rows each.
    public init(_ resamples: [ResampledEffect], rows: Int) {
        var effects = Array(repeating: [Cents](), count: rows)
        var shares = Array(repeating: [ExactDecimal](), count: rows)
        var gross: [[Cents]] = []
        var missing = 0
        for resample in resamples {
            guard let values = resample.effects, values.count == rows else {
                missing += 1
                continue
            }
            for (row, value) in values.enumerated() { effects[row].append(value) }
            for (row, share) in (resample.shares ?? []).enumerated() where row < rows {
                if let share { shares[row].append(share) }
            }
            gross.append(resample.gross ?? [])
        }
        self.effects = effects.map { $0.sorted() }
        self.shares = shares.map { $0.sorted() }
        grossByResample = gross
        self.missing = missing
        self.resamples = resamples.count
    }

    /// The interval of row `row` at `level` (0.95 for 95 %): the resampled effects of nearest rank
    /// ⌈(1 − level) ÷ 2 × n⌉ and ⌈(1 + level) ÷ 2 × n⌉; `nil` without resamples, or for a level that is
    /// not between 0 and 1.
    public func effect(row: Int, level: ExactDecimal) -> ClosedRange<Cents>? {
        effect(row: row, level: Fraction(level))
    }

    /// The interval of row `row`'s share of the counterfactual at `level` (0.95 for 95 %).
    public func share(row: Int, level: ExactDecimal) -> ClosedRange<ExactDecimal>? {
        share(row: row, level: Fraction(level))
    }

    /// The interval at `level` (0.95 for 95 %) of the gross effect of `rows` together, moved by `adding`:
    /// with the payments a settlement made, the interval of its net effect.
    public func gross(rows: [Int], adding: Cents = .zero, level: ExactDecimal) -> ClosedRange<Cents>? {
        gross(rows: rows, adding: adding, level: Fraction(level))
    }

    /// The interval of row `row` at `level` (0.95 for 95 %): the resampled effects of nearest rank
    /// ⌈(1 − level) ÷ 2 × n⌉ and ⌈(1 + level) ÷ 2 × n⌉; `nil` without resamples.
    package func effect(row: Int, level: Fraction) -> ClosedRange<Cents>? {
        Self.interval(effects[row], level: level)
    }

    /// The interval of row `row`'s share of the counterfactual at `level`.
    package func share(row: Int, level: Fraction) -> ClosedRange<ExactDecimal>? {
        Self.interval(shares[row], level: level)
    }

    /// The interval at `level` of the gross effect of `rows` together, moved by `adding`.
    ///
    /// Each resample's gross effects of those rows are added up; moved by the payments a settlement made,
    /// which no resample changes, they give the interval of a net effect. `nil` without resamples or when
    /// an amount overflows.
    package func gross(rows: [Int], adding: Cents = .zero, level: Fraction) -> ClosedRange<Cents>? {
        var sums: [Cents] = []
        sums.reserveCapacity(grossByResample.count)
        for resample in grossByResample {
            var sum = Int64(0)
            for row in rows {
                guard row < resample.count else { return nil }
                let (added, overflow) = sum.addingReportingOverflow(resample[row].rawValue)
                guard !overflow else { return nil }
                sum = added
            }
            let (moved, overflow) = sum.addingReportingOverflow(adding.rawValue)
            guard !overflow else { return nil }
            sums.append(Cents(moved))
        }
        return Self.interval(sums.sorted(), level: level)
    }
    private static let half = (try? Fraction(BigInteger(1), over: BigInteger(2))) ?? .zero

    /// `nil` without resamples, or for a level not strictly between 0 and 1.
    static func interval<Value: Comparable>(_ sorted: [Value], level: Fraction) -> ClosedRange<Value>? {
        guard !sorted.isEmpty, Fraction.zero < level, level < Fraction.one else { return nil }
        let count = Fraction(sorted.count)
        func rank(_ q: Fraction) -> Int {
            let value = (q * count).rounded(.ceiling)
            let clamped =
                value < BigInteger(1)
                ? BigInteger(1) : value > BigInteger(sorted.count) ? BigInteger(sorted.count) : value
            return Int(clamping: clamped.int128 ?? Int128(sorted.count))
        }
        // Half of what the level leaves out, below and above.
        let tail = (Fraction.one - level) * Self.half
        let lower = sorted[rank(tail) - 1]
        let upper = sorted[rank(Fraction.one - tail) - 1]
        return lower...upper
    }
}
