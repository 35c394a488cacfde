import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The element names and namespace names a streamed document is read for, each known by its position, so
/// that a reader compares positions instead of texts.
package struct XMLNames: Sendable {
    /// The local names, by position.
    package let names: [String]
    /// The namespace names (URIs), by position.
    package let namespaces: [String]

    package init(names: [String], namespaces: [String]) {
        self.names = names
        self.namespaces = namespaces
    }
}

/// Finds the positions of the names libxml2 hands over, by the address of each name.
///
/// libxml2 interns the names of a document in its dictionary and hands the same address for the same name,
/// so a name's position is looked up once by its text and then found by its address. The address only
/// finds a candidate: the text at it is compared with the name remembered there, so that a name handed
/// over at another address, or another name at a remembered address, is still read correctly, only
/// without the saving.
struct XMLNameLookup {
    /// The texts, each followed by a NUL, one after the other, and where each starts.
    private let texts: [UInt8]
    private let starts: [Int]
    private let positions: [String: Int]
    /// Addresses and positions, at the slot the address hashes to or one of the next few.
    ///
    /// 0 marks a free slot. Entries are only added or replaced, so a free slot ends a search.
    private var addresses: [UInt]
    private var found: [Int]

    private static let slots = 128
    private static let probes = 4

    /// The lookup of `texts` by position; a text given twice is found at its first position.
    init(_ texts: [String]) {
        var bytes: [UInt8] = []
        var starts: [Int] = []
        for text in texts {
            starts.append(bytes.count)
            bytes += text.utf8
            bytes.append(0)
        }
        self.texts = bytes
        self.starts = starts
        positions = Dictionary(texts.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        addresses = Array(repeating: 0, count: Self.slots)
        found = Array(repeating: 0, count: Self.slots)
    }

    /// The position of the name at `pointer`, or `nil` when it is not among the names; no name at all
    /// (an element without a namespace) is the empty text.
    mutating func position(of pointer: UnsafePointer<xmlChar>?) -> Int? {
        guard let pointer else { return positions[""] }
        let address = UInt(bitPattern: pointer)
        let home = Int(truncatingIfNeeded: (address >> 4) ^ (address >> 12))
        for probe in 0..<Self.probes {
            let slot = (home + probe) & (Self.slots - 1)
            if addresses[slot] == 0 { break }
            if addresses[slot] == address, matches(pointer, starts[found[slot]]) { return found[slot] }
        }
        guard let position = positions[LibXML2.string(pointer)] else { return nil }
        for probe in 0..<Self.probes {
            let slot = (home + probe) & (Self.slots - 1)
            if addresses[slot] == 0 || addresses[slot] == address {
                addresses[slot] = address
                found[slot] = position
                break
            }
        }
        return position
    }

    /// Whether the NUL-terminated string at `pointer` is the text that starts at `start` in ``texts``.
    private func matches(_ pointer: UnsafePointer<xmlChar>, _ start: Int) -> Bool {
        texts.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return false }
            return UnsafeRawPointer(base + start).withMemoryRebound(to: CChar.self, capacity: 1) { text in
                UnsafeRawPointer(pointer).withMemoryRebound(to: CChar.self, capacity: 1) { strcmp($0, text) == 0 }
            }
        }
    }
}
