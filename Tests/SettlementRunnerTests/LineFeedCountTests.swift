import Testing

@testable import SettlementRunner

/// Line feeds are counted eight bytes at a time: exactly as many as one by one, whatever the bytes around
/// them and wherever the count starts and ends.
struct LineFeedCountTests {
    @Test func countsAsManyLineFeedsAsOneByOne() {
        // Bytes that differ from a line feed (0x0A) in one bit each, the high ones included, so that a
        // test of "some byte is zero" that lets a carry cross bytes would count them.
        let near: [UInt8] = [0x0A, 0x0B, 0x08, 0x8A, 0x0E, 0x2A, 0x00, 0xFF, 0x80, 0x09, 0x7F, 0x01]
        var seed: UInt64 = 5
        var bytes: [UInt8] = []
        for _ in 0..<4_099 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(near[Int((seed >> 33) % UInt64(near.count))])
        }
        for (start, end) in [(0, bytes.count), (1, bytes.count), (3, 4_000), (7, 15), (5, 5), (0, 7), (9, 4_098)] {
            let slice = bytes[start..<end]
            let expected = slice.filter { $0 == 0x0A }.count
            #expect(slice.withUnsafeBytes { FileBlocks.lineFeeds(in: $0) } == expected, "bytes \(start)..<\(end)")
        }
        let allLineFeeds = [UInt8](repeating: 0x0A, count: 67)
        #expect(allLineFeeds.withUnsafeBytes { FileBlocks.lineFeeds(in: $0) } == 67)
    }
}
