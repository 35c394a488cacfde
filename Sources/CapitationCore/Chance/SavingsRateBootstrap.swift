/// The distribution of the savings rate when members are resampled: a seeded, reproducible bootstrap.
///
/// Each resample draws as many members as there are, with replacement, and computes the savings rate of
/// the drawn members' budget shares and costs (plus the fixed budget). Resample *b* draws from its own
/// stream of ``SeededGenerator``, so resamples can be computed in any order or in parallel and the
/// result is the same. Rates are kept as integers in units of 10⁻¹² and compared exactly.
///
/// The spread of the resampled rates around the observed rate is the spread that chance alone gives a
/// population of this size and cost structure. Under the hypothesis that the true effect is zero, the
/// savings rate would be distributed as the resampled rate minus the observed rate.
package struct SavingsRateBootstrap: Hashable, Sendable {
    /// Rates are integers in units of 10⁻¹² of a whole (10⁻¹⁰ of a percent).
    package static let unitsPerOne: Int128 = 1_000_000_000_000

    /// The number of resamples.
    package let resamples: Int
    /// The seed of the draws.
    package let seed: UInt64
    /// The savings rate of the members as they are, in units of 10⁻¹².
    package let observed: Int64
    /// The resampled savings rates, ascending, in units of 10⁻¹².
    package let rates: [Int64]

    /// Resamples `outcomes` `resamples` times from `seed`.
    package init(outcomes: MemberOutcomes, resamples: Int, seed: UInt64) {
        self.init(
            outcomes: outcomes,
            seed: seed,
            rates: Self.rates(of: outcomes, seed: seed, resamples: 0..<max(0, resamples))
        )
    }

    /// How a settlement computes the resampled rates of resamples `0..<count`: all on the calling thread,
    /// or split by the caller over threads with ``SavingsRateBootstrap/rates(of:seed:resamples:)``.
    ///
    /// Each resample has its own stream, so every way of splitting gives the same rates.
    package struct Resampler: Sendable {
        let compute: @Sendable (_ outcomes: MemberOutcomes, _ seed: UInt64, _ count: Int) -> [Int64]

        /// A resampler that computes the rates of `count` resamples with `compute`.
        package init(
            _ compute: @escaping @Sendable (_ outcomes: MemberOutcomes, _ seed: UInt64, _ count: Int) -> [Int64]
        ) {
            self.compute = compute
        }

        /// The rates of resamples `0..<count` of `outcomes` drawn from `seed`, in order.
        package func rates(of outcomes: MemberOutcomes, seed: UInt64, count: Int) -> [Int64] {
            compute(outcomes, seed, count)
        }

        /// Every resample on the calling thread.
        package static let serial = Resampler { outcomes, seed, count in
            SavingsRateBootstrap.rates(of: outcomes, seed: seed, resamples: 0..<max(0, count))
        }
    }

    /// A bootstrap from rates computed with ``rates(of:seed:resamples:)``, in any order and in any number
    /// of parts: resamples `0..<rates.count` of `outcomes` drawn from `seed`.
    package init(outcomes: MemberOutcomes, seed: UInt64, rates: [Int64]) {
        self.resamples = rates.count
        self.seed = seed
        self.observed = MemberOutcomes.rateUnits(budget: outcomes.totalBudget, cost: outcomes.totalCost)
        self.rates = rates.sorted()
    }

    /// The savings rates of resamples `range` of `outcomes` drawn from `seed`, in the order of `range`.
    package static func rates(of outcomes: MemberOutcomes, seed: UInt64, resamples range: Range<Int>) -> [Int64] {
        // Each member's budget and cost side by side, so that a draw reads one place in memory, not two;
        // in 32 bits each when every amount fits (nearly always: 21 million euros), so that twice as many
        // members fit the cache, which the draws, scattered over all members, otherwise miss.
        let fits = { (amount: Int64) in amount >= Int64(Int32.min) && amount <= Int64(Int32.max) }
        if outcomes.budgets.allSatisfy(fits), outcomes.costs.allSatisfy(fits) {
            let members = zip(outcomes.budgets, outcomes.costs).map { CompactMember(budget: $0, cost: $1) }
            return rates(of: members, outcomes, seed: seed, resamples: range)
        }
        let members = zip(outcomes.budgets, outcomes.costs).map { WideMember(budget: $0, cost: $1) }
        return rates(of: members, outcomes, seed: seed, resamples: range)
    }

    private static func rates<Member: ResampledMember>(
        of members: [Member],
        _ outcomes: MemberOutcomes,
        seed: UInt64,
        resamples range: Range<Int>
    ) -> [Int64] {
        let count = members.count
        let bound = UInt64(count)
        var rates: [Int64] = []
        rates.reserveCapacity(range.count)
        // Draws are made a block at a time and the members read after, so that the reads, which miss the
        // cache once the members outgrow it, do not wait for one another.
        var drawn = [Int](repeating: 0, count: min(count, 512))
        members.withUnsafeBufferPointer { members in
            for resample in range {
                var generator = SeededGenerator(seed: seed, stream: resample)
                var budget = Int128(outcomes.fixedBudget)
                var cost = Int128(outcomes.fixedCost)
                var remaining = count
                while remaining > 0 {
                    let block = min(remaining, drawn.count)
                    drawn.withUnsafeMutableBufferPointer { drawn in
                        for slot in 0..<block { drawn[slot] = Int(Self.draw(below: bound, &generator)) }
                        // A block's sums fit in 64 bits when each amount fits in 32 (512 × 2³¹ < 2⁶³).
                        if Member.fitsThirtyTwoBits {
                            var (blockBudget, blockCost) = (Int64(0), Int64(0))
                            for slot in 0..<block {
                                let member = members[drawn[slot]]
                                blockBudget &+= member.budget
                                blockCost &+= member.cost
                            }
                            budget += Int128(blockBudget)
                            cost += Int128(blockCost)
                        } else {
                            for slot in 0..<block {
                                let member = members[drawn[slot]]
                                budget += Int128(member.budget)
                                cost += Int128(member.cost)
                            }
                        }
                    }
                    remaining -= block
                }
                // Every member's budget share is above zero unless their regimes have no budget at
                // all, and then the fixed budget is: a resample without a budget cannot occur in a
                // settlement; it would count as a rate of zero.
                rates.append(budget > 0 ? MemberOutcomes.rateUnits(budget: budget, cost: cost) : 0)
            }
        }
        return rates
    }

    /// A member's budget share and cost, as the resampling reads them.
    private protocol ResampledMember {
        var budget: Int64 { get }
        var cost: Int64 { get }
        /// Whether every budget and cost fits in 32 bits.
        static var fitsThirtyTwoBits: Bool { get }
    }

    /// A member's budget share and cost.
    private struct WideMember: ResampledMember {
        var budget: Int64
        var cost: Int64
        static var fitsThirtyTwoBits: Bool { false }
    }

    /// A member's budget share and cost, each of which fits in 32 bits.
    private struct CompactMember: ResampledMember {
        private var storedBudget: Int32
        private var storedCost: Int32

        init(budget: Int64, cost: Int64) {
            storedBudget = Int32(budget)
            storedCost = Int32(cost)
        }

        var budget: Int64 { Int64(storedBudget) }
        var cost: Int64 { Int64(storedCost) }
        static var fitsThirtyTwoBits: Bool { true }
    }

    /// A uniform draw from `0..<bound` (Lemire's method, with rejection, so that no value is favoured).
    static func draw(below bound: UInt64, _ generator: inout SeededGenerator) -> UInt64 {
        var product = generator.next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = generator.next().multipliedFullWidth(by: bound)
            }
        }
        return product.high
    }

    /// The share of resamples whose deviation from the observed rate, shifted by `shift`, is at least
    /// `threshold`: P(shift + (rate* − observed) ≥ threshold).
    ///
    /// With `shift` zero this is the probability, under no true effect, of a savings rate of at least
    /// `threshold`; with `shift` a true saving, the power to reach `threshold`.
    package func share(deviationAtLeast threshold: Int64, shift: Int64 = 0) -> Proportion {
        // shift + rate − observed ≥ threshold  ⟺  rate ≥ threshold − shift + observed
        let bound = Int128(threshold) - Int128(shift) + Int128(observed)
        let first = firstIndex { Int128($0) >= bound }
        return Proportion(rates.count - first, of: rates.count)
    }

    /// The share of resamples whose deviation from the observed rate is at most `threshold`.
    package func share(deviationAtMost threshold: Int64) -> Proportion {
        let bound = Int128(threshold) + Int128(observed)
        let first = firstIndex { Int128($0) > bound }
        return Proportion(first, of: rates.count)
    }

    /// The resampled rate of nearest rank ⌈q × resamples⌉, for `q` in (0, 1].
    package func rate(atQuantile q: Fraction) -> Int64? {
        guard !rates.isEmpty else { return nil }
        let rank = (q * Fraction(rates.count)).rounded(.ceiling).int128.map { Int(clamping: $0) } ?? rates.count
        return rates[min(max(rank, 1), rates.count) - 1]
    }

    /// The index of the first rate for which `isAbove` holds (rates ascending, `isAbove` monotone).
    private func firstIndex(where isAbove: (Int64) -> Bool) -> Int {
        var low = 0
        var high = rates.count
        while low < high {
            let middle = (low + high) / 2
            if isAbove(rates[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
