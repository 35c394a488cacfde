import CapitationCore

/// Which references the financier may have answered: a Bloom filter of their hashes, two bits each in one
/// 64-bit word of a bit set of at least eight bits per reference (a blocked filter: a look-up reads one
/// word, not two words far apart).
///
/// Every claim line is looked up among the answers and nearly none is answered. The answers' own table
/// is megabytes for a national year, so a look-up that finds nothing waited on memory; the filter is a
/// few hundred kilobytes that stay in the cache, and says "not answered" for all but about 3 % of the
/// lines that are not (never for one that is): with N references in a word, a reference never added
/// finds both its bits set with a chance of (1 − (1 − 1/64)^(2N))², N drawn from a Poisson distribution
/// of mean 64 ÷ bits per reference; 3.4 % at 10.5 bits, 5.3 % at 8.
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
        let (word, bits) = position(hash)
        return words[word] & bits == bits
    }

    private mutating func set(_ hash: UInt64) {
        let (word, bits) = position(hash)
        words[word] |= bits
    }

    /// A word and two bits in it, from bits of the hash that the answers' own table does not use to place
    /// it: the word from the upper half, the bits from the upper bits of the hash multiplied by an odd
    /// constant.
    private func position(_ hash: UInt64) -> (word: Int, bits: UInt64) {
        let word = Int(truncatingIfNeeded: hash >> 32) & (words.count - 1)
        let mixed = hash &* 0x9E37_79B9_7F4A_7C15
        return (word, 1 << (mixed >> 58) | 1 << ((mixed >> 52) & 63))
    }
}
