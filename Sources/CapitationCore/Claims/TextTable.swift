/// Texts kept once each and named by their position: the members, payers, providers and codes of a batch
/// of claim lines, and the references the financier answered.
///
/// Two texts are the same when their UTF-8 bytes are, and they order by their bytes, as identifiers do
/// (see ``Identifier``). Looking a text up hashes its bytes; no `String` is made until one is asked for.
package struct TextTable: Sendable {
    /// The texts, each once.
    private var list = TextList()
    /// Each text's hash, to place it again when the table grows.
    private var hashes: [UInt64] = []
    /// An open-addressing table by hash, whose size is a power of two.
    ///
    /// A slot holds the upper half of its text's hash and the text's number, ``empty`` where it holds none,
    /// so that a look-up compares bytes only for a text whose hash matches in full.
    private var slots: [UInt64] = Array(repeating: Self.empty, count: 64)

    private static let empty = UInt64.max

    /// The number standing for no text at all (an absent reference or code).
    package static let none: Int32 = TextList.none

    package init() {}

    /// The number of different texts.
    package var count: Int { list.count }

    /// Removes every text, keeping the storage for the texts of the next batch.
    package mutating func removeAll() {
        list.removeAll()
        hashes.removeAll(keepingCapacity: true)
        for index in slots.indices { slots[index] = Self.empty }
    }

    /// The number of `text`, which is added when it is new.
    package mutating func intern(_ text: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(text)
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let entry = slots[slot]
            if entry == Self.empty { break }
            let id = Int32(truncatingIfNeeded: entry)
            if entry & 0xFFFF_FFFF_0000_0000 == tag, list.equals(id, text) { return id }
            slot = (slot + 1) & (slots.count - 1)
        }
        let id = list.append(text)
        hashes.append(hash)
        slots[slot] = tag | UInt64(UInt32(id))
        if list.count * 2 > slots.count { grow() }
        return id
    }

    /// The number of `text`, `nil` when it is not in the table.
    package func number(of text: UnsafeRawBufferPointer) -> Int32? {
        number(of: text, hash: Self.hash(text))
    }

    /// The number of `text`, whose ``hash(_:)`` is `hash`; `nil` when it is not in the table.
    package func number(of text: UnsafeRawBufferPointer, hash: UInt64) -> Int32? {
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var slot = Int(truncatingIfNeeded: hash) & (slots.count - 1)
        while true {
            let entry = slots[slot]
            if entry == Self.empty { return nil }
            let id = Int32(truncatingIfNeeded: entry)
            if entry & 0xFFFF_FFFF_0000_0000 == tag, list.equals(id, text) { return id }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// Calls `body` with the bytes of text number `id`.
    package func withBytes<Result>(_ id: Int32, _ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try list.withBytes(id, body)
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
        list.string(id)
    }

    /// Text number `id` as a string, `nil` for ``none``.
    package func optionalString(_ id: Int32) -> String? {
        list.optionalString(id)
    }

    /// Whether text `a` comes before text `b` in byte order; ``none`` comes before every text.
    package func precedes(_ a: Int32, _ b: Int32) -> Bool {
        list.precedes(a, b)
    }

    /// Whether text number `id` is `text`.
    package func equals(_ id: Int32, _ text: UnsafeRawBufferPointer) -> Bool {
        list.equals(id, text)
    }

    /// Whether text number `id` is `text`.
    package func equals(_ id: Int32, _ text: StaticString) -> Bool {
        text.withUTF8Buffer { list.equals(id, UnsafeRawBufferPointer($0)) }
    }

    /// Whether text number `id` is `text`.
    package func equals(_ id: Int32, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { list.equals(id, UnsafeRawBufferPointer($0)) }
    }

    private mutating func grow() {
        var larger = [UInt64](repeating: Self.empty, count: slots.count * 2)
        let mask = larger.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while larger[slot] != Self.empty { slot = (slot + 1) & mask }
            larger[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(UInt32(id))
        }
        slots = larger
    }

    /// A hash of `text` that reads eight bytes at a time, with a final mix so that the low bits that
    /// choose a slot depend on every byte.
    package static func hash(_ text: UnsafeRawBufferPointer) -> UInt64 {
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
