import Testing

@testable import SettlementRunner

/// Partitions spilled to disk, read back whole and in order.
struct PartitionBuffersTests {
    /// Appends to 7 partitions pieces of 1 to 40,000 bytes drawn from a seed (each byte telling its piece),
    /// enough for each partition to spill many times over; returns what each partition holds, read back.
    private func spillAndLoad(spill: SpillFolder) throws -> (loaded: [[UInt8]], expected: [[UInt8]]) {
        var buffers = PartitionBuffers(count: 7, spill: spill, partitionBytes: 1 << 20)
        var expected = [[UInt8]](repeating: [], count: 7)
        var seed: UInt64 = 29
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        for piece in 0..<2_000 {
            let partition = next(7)
            let bytes = [UInt8](repeating: UInt8(truncatingIfNeeded: piece), count: 1 + next(40_000))
            try buffers.append(bytes, to: partition)
            expected[partition] += bytes
        }
        let loaded = try (0..<7).map { partition in
            let (remainder, spilled) = buffers.take(partition)
            return try PartitionBuffers.load(partition, remainder: remainder, spilled: spilled, spill: spill)
        }
        return (loaded, expected)
    }

    // About 40 MB over 7 partitions, whose buffers spill at 256 KiB: the same bytes in the same order.
    @Test func readsBackWhatWasAppendedInOrder() throws {
        let spill = try SpillFolder()
        defer { spill.remove() }
        let (loaded, expected) = try spillAndLoad(spill: spill)
        #expect(loaded.map(\.count) == expected.map(\.count))
        #expect(loaded == expected)
        #expect(expected.allSatisfy { $0.count > 1 << 20 })
    }
}

/// Members spread over the partitions evenly, also ids that differ only in their last digits.
struct PartitionHashTests {
    // 20,000 ids P000000…P019999 over 8 partitions: 2,500 each on average; a fair spread keeps each within
    // four standard deviations, √(20,000 × 1/8 × 7/8) ≈ 47, so 2,500 ± 190.
    @Test func spreadsSequentialIdsEvenly() {
        var counts = [Int](repeating: 0, count: 8)
        for number in 0..<20_000 {
            let id = "P" + String(repeating: "0", count: 6 - String(number).count) + String(number)
            counts[StableHash.partition(of: Array(id.utf8), count: 8)] += 1
        }
        #expect(counts.reduce(0, +) == 20_000)
        #expect(counts.allSatisfy { (2_310...2_690).contains($0) }, "\(counts)")
    }

    // Ten ids that differ in their last byte land in more than one of 104 partitions, and every
    // partition number is in range, for one partition too.
    @Test func separatesIdsThatDifferInTheirLastByte() {
        let partitions = (0..<10).map { StableHash.partition(of: Array("P00012\($0)".utf8), count: 104) }
        #expect(Set(partitions).count > 5)
        #expect(partitions.allSatisfy { (0..<104).contains($0) })
        #expect(StableHash.partition(of: Array("P000123".utf8), count: 1) == 0)
    }
}
