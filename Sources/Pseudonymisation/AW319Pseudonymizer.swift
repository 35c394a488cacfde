public import ClaimFormats

/// Pseudonymises AW319 files record by record.
///
/// In insured-person (02) and claim (04) records the BSN (fields 203 and 403) is replaced by its
/// pseudonym, and wherever a claim's own references (431, 432) or its authorisation number (406) repeat
/// the BSN, so are they. The other direct identifiers are removed: names and initials become
/// `PSEUDONIEM` and `X` (the standard requires them), and the insured number, patient number, address,
/// debtor number and the indication body's client and decision numbers (205, 206, 211, 213, 214, 217–220,
/// 222, 225, 405, 409–411) are emptied. Comment texts (9804) may name people and become `(removed)`. Dates
/// of birth, sex, amounts, codes and the header and trailer stay as they are, so that the file keeps its
/// counts and total.
///
/// A record whose fields cannot be found — of the wrong length, of an unknown kind, or with a BSN field
/// that is not nine digits — is refused rather than copied.
public enum AW319Pseudonymizer: Sendable {
    /// The records of `chunk` (complete lines, starting at record `firstRecord`) pseudonymised.
    public static func rewrite(
        _ chunk: UnsafeBufferPointer<UInt8>,
        firstRecord: Int,
        pseudonyms: inout BSNPseudonyms,
        problems: inout ProblemCollector
    ) -> [UInt8] {
        var splice = ByteSplice()
        AW319Lines.forEach(in: chunk, firstNumber: firstRecord) { range, number in
            let record = AW319Record(UnsafeBufferPointer(rebasing: chunk[range]), number: number)
            guard let kind = record.kind else {
                problems.add(
                    line: number,
                    "an unknown record kind '\(record.kindCode)'; only AW319 records can be pseudonymised"
                )
                return
            }
            guard kind == .insured || kind == .claim || kind == .comment else { return }
            guard record.length == AW319Layout.recordLength else {
                problems.add(
                    line: number,
                    "record \(kind.rawValue) is \(record.length) characters long, not \(AW319Layout.recordLength), so its fields cannot be found"
                )
                return
            }
            /// The bytes of `field` in `chunk`.
            func bytes(_ field: Int) -> Range<Int>? {
                record.byteRange(AW319Layout.field(field)).map {
                    (range.lowerBound + $0.lowerBound)..<(range.lowerBound + $0.upperBound)
                }
            }
            func set(_ number: Int, _ text: String) {
                let field = AW319Layout.field(number)
                guard let place = bytes(number) else { return }
                let value =
                    field.kind == .numeric
                    ? Array(repeating: UInt8(ascii: "0"), count: field.length)
                    : Array(text.utf8) + Array(repeating: UInt8(ascii: " "), count: field.length - text.utf8.count)
                splice.replace(place, with: value)
            }
            guard kind != .comment else {
                set(9804, "(removed)")
                return
            }
            let bsnField = kind == .insured ? 203 : 403
            guard let place = bytes(bsnField), let pseudonym = pseudonyms.pseudonym(of: chunk[place]) else {
                problems.add(
                    line: number,
                    "\(AW319Layout.field(bsnField).label) is not nine digits, so it cannot be pseudonymised"
                )
                return
            }
            let original = Array(chunk[place])
            splice.replace(place, with: pseudonym)
            if kind == .insured {
                set(210, "PSEUDONIEM")
                set(215, "X")
                for field in [205, 206, 211, 213, 214, 217, 218, 219, 220, 222, 225] { set(field, "") }
            } else {
                for field in [405, 409, 410, 411] { set(field, "") }
                for field in [406, 431, 432] {
                    guard let place = bytes(field) else { continue }
                    for found in chunk[place].occurrences(of: original) {
                        splice.replace(
                            (place.lowerBound + found.lowerBound)..<(place.lowerBound + found.upperBound),
                            with: pseudonym
                        )
                    }
                }
            }
        }
        return splice.apply(to: chunk)
    }
}
