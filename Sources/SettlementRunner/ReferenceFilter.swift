import CapitationCore

/// Which references the financier may have answered: a Bloom filter of their hashes, two bits each in a
/// bit set of at least eight bits per reference.
///
/// Every claim line is looked up among the answers and nearly none is answered. The answers' own table
/// is megabytes for a national year, so a look-up that finds nothing waited on memory; the filter is a
/// few hundred kilobytes that stay in the cache, and says "not answered" for all but about 2.5 % of the
/// lines that are not (never for one that is).
struct ReferenceFilter: Sendable {
    /// The bit set; its size in bits is a power of two.
    private var words: [UInt64] = Array(repeating: 0, count: 64)
    /// The hashes added, to place them again when the bit set grows.
    private var hashes: [UInt64] = []

    /// Adds a reference by its hash (``TextTable/hash(_:)``).
    mutating func insert(_ hash: UInt64) {
        hashes.append(hash)
        if hashes.count * 8 > words.count * 64 {
            words = Array(repeating: 0, count: words.count * 2)
            for hash in hashes { set(hash) }
        } else {
            set(hash)
        }
    }

    /// Whether a reference with this hash may have been added: `false` means it was not.
    func mayContain(_ hash: UInt64) -> Bool {
        let (first, second) = positions(hash)
        return words[first >> 6] & (1 << (first & 63)) != 0 && words[second >> 6] & (1 << (second & 63)) != 0
    }

    private mutating func set(_ hash: UInt64) {
        let (first, second) = positions(hash)
        words[first >> 6] |= 1 << (first & 63)
        words[second >> 6] |= 1 << (second & 63)
    }

    /// Two bit positions from bits of the hash that the answers' own table does not use to place it.
    private func positions(_ hash: UInt64) -> (Int, Int) {
        let mask = words.count * 64 - 1
        let first = Int(truncatingIfNeeded: hash >> 32) & mask
        let second = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        return (first, second)
    }
}
