public import ClaimFormats

/// Pseudonymises AW319 files record by record.
///
/// In insured-person (02) and claim (04) records the BSN (fields 203 and 403) is replaced by its
/// pseudonym, and wherever a claim's own references (431, 432) or its authorisation number (406) repeat
/// the BSN, so are they. The other direct identifiers are removed, in the form the v1.4 field table allows
/// so that a record that kept to it still does:
/// - names and initials become `PSEUDONIEM` and `X` (the standard requires them), the partner's name
///   (213) too when field 212 says the partner's name is used, and is emptied otherwise;
/// - the postcode (217) keeps its four digits, the area the roster names as well, and gets the letters
///   `SS`, which no Dutch postcode has, so the street is gone; the house number (219) becomes `00000`,
///   the table's value for an address without one, and the foreign postcode (218, which the table lets
///   a person abroad leave empty) and house-number addition (220) are emptied;
/// - the indication body's client number (225, 409) becomes `PSEUDONIEM` and its request and decision
///   numbers (410, 411) `999999999`, where they were filled: a claim under a care profile must keep them;
/// - the insured number, patient number and debtor number (205, 206, 222, 405) and the prefixes of the
///   names (211, 214) are emptied.
///
/// Comment texts (9804) may name people and become `(removed)`. Dates of birth, sex, amounts, codes and
/// the header and trailer stay as they are, so that the file keeps its counts and total.
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
            /// Whether `field` holds anything but spaces and zeros.
            func isFilled(_ number: Int) -> Bool {
                guard let place = bytes(number) else { return false }
                return chunk[place].contains { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "0") }
            }
            /// Writes `text` into `field`: zero-padded on the left in a numeric field, space-padded on the right
            /// in a text field.
            func set(_ number: Int, _ text: String) {
                let field = AW319Layout.field(number)
                guard let place = bytes(number) else { return }
                let value =
                    field.kind == .numeric
                    ? Array(repeating: UInt8(ascii: "0"), count: field.length - text.utf8.count) + Array(text.utf8)
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
                let partnerNamed = bytes(212).map { chunk[$0].elementsEqual("2".utf8) } ?? false
                set(213, partnerNamed ? "PSEUDONIEM" : "")
                set(225, isFilled(225) ? "PSEUDONIEM" : "")
                set(217, areaPostcode(bytes(217).map { Array(chunk[$0]) } ?? []))
                for field in [205, 206, 211, 214, 218, 219, 220, 222] { set(field, "") }
            } else {
                set(405, "")
                set(409, isFilled(409) ? "PSEUDONIEM" : "")
                for field in [410, 411] { set(field, isFilled(field) ? "999999999" : "") }
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

    /// The postcode `1234AB` as `1234SS`: its area without the street; empty for anything else.
    static func areaPostcode(_ postcode: [UInt8]) -> String {
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        guard postcode.count == 6, postcode[0] != UInt8(ascii: "0"), postcode[0..<4].allSatisfy(isDigit) else {
            return ""
        }
        return String(decoding: postcode[0..<4], as: UTF8.self) + "SS"
    }
}
