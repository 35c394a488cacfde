/// Texts kept once each and named by their position: the references, members, payers, providers and codes
/// of a batch of claim lines.
///
/// Two texts are the same when their UTF-8 bytes are, and they order by their bytes, as identifiers do
/// (see ``Identifier``). Looking a text up hashes its bytes; no `String` is made until one is asked for.
package struct TextTable: Sendable {
    /// The texts' bytes, one after the other.
    private var bytes: [UInt8] = []
    /// Where each text ends in `bytes`; text `i` starts where text `i - 1` ends.
    private var ends: [Int] = []
    private var hashes: [UInt64] = []
    /// An open-addressing table of text numbers by hash, `-1` where empty; its size is a power of two.
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    /// The number standing for no text at all (an absent reference or code).
    package static let none: Int32 = -1

    package init() {}

    /// The number of different texts.
    package var count: Int { ends.count }

    /// The number of `text`, which is added when it is new.
    package mutating func intern(_ text: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(text)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash, equals(id, text) { return id }
            slot = (slot + 1) & (slots.count - 1)
        }
        precondition(ends.count < Int(Int32.max), "more than 2^31 different texts in one batch of claim lines")
        let id = Int32(ends.count)
        bytes.append(contentsOf: text.bindMemory(to: UInt8.self))
        ends.append(bytes.count)
        hashes.append(hash)
        slots[slot] = id
        if ends.count * 2 > slots.count { grow() }
        return id
    }

    /// The number of `text`, `nil` when it is not in the table.
    package func number(of text: UnsafeRawBufferPointer) -> Int32? {
        let hash = Self.hash(text)
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            if hashes[Int(id)] == hash, equals(id, text) { return id }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// Calls `body` with the bytes of text number `id`.
    package func withBytes<Result>(_ id: Int32, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        let range = self.range(id)
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[range])) }
    }

    /// The number of `text`, which is added when it is new.
    package mutating func intern(_ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { intern(UnsafeRawBufferPointer($0)) }
    }

    /// The number of `text`, or ``none`` when `text` is `nil`.
    package mutating func intern(_ text: String?) -> Int32 {
        guard let text else { return Self.none }
        return intern(text)
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

    /// Whether text `a` comes before text `b` in byte order; ``none`` comes before every text.
    package func precedes(_ a: Int32, _ b: Int32) -> Bool {
        if a == b { return false }
        if a == Self.none { return true }
        if b == Self.none { return false }
        let left = range(a)
        let right = range(b)
        return bytes.withUnsafeBufferPointer { bytes in
            let common = min(left.count, right.count)
            for offset in 0..<common where bytes[left.lowerBound + offset] != bytes[right.lowerBound + offset] {
                return bytes[left.lowerBound + offset] < bytes[right.lowerBound + offset]
            }
            return left.count < right.count
        }
    }

    /// Whether text number `id` is `text`.
    package func equals(_ id: Int32, _ text: StaticString) -> Bool {
        text.withUTF8Buffer { equals(id, UnsafeRawBufferPointer($0)) }
    }

    /// Whether text number `id` is `text`.
    package func equals(_ id: Int32, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { equals(id, UnsafeRawBufferPointer($0)) }
    }

    private func equals(_ id: Int32, _ text: UnsafeRawBufferPointer) -> Bool {
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

    private mutating func grow() {
        var larger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = larger.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while larger[slot] >= 0 { slot = (slot + 1) & mask }
            larger[slot] = Int32(id)
        }
        slots = larger
    }

    /// A hash of `text` that reads eight bytes at a time, with a final mix so that the low bits that
    /// choose a slot depend on every byte.
    private static func hash(_ text: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = UInt64(text.count) &* multiplier
        var offset = 0
        while offset + 8 <= text.count {
            hash = (hash ^ text.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* multiplier
            hash ^= hash >> 29
            offset += 8
        }
        if offset < text.count {
            var tail: UInt64 = 0
            for index in offset..<text.count { tail = tail << 8 | UInt64(text[index]) }
            hash = (hash ^ tail) &* multiplier
        }
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return hash
    }
}
