import CapitationCore
public import ClaimFormats

/// Replacements of byte ranges, applied in one pass.
struct ByteSplice {
    private var replacements: [(range: Range<Int>, bytes: [UInt8])] = []

    var isEmpty: Bool { replacements.isEmpty }

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

/// Located problems of one file, up to a limit.
public struct FileProblems: Sendable {
    public private(set) var items: [(line: Int?, message: String)] = []
    public private(set) var omitted = 0

    public init() {}

    public var isEmpty: Bool { items.isEmpty }

    /// The problems as an error of the file at `path`, or `nil` when there are none.
    public func error(path: String) -> InputError? {
        guard !items.isEmpty else { return nil }
        return InputError(
            diagnostics: items.map { Diagnostic(.error, at: SourceLocation(path: path, line: $0.line), $0.message) },
            omitted: omitted
        )
    }

    mutating func add(_ line: Int?, _ message: String) {
        guard items.count < 100 else {
            omitted += 1
            return
        }
        items.append((line, message))
    }
}

extension Collection<UInt8> {
    /// The ranges (as offsets from the start) of every occurrence of `needle`.
    func occurrences(of needle: [UInt8]) -> [Range<Int>] {
        let bytes = Array(self)
        guard !needle.isEmpty, bytes.count >= needle.count else { return [] }
        var found: [Range<Int>] = []
        var index = 0
        while index + needle.count <= bytes.count {
            if bytes[index..<(index + needle.count)].elementsEqual(needle) {
                found.append(index..<(index + needle.count))
                index += needle.count
            } else {
                index += 1
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
