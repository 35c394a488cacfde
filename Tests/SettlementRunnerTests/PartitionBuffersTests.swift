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
