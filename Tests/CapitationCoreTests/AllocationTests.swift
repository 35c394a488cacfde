import CapitationCore
import Testing

struct AllocationTests {
    typealias Share = Allocation.Share<PartyID>

    /// 100.00 in three equal parts: exact shares 33.333…, one cent left over for the smallest id.
    @Test func givesTheLeftoverCentToTheSmallestKeyOnATie() throws {
        let parts = try Allocation.split(
            Cents(10_000),
            by: [
                Share(key: "c", weight: 1), Share(key: "a", weight: 1), Share(key: "b", weight: 1),
            ]
        )
        #expect(parts == [Cents(3_333), Cents(3_334), Cents(3_333)])
    }

    // 1000.01 at 80/20: exact 800.008 and 200.002; floors 800.00 and 200.00 leave 1 cent, which goes to
    // the larger remainder (0.8 cent against 0.2 cent), the 80 % part.
    @Test func givesLeftoversToTheLargestRemainders() throws {
        let parts = try Allocation.split(
            Cents(100_001),
            by: [
                Share(key: "coop", weight: ExactDecimal(80)), Share(key: "fund", weight: ExactDecimal(20)),
            ]
        )
        #expect(parts == [Cents(80_001), Cents(20_000)])
    }

    // Weights 0.712, 0.850, 1.236 (total 2.798) of 10.00: exact shares 254.4675, 303.7884 and 441.7441 cents;
    // floors 254 + 303 + 441 = 998, and the two leftover cents go to the largest remainders, .7884 and .7441.
    @Test func allocatesByDecimalWeights() throws {
        let parts = try Allocation.split(
            Cents(1_000),
            by: [
                Share(key: "a", weight: ExactDecimal(parsing: "0.712")),
                Share(key: "b", weight: ExactDecimal(parsing: "0.850")),
                Share(key: "c", weight: ExactDecimal(parsing: "1.236")),
            ]
        )
        #expect(parts == [Cents(254), Cents(304), Cents(442)])
    }

    @Test func splitsNegativeAmountsAsTheMirrorImage() throws {
        let shares = [Share(key: "a", weight: 1), Share(key: "b", weight: 1), Share(key: "c", weight: 1)]
        #expect(try Allocation.split(Cents(-10_000), by: shares) == [Cents(-3_334), Cents(-3_333), Cents(-3_333)])
    }

    @Test func zeroWeightsGetNothing() throws {
        let parts = try Allocation.split(Cents(101), by: [Share(key: "a", weight: 0), Share(key: "b", weight: 3)])
        #expect(parts == [Cents(0), Cents(101)])
    }

    @Test func theResultDoesNotDependOnTheOrderOfTheShares() throws {
        let shares = (0..<7).map { Share(key: PartyID("p\($0)"), weight: ExactDecimal($0 % 3 + 1)) }
        let forward = try Allocation.split(Cents(1_000_003), by: shares)
        let backward = try Allocation.split(Cents(1_000_003), by: shares.reversed())
        #expect(
            Dictionary(uniqueKeysWithValues: zip(shares.map(\.key), forward))
                == Dictionary(uniqueKeysWithValues: zip(shares.reversed().map(\.key), backward))
        )
    }

    // Property: for seeded random totals and weights the parts always sum exactly to the whole, and no
    // part differs from its exact share by a cent or more.
    @Test func partsAlwaysSumToTheWhole() throws {
        var generator = SeededGenerator(seed: 20_261_122)
        for _ in 0..<500 {
            let total = Cents(Int64(generator.next() % 2_000_000_000) - 1_000_000_000)
            let count = Int(generator.next() % 9) + 1
            let shares = (0..<count).map { index in
                Share(
                    key: PartyID("p\(index)"),
                    weight: ExactDecimal(significand: Int128(generator.next() % 100_000), scale: 3)
                )
            }
            guard shares.contains(where: { !$0.weight.isZero }) else { continue }
            let parts = try Allocation.split(total, by: shares)
            #expect(try parts.sum() == total)
            let totalWeight = try shares.map(\.weight).sum()
            for (part, share) in zip(parts, shares) {
                let exact = try ExactDecimal(Int(total.rawValue)) * share.weight
                let exactShare = try exact.divided(by: totalWeight, scale: 6, rounding: .halfEven)
                let difference = try (ExactDecimal(Int(part.rawValue)) - exactShare).magnitude()
                #expect(difference < ExactDecimal(1))
            }
        }
    }

    @Test func refusesWhatCannotBeAllocated() {
        #expect(throws: Allocation.Failure.noShares) { try Allocation.split(Cents(1), by: [Share]()) }
        #expect(throws: Allocation.Failure.zeroTotalWeight) {
            try Allocation.split(Cents(1), by: [Share(key: "a", weight: 0)])
        }
        #expect(throws: Allocation.Failure.negativeWeight("-1")) {
            try Allocation.split(Cents(1), by: [Share(key: "a", weight: ExactDecimal(-1)), Share(key: "b", weight: 2)])
        }
    }
}
