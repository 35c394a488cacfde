/// Texts one after the other, named by their position: the references of a batch of claim lines, which
/// are nearly all different, so that looking each up in a ``TextTable`` would cost a hash and an insert
/// per line for nothing.
///
/// Two texts are the same when their UTF-8 bytes are, and they order by their bytes, as identifiers do
/// (see ``Identifier``). A text added twice has two numbers: compare texts with ``equals(_:_:)``, not by
/// number.
package struct TextList: Sendable {
    /// The texts' bytes, one after the other.
    private var bytes: [UInt8] = []
    /// Where each text ends in `bytes`; text `i` starts where text `i - 1` ends.
    private var ends: [Int] = []

    /// The number standing for no text at all (an absent reference or code).
    package static let none: Int32 = -1

    package init() {}

    /// The number of texts.
    package var count: Int { ends.count }

    /// Removes every text, keeping the storage for the texts of the next batch.
    package mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Adds `text`; returns its number.
    package mutating func append(_ text: UnsafeRawBufferPointer) -> Int32 {
        precondition(ends.count < Int(Int32.max), "more than 2^31 texts in one batch of claim lines")
        bytes.append(contentsOf: text.bindMemory(to: UInt8.self))
        ends.append(bytes.count)
        return Int32(ends.count - 1)
    }

    /// Adds `text`; returns its number.
    package mutating func append(_ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Adds `text`; returns its number, or ``none`` when `text` is `nil`.
    package mutating func append(_ text: String?) -> Int32 {
        guard let text else { return Self.none }
        return append(text)
    }

    /// Calls `body` with the bytes of text number `id`.
    package func withBytes<Result>(_ id: Int32, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        let range = self.range(id)
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// Text number `id` as a string.
    package func string(_ id: Int32) -> String {
        let range = self.range(id)
        return bytes.withUnsafeBufferPointer {
            String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
        }
    }

    /// Text number `id` as a string, `nil` for ``none``.
    package func optionalString(_ id: Int32) -> String? {
        id == Self.none ? nil : string(id)
    }

    /// How text `a` orders against text `b` by their bytes: negative before, zero the same, positive
    /// after; ``none`` comes before every text.
    package func compare(_ a: Int32, _ b: Int32) -> Int {
        if a == b { return 0 }
        if a == Self.none { return -1 }
        if b == Self.none { return 1 }
        let left = range(a)
        let right = range(b)
        return bytes.withUnsafeBytes { bytes in
            let common = min(left.count, right.count)
            var offset = 0
            // Eight bytes at a time, read most significant first, so that the first byte that differs
            // decides as it does one byte at a time.
            while offset + 8 <= common {
                let x = bytes.loadUnaligned(fromByteOffset: left.lowerBound + offset, as: UInt64.self).bigEndian
                let y = bytes.loadUnaligned(fromByteOffset: right.lowerBound + offset, as: UInt64.self).bigEndian
                if x != y { return x < y ? -1 : 1 }
                offset += 8
            }
            while offset < common {
                let (x, y) = (bytes[left.lowerBound + offset], bytes[right.lowerBound + offset])
                if x != y { return x < y ? -1 : 1 }
                offset += 1
            }
            return left.count - right.count
        }
    }

    /// The first sixteen bytes of text `id`, zero after its end, as two numbers that order as the bytes
    /// do: texts whose keys differ order as their keys; texts whose keys are equal must be compared.
    package func key(_ id: Int32) -> SIMD2<UInt64> {
        let range = self.range(id)
        return bytes.withUnsafeBytes { bytes in
            let count = range.count
            guard range.lowerBound + 16 <= bytes.count else {
                // Near the end of the bytes, one byte at a time.
                var words = SIMD2<UInt64>(0, 0)
                for (offset, index) in range.prefix(16).enumerated() {
                    words[offset / 8] |= UInt64(bytes[index]) << (56 - 8 * UInt64(offset % 8))
                }
                return words
            }
            // Sixteen bytes read at once, those past the text's end cleared.
            var first = bytes.loadUnaligned(fromByteOffset: range.lowerBound, as: UInt64.self).bigEndian
            var second = bytes.loadUnaligned(fromByteOffset: range.lowerBound + 8, as: UInt64.self).bigEndian
            if count < 16 {
                second = count <= 8 ? 0 : second & ~(UInt64.max >> (8 * UInt64(count - 8)))
                if count < 8 { first = count == 0 ? 0 : first & ~(UInt64.max >> (8 * UInt64(count))) }
            }
            return SIMD2(first, second)
        }
    }

    /// Whether text `a` comes before text `b` in byte order; ``none`` comes before every text.
    package func precedes(_ a: Int32, _ b: Int32) -> Bool {
        compare(a, b) < 0
    }

    /// Whether texts `a` and `b` have the same bytes (both ``none`` included).
    package func equals(_ a: Int32, _ b: Int32) -> Bool {
        if a == b { return true }
        if a == Self.none || b == Self.none { return false }
        return withBytes(b) { equals(a, $0) }
    }

    /// Whether text number `id` is `text`.
    package func equals(_ id: Int32, _ text: UnsafeRawBufferPointer) -> Bool {
        let range = self.range(id)
        guard range.count == text.count else { return false }
        guard let other = text.baseAddress else { return true }
        return bytes.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return false }
            let own = base + range.lowerBound
            var offset = 0
            while offset + 8 <= range.count {
                guard
                    own.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                        == other.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                else { return false }
                offset += 8
            }
            while offset < range.count {
                guard
                    own.load(fromByteOffset: offset, as: UInt8.self)
                        == other.load(fromByteOffset: offset, as: UInt8.self)
                else { return false }
                offset += 1
            }
            return true
        }
    }

    private func range(_ id: Int32) -> Range<Int> {
        let index = Int(id)
        return (index == 0 ? 0 : ends[index - 1])..<ends[index]
    }
}
