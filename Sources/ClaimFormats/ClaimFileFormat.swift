/// The formats a claim file can come in, recognised by content whatever the file's name.
public enum ClaimFileFormat: String, CaseIterable, Sendable {
    /// The project's CSV: `claim_id,member_id,regime,…`.
    case capitationCSV = "capitation-csv"
    /// Vektis AW319 v1.4, fixed-width records starting with the header record 01.
    case aw319 = "vektis-aw319"
    /// An iWmo 3.2 WMO323 declaration message, XML.
    case wmo323 = "iwmo-wmo323"
    /// An iWmo 3.2 WMO325 declaration answer, XML: what the municipality refused of a WMO323.
    case wmo325 = "iwmo-wmo325"
    /// A financier's answers to claim lines in the project's CSV (see ``AnswersReader``).
    case answersCSV = "capitation-answers-csv"

    /// How much of a file's start ``detect(_:)`` needs: 64 KiB.
    public static let detectionBytes = 65_536

    /// Whether the file holds a financier's answers to claim lines rather than claim lines.
    public var isAnswers: Bool { self == .wmo325 || self == .answersCSV }

    /// The format of a file that starts with `prefix` (its first block).
    ///
    /// XML (after a byte-order mark and white space, a `<`) is read as WMO325 when its first
    /// ``detectionBytes`` name the WMO325 namespace (which its root element declares), otherwise as
    /// WMO323; a file whose first record starts with `01` and three digits as AW319; a CSV whose header
    /// names `approved_amount` as answers; anything else as the project's CSV, whose header check then says
    /// what is wrong.
    public static func detect(_ prefix: some Collection<UInt8>) -> ClaimFileFormat {
        var bytes = prefix[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        let text = bytes.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == 0x0D || $0 == 0x0A }
        if text.first == UInt8(ascii: "<") {
            let names325 = Self.contains(Array(text.prefix(detectionBytes)), Array(WMO325Answer.messageNamespace.utf8))
            return names325 ? .wmo325 : .wmo323
        }
        let head = Array(bytes.prefix(5))
        if head.count == 5, head[0] == UInt8(ascii: "0"), head[1] == UInt8(ascii: "1"),
            head[2...].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        {
            return .aw319
        }
        return AnswersReader.isAnswers(bytes) ? .answersCSV : .capitationCSV
    }

    /// Whether `bytes` hold `needle` anywhere.
    private static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        return bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { needle in
                var start = 0
                while start <= haystack.count - needle.count {
                    if haystack[start] == first,
                        UnsafeBufferPointer(rebasing: haystack[start..<start + needle.count]).elementsEqual(needle)
                    {
                        return true
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
