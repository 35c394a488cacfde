import CapitationCore
import Testing

// The statistics of chance on cases with a known answer.
struct ChanceTests {
    private static func outcomes(budgets: [Int64], costs: [Int64], fixed: Int64 = 0) throws -> MemberOutcomes {
        try MemberOutcomes(
            budgets: budgets.map(Cents.init),
            costs: costs.map(Cents.init),
            fixedBudget: Cents(fixed),
            fixedCost: Cents(fixed)
        )
    }

    private static func analyse(
        _ outcomes: MemberOutcomes,
        resamples: Int = 1_000,
        msr: Percentage? = 2,
        mlr: Percentage? = nil,
        settings: ChanceSettings = ChanceSettings()
    ) throws -> ChanceAnalysis {
        var settings = settings
        settings.resamples = resamples
        let bootstrap = SavingsRateBootstrap(outcomes: outcomes, resamples: resamples, seed: settings.seed)
        return try ChanceAnalysis(outcomes: outcomes, bootstrap: bootstrap, msr: msr, mlr: mlr, settings: settings)
    }

    // Four members with the same budget share (1,000.00) and the same cost (900.00): every resample has
    // the same savings rate, 10 %. No spread: standard errors zero, the interval a point, chance never
    // reaches a rate this far from zero nor the MSR, and no confidence level needs an MSR above zero.
    @Test func identicalMembersHaveNoSpread() throws {
        let outcomes = try Self.outcomes(
            budgets: [100_000, 100_000, 100_000, 100_000],
            costs: [90_000, 90_000, 90_000, 90_000]
        )
        let analysis = try Self.analyse(outcomes)
        #expect(analysis.observedRate == (try ExactDecimal(parsing: "0.1")))
        #expect(analysis.standardError == .zero)
        #expect(analysis.bootstrapStandardError == .zero)
        #expect((analysis.interval.low, analysis.interval.high) == (analysis.observedRate, analysis.observedRate))
        #expect(analysis.resultByChance == Proportion(0, of: 1_000))
        #expect(analysis.payout?.byChance == Proportion(0, of: 1_000))
        #expect(analysis.requiredRates.map(\.bootstrap) == [.zero, .zero, .zero])
        #expect(analysis.requiredRates.map(\.normal) == [.zero, .zero, .zero])
        // A true saving of 2 % always meets an MSR of 2 %; no spread, no doubt.
        #expect(analysis.power.map(\.probability) == [Proportion(1_000, of: 1_000), Proportion(1_000, of: 1_000)])
    }

    // Two members with budget shares of 10,950.00 each and costs 100.00 and 300.00: E = 2,190,000 cents,
    // C = 40,000, R = C ÷ E; xᵢ = cᵢ − R eᵢ = −10,000 and +10,000 cents. SE = √(2 × 10⁸) ÷ 2,190,000 =
    // 0.0064575961… → 0.00645759 (eight decimals, rounded down); at 95 %, z 1.960: 1.96 × 0.00645759 × 100 %
    // = 1.26568764 → 1.265688 %.
    @Test func standardErrorInClosedForm() throws {
        let outcomes = try Self.outcomes(budgets: [1_095_000, 1_095_000], costs: [10_000, 30_000])
        #expect(try SavingsRateSpread.standardError(of: outcomes) == (try ExactDecimal(parsing: "0.00645759")))
        let analysis = try Self.analyse(outcomes)
        #expect(analysis.requiredRates[1].confidence == 95)
        #expect(analysis.requiredRates[1].normal == (try Percentage(parsing: "1.265688")))
    }

    // A lump sum of 500.00 in budget and cost: E = 1,000 + 1,000 + 500 = 2,500.00, C = 500 + 1,500 + 500 =
    // 2,500.00, R = 1. x = (−500, +500) euros, Σx = C L − E K over E = 0, so Σ(x − x̄)² = 2 × 500² euros²;
    // SE = √(500,000) ÷ 2,500 = 0.28284271 (rounded down).
    @Test func lumpSumsAreFixedInEveryResample() throws {
        let outcomes = try Self.outcomes(budgets: [100_000, 100_000], costs: [50_000, 150_000], fixed: 50_000)
        #expect(outcomes.totalBudget == 250_000 && outcomes.totalCost == 250_000)
        #expect(try SavingsRateSpread.standardError(of: outcomes) == (try ExactDecimal(parsing: "0.28284271")))
        // Each resample draws two members: both cheap (1/4: rate (2,500 − 1,500) ÷ 2,500 = 40 %), both
        // expensive (1/4: −40 %) or one of each (1/2: 0 %).
        let rates = SavingsRateBootstrap(outcomes: outcomes, resamples: 4_000, seed: 3).rates
        let unit = Int64(SavingsRateBootstrap.unitsPerOne)
        #expect(Set(rates) == [-4 * unit / 10, 0, 4 * unit / 10])
        let high = rates.filter { $0 > 0 }.count
        #expect((900...1_100).contains(high))
    }

    // Costs drawn from a normal distribution (mean 1,000.00, standard deviation 300.00; each the sum of
    // twelve uniform draws, minus six) for 900 members with budget shares of 1,000.00. The textbook
    // standard error of the savings rate is σ ÷ (ē √n) = 300 ÷ (1,000 × 30) = 0.01; the 95 % interval is
    // ± 1.96 SE around the rate; with an MSR of 1.645 SE chance pays out in 5 % of the cases; a true saving
    // of 1.645 SE + 1 SE is detected with probability Φ(1) = 0.841.
    @Test func normalCostsGiveTheTextbookInterval() throws {
        var generator = SeededGenerator(seed: 20_261_122)
        var costs: [Int64] = []
        for _ in 0..<900 {
            var sum: Int64 = 0
            for _ in 0..<12 { sum += Int64(generator.next() >> 40) }
            costs.append(100_000 + 30_000 * (sum - 6 << 24) / (1 << 24))
        }
        let outcomes = try Self.outcomes(budgets: Array(repeating: 100_000, count: 900), costs: costs)
        let standardError = try SavingsRateSpread.standardError(of: outcomes)
        #expect(try Self.near(standardError, try Fraction(1) / Fraction(100), within: 10))

        let msr = Percentage(try (standardError * ExactDecimal(parsing: "164.5")).rounded(toScale: 6, rule: .halfEven))
        let power = Percentage(try standardError * ExactDecimal(parsing: "264.5"))
        let analysis = try Self.analyse(
            outcomes,
            resamples: 4_000,
            msr: msr,
            settings: ChanceSettings(confidenceLevels: [90], trueSavings: [power])
        )
        let se = Fraction(standardError)
        #expect(try Self.near(analysis.bootstrapStandardError, se, within: 10))
        let halfWidth = try (Fraction(analysis.interval.high) - Fraction(analysis.interval.low)) / Fraction(2)
        #expect(try Self.near(halfWidth, se * Fraction(ExactDecimal(significand: 196, scale: 2)), within: 10))
        let middle = try (Fraction(analysis.interval.high) + Fraction(analysis.interval.low)) / Fraction(2)
        #expect(
            try Self.near(middle - Fraction(analysis.observedRate), .zero, within: 0, absolute: try se / Fraction(5))
        )
        #expect((140...260).contains(try #require(analysis.payout?.byChance.count)))  // 5 % of 4,000 = 200
        #expect((3_200...3_520).contains(analysis.power[0].probability.count))  // 84.1 % of 4,000 = 3,365
        let needed = Fraction(analysis.requiredRates[0].bootstrap.fraction)
        #expect(try Self.near(needed, se * Fraction(ExactDecimal(significand: 1_645, scale: 3)), within: 10))
        #expect(analysis.requiredRates[0].normal == msr)
    }

    /// Whether `value` lies within `percent` % of `target`, or within `absolute` of it.
    private static func near(
        _ value: Fraction,
        _ target: Fraction,
        within percent: Int,
        absolute: Fraction = .zero
    ) throws -> Bool {
        let difference = value < target ? target - value : value - target
        let magnitude = target < .zero ? Fraction.zero - target : target
        return difference <= (try magnitude * Fraction(percent) / Fraction(100)) + absolute
    }

    private static func near(_ value: ExactDecimal, _ target: Fraction, within percent: Int) throws -> Bool {
        try near(Fraction(value), target, within: percent)
    }

    // Resample b draws from its own stream: the rates computed in parts, in any order, are the same.
    @Test func resamplesDoNotDependOnHowTheyAreSplit() throws {
        let outcomes = try Self.outcomes(
            budgets: (1...50).map { Int64($0) * 1_000 },
            costs: (1...50).map { Int64(($0 * 37) % 50) * 1_100 }
        )
        let whole = SavingsRateBootstrap(outcomes: outcomes, resamples: 300, seed: 9)
        let parts = [200..<300, 0..<7, 7..<200].flatMap {
            SavingsRateBootstrap.rates(of: outcomes, seed: 9, resamples: $0)
        }
        #expect(SavingsRateBootstrap(outcomes: outcomes, seed: 9, rates: parts) == whole)
        #expect(SavingsRateBootstrap(outcomes: outcomes, resamples: 300, seed: 10) != whole)
    }

    // Amounts that fit in 32 bits are resampled in half the memory, larger ones as they are. A savings rate
    // does not change when every amount is multiplied by the same factor, (kB − kC) ÷ kB = (B − C) ÷ B, so
    // the same members with amounts 10,000 times larger (beyond 21 million euros, and a cost below −21
    // million) give exactly the same rates on the wide path as the originals on the compact one.
    @Test func resamplesLargeAmountsAsSmallOnes() throws {
        let budgets = (1...60).map { Int64($0) * 37_000 }
        let costs = (1...60).map { Int64(($0 * 53) % 60) * 41_000 - 300_000 }
        let small = try Self.outcomes(budgets: budgets, costs: costs)
        let large = try Self.outcomes(budgets: budgets.map { $0 * 10_000 }, costs: costs.map { $0 * 10_000 })
        #expect(large.budgets.contains { $0 > Int64(Int32.max) })
        #expect(large.costs.contains { $0 < Int64(Int32.min) })
        let rates = SavingsRateBootstrap.rates(of: small, seed: 17, resamples: 0..<500)
        #expect(SavingsRateBootstrap.rates(of: large, seed: 17, resamples: 0..<500) == rates)
        #expect(Set(rates).count > 100)
    }

    // Members are added up in blocks of 512 in 64 bits on the compact path: 512 × (2³¹ − 1) < 2⁶³, so no
    // block overflows. 1,300 members (two full blocks and a part) each with the largest budget and the
    // lowest cost that fit in 32 bits: every resample draws 1,300 such members, whatever is drawn, so its
    // rate is (B − C) ÷ B = (2³¹ − 1 + 2³¹) ÷ (2³¹ − 1) = 2 + 1 ÷ 2,147,483,647, in units of 10⁻¹²
    // 2,000,000,000,000 + 465.66…, rounded 2,000,000,000,466.
    @Test func addsUpTheLargestCompactAmountsWithoutOverflow() throws {
        let budgets = [Int64](repeating: Int64(Int32.max), count: 1_300)
        let costs = [Int64](repeating: Int64(Int32.min), count: 1_300)
        let outcomes = try Self.outcomes(budgets: budgets, costs: costs)
        let rates = SavingsRateBootstrap.rates(of: outcomes, seed: 5, resamples: 0..<20)
        #expect(rates == Array(repeating: 2_000_000_000_466, count: 20))
    }

    // Budget shares 1,000.00 and costs 950.00 and 1,150.00: a rate of −5 %. A resample of the cheap member
    // twice has rate +5 % (deviation +10 %), of the expensive one twice −15 % (deviation −10 %), of one of
    // each −5 % (deviation 0), in about a quarter, a quarter and a half of the resamples. A loss is judged
    // on the lower tail: a result this far below zero, and a loss charged under an MLR of 5 %, only when
    // both draws are the expensive member; a payout under an MSR of 5 % only when both are the cheap one.
    @Test func lossesAreJudgedOnTheLowerTail() throws {
        let outcomes = try Self.outcomes(budgets: [100_000, 100_000], costs: [95_000, 115_000])
        let analysis = try Self.analyse(outcomes, resamples: 2_000, msr: 5, mlr: 5)
        #expect(analysis.observedRate == (try ExactDecimal(parsing: "-0.05")))
        let loss = try #require(analysis.loss?.byChance)
        let payout = try #require(analysis.payout?.byChance)
        #expect((420...580).contains(loss.count))
        #expect((420...580).contains(payout.count))
        #expect(analysis.resultByChance == loss)
        let bootstrap = SavingsRateBootstrap(outcomes: outcomes, resamples: 2_000, seed: analysis.seed)
        #expect(bootstrap.rates.filter { $0 == bootstrap.observed }.count == 2_000 - loss.count - payout.count)
    }

    @Test func refusesOutcomesWithoutABudget() {
        #expect(throws: ChanceError.self) { try Self.outcomes(budgets: [0, 0], costs: [1, 2]) }
        #expect(throws: ChanceError.self) { try Self.outcomes(budgets: [], costs: []) }
        #expect(throws: ChanceError.self) { try Self.outcomes(budgets: [1, -1], costs: [1, 2]) }
        #expect(throws: ChanceError.self) { try MemberOutcomes(budgets: [Cents(1)], costs: []) }
    }
}
