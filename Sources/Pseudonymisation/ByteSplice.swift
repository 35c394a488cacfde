/// Replacements of byte ranges, applied in one pass.
struct ByteSplice {
    private var replacements: [(range: Range<Int>, bytes: [UInt8])] = []

    /// Replaces `range` (which must not overlap another replacement) by `bytes`.
    mutating func replace(_ range: Range<Int>, with bytes: [UInt8]) {
        replacements.append((range, bytes))
    }

    /// `source` with the replacements made.
    func apply(to source: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(source.count)
        var position = 0
        for replacement in replacements.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            result += source[position..<replacement.range.lowerBound]
            result += replacement.bytes
            position = replacement.range.upperBound
        }
        result += source[position...]
        return result
    }
}

extension Collection<UInt8> {
    /// The ranges (as offsets from the start) of every occurrence of `needle`.
    func occurrences(of needle: [UInt8]) -> [Range<Int>] {
        guard !needle.isEmpty else { return [] }
        var found: [Range<Int>] = []
        var index = startIndex
        var offset = 0
        while index != endIndex {
            if self[index...].starts(with: needle) {
                found.append(offset..<(offset + needle.count))
                index = self.index(index, offsetBy: needle.count)
                offset += needle.count
            } else {
                formIndex(after: &index)
                offset += 1
            }
        }
        return found
    }

    /// Whether nine or more digits follow each other somewhere.
    var hasNineDigitsInARow: Bool {
        var run = 0
        for byte in self {
            run = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? run + 1 : 0
            if run >= 9 { return true }
        }
        return false
    }
}
