import CapitationCore
public import ClaimFormats

/// Pseudonymises the project's CSV files.
///
/// The member of each line of a roster, a claims file or an indicator events file is replaced, and so is
/// that member's BSN wherever a claim line repeats it in its own reference (`claim_id`, `corrects`).
/// Every other byte stays as it was; a file of measured indicator values names no member and is copied.
///
/// A member id of exactly nine digits is a BSN (or a mistyped one) and is replaced; any other id is taken
/// to be a pseudonym already and kept, unless it holds nine digits in a row, which is refused rather than
/// guessed at.
public struct CSVPseudonymizer: Sendable {
    /// What a CSV file holds.
    public enum Kind: String, Sendable {
        case roster, claims, events, measures
    }

    public let kind: Kind
    public let path: String
    private let member: Int?
    private let references: [Int]

    /// Recognises the file by its header, the first line of `bytes`.
    ///
    /// - Returns: The pseudonymiser and the offset and line where the second line starts.
    /// - Throws: `InputError` when the header is none of the project's CSV formats.
    public static func header(
        of bytes: UnsafeBufferPointer<UInt8>,
        path: String
    ) throws(InputError) -> (pseudonymizer: CSVPseudonymizer, bodyOffset: Int, bodyLine: Int) {
        var end = 0
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        let contentEnd = end > 0 && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
        var scanner = CSVScanner(UnsafeBufferPointer(rebasing: bytes[0..<contentEnd]))
        let kinds: [(Kind, [String], optional: [String])] = [
            (.roster, CSVColumns.roster, []), (.claims, CSVColumns.claims, CSVColumns.claimsOptional),
            (.events, CSVColumns.events, []), (.measures, CSVColumns.measures, []),
        ]
        if scanner.next() {
            for (kind, columns, optional) in kinds {
                guard case .success(let header) = CSVHeader.match(scanner, expected: columns, optional: optional)
                else { continue }
                let position = { (name: String) in columns.firstIndex(of: name).map { header.positions[$0] } }
                let pseudonymizer = CSVPseudonymizer(
                    kind: kind,
                    path: path,
                    member: position("member_id"),
                    references: [position("claim_id"), position("corrects")].compactMap { $0 }
                )
                return (pseudonymizer, min(end + 1, bytes.count), 2)
            }
        }
        throw InputError(diagnostics: [
            Diagnostic(
                .error,
                at: SourceLocation(path: path, line: 1),
                "the header is not that of a roster, a claims file or an indicator file of the project's CSV, so the file's members cannot be found"
            )
        ])
    }

    /// The records of `chunk` (complete records, starting at line `firstLine`) with their members
    /// replaced; problems go to `problems`.
    public func rewrite(
        _ chunk: UnsafeBufferPointer<UInt8>,
        firstLine: Int,
        pseudonyms: inout BSNPseudonyms,
        problems: inout ProblemCollector
    ) -> [UInt8] {
        guard let member else { return Array(chunk) }
        var splice = ByteSplice()
        var scanner = CSVScanner(chunk, firstLine: firstLine, skipByteOrderMark: false)
        while scanner.next() {
            guard scanner.error == nil, member < scanner.fields.count else {
                problems.add(
                    line: scanner.line,
                    "the line is not valid CSV or has no member_id, so its member cannot be pseudonymised; fix or remove it first"
                )
                continue
            }
            let field = scanner.fields[member]
            let id = UnsafeBufferPointer(rebasing: chunk[field.start..<field.end])
            guard let pseudonym = pseudonyms.pseudonym(of: id) else {
                if id.hasNineDigitsInARow {
                    problems.add(
                        line: scanner.line,
                        "member_id holds nine digits in a row but is not a nine-digit BSN; write a BSN as exactly nine digits"
                    )
                }
                continue
            }
            splice.replace(field.start..<field.end, with: pseudonym)
            let original = Array(id)
            for position in references where position < scanner.fields.count {
                let reference = scanner.fields[position]
                for range in chunk[reference.start..<reference.end].occurrences(of: original) {
                    let start = reference.start + range.lowerBound
                    splice.replace(start..<(start + 9), with: pseudonym)
                }
            }
        }
        return splice.apply(to: chunk)
    }
}
