import CapitationCore
import Testing

@testable import SettlementRunner

struct ReferenceFilterTests {
    private static func hash(_ text: String) -> UInt64 {
        Array(text.utf8).withUnsafeBytes { TextTable.hash($0) }
    }

    /// Every reference added is found, however much the bit set grew while they were added, and few others.
    ///
    /// Of as many references never added, the filter lets through about 5.3 % at eight bits per reference
    /// and fewer while the bit set is sparser. 50,000 references fill 2^19 bits to 10.5 bits each: a word holds N of
    /// them, N of Poisson mean 64 ÷ 10.5 = 6.1, and a reference never added finds both its bits set with a
    /// chance of (1 − (1 − 1/64)^(2N))², on average 3.4 % (1,700 of 50,000), so well under 6 %.
    @Test func findsEveryReferenceAddedAndFewOthers() {
        var filter = ReferenceFilter()
        let added = (0..<50_000).map { Self.hash("Z-P\($0)-1") }
        for hash in added { filter.insert(hash) }
        #expect(added.allSatisfy { filter.mayContain($0) })
        let others = (0..<50_000).filter { filter.mayContain(Self.hash("Z-Q\($0)-1")) }.count
        #expect(others < 3_000, "\(others) of 50,000 references never added pass the filter")
    }

    /// Beyond 2^21 references the words still range over the whole bit set: 3 million references in 2^25
    /// bits (11.2 bits each, Poisson mean 5.7 a word) let through 3.0 % of others as above (3,000 ± 55 of
    /// 100,000); words confined to the first half of the bit set would let through 9.6 %.
    @Test func spreadsAnyNumberOfReferencesOverTheWholeBitSet() {
        // Well-mixed 64-bit hashes, as TextTable.hash makes them, drawn rather than hashed for speed.
        var filter = ReferenceFilter()
        var added = SeededGenerator(seed: 1)
        for _ in 0..<3_000_000 { filter.insert(added.next()) }
        var never = SeededGenerator(seed: 2)
        let others = (0..<100_000).filter { _ in filter.mayContain(never.next()) }.count
        #expect(others < 3_300, "\(others) of 100,000 references never added pass the filter")
    }

    @Test func anEmptyFilterLetsNothingThrough() {
        let filter = ReferenceFilter()
        #expect(!(0..<1_000).contains { filter.mayContain(Self.hash("R\($0)")) })
    }
}
