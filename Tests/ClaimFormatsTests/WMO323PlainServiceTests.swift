import CapitationCore
import ClaimFormats
import Foundation
import Testing

/// A WMO323 service with nothing wrong with it is read from its bytes, any other as strings.
///
/// The settlement reads the first kind from their bytes and the second with their problems spelt out;
/// both must come to the same lines, the same rejections and the same totals. Each test here reads
/// variants of the sample message both ways, the settlement's way and the strings' way that the other
/// tests check, and compares.
struct WMO323PlainServiceTests {
    /// What a message read to: its lines, its invalid lines, and the error that made it unusable, if any.
    struct Outcome: Equatable {
        var lines: [ClaimLine] = []
        var invalid: [RejectedLine] = []
        var error: String?
    }

    /// Reads `text` as the settlement does: services with nothing wrong from their bytes.
    static func readAsSettled(_ text: String, verdict: WMO325Verdict? = nil) -> Outcome {
        let bytes = Array(text.utf8)
        var outcome = Outcome()
        var offset = 0
        do throws(InputError) {
            _ = try WMO323Claims.read(
                path: "wmo.xml",
                file: 0,
                next: {
                    guard offset < bytes.count else { return nil }
                    defer { offset += 97 }
                    return Array(bytes[offset..<min(offset + 97, bytes.count)])
                },
                verdict: { _ in verdict },
                answersExpected: false,
                record: { outcome.lines.append($0.line) },
                invalid: { outcome.invalid.append($0) },
                clientRead: {}
            )
        } catch {
            outcome.error = error.description
        }
        return outcome
    }

    /// Reads `text` into parts of strings, and each service from its strings.
    static func readAsStrings(_ text: String, verdict: WMO325Verdict? = nil) -> Outcome {
        let bytes = Array(text.utf8)
        var outcome = Outcome()
        var done = false
        var claims: WMO323Claims?
        do throws(InputError) {
            try WMO323Reader.read(path: "wmo.xml") { () throws(InputError) -> [UInt8]? in
                defer { done = true }
                return done ? nil : bytes
            } _: { (part) throws(InputError) in
                switch part {
                case .header(let header):
                    claims = try WMO323Claims(header: header, path: "wmo.xml", file: 0)
                    claims?.verdict = verdict
                case .client(let client):
                    claims?.lines(of: client) { parsed in
                        switch parsed {
                        case .line(let line): outcome.lines.append(line)
                        case .invalid(let line): outcome.invalid.append(line)
                        }
                    }
                }
            }
            try claims?.check()
        } catch {
            outcome.error = error.description
        }
        return outcome
    }

    /// The sample message with the text of the `occurrence`-th element named `name` (0 for the first)
    /// replaced by `value`, written as is (markup and references included).
    static func replacingText(of name: String, occurrence: Int = 0, with value: String, in text: String) -> String {
        var searchFrom = text.startIndex
        var found = 0
        while let open = text.range(of: ":\(name)>", range: searchFrom..<text.endIndex) {
            guard text[..<open.lowerBound].last(where: { $0 == "<" || $0 == "/" }) == "<" else {
                searchFrom = open.upperBound
                continue
            }
            if found == occurrence, let close = text.range(of: "</", range: open.upperBound..<text.endIndex) {
                return text.replacingCharacters(in: open.upperBound..<close.lowerBound, with: value)
            }
            found += 1
            searchFrom = open.upperBound
        }
        Issue.record("no element \(name) number \(occurrence)")
        return text
    }

    /// Texts that wrap or change any value: white space around it (which the reading drops), a carriage
    /// return or a no-break space written as a reference (which it keeps), characters beyond ASCII, a tab
    /// inside, CDATA and a comment (which are read as text), and nothing at all.
    static func variants(of value: String) -> [String] {
        [
            " \t\n\(value)\n  ", "\t\(value)", "\(value)&#13;", "&#13;&#10;\(value)", "\(value)&#13;&#10;",
            "&#160;\(value)", "\(value)&#x2003;", "\(value)é", "e\u{301}\(value)", "\(value)\u{301}",
            "\(value.prefix(1))\t\(value.dropFirst())", "\(value.prefix(1))\n\(value.dropFirst())",
            "<![CDATA[\(value)]]>", "\(value.prefix(1))<!-- note -->\(value.dropFirst())", "", " ",
        ]
    }

    @Test func readsTheSampleTheSameBothWays() throws {
        let text = try WMO323Sample.text()
        let settled = Self.readAsSettled(text)
        #expect(settled == Self.readAsStrings(text))
        #expect(settled.lines == WMO323Sample.lines)
    }

    @Test func readsEveryVariantOfEveryTextTheSameBothWays() throws {
        let text = try WMO323Sample.text()
        // The first service's texts and its client's Bsn; the second service is a credit.
        let values: [(String, Int, String)] = [
            ("Bsn", 0, "111222333"), ("ReferentieNummer", 0, "WMO-1"), ("ReferentieNummer", 1, "WMO-2"),
            ("VorigReferentieNummer", 0, "WMO-0"), ("ToewijzingNummer", 0, "1"), ("ProductCategorie", 0, "01"),
            ("ProductCode", 0, "01A03"), ("Begindatum", 1, "2026-03-01"), ("Einddatum", 1, "2026-03-31"),
            ("GeleverdVolume", 0, "12"), ("Eenheid", 0, "04"), ("Bedrag", 0, "42000"), ("DebetCredit", 1, "D"),
            ("DebetCredit", 2, "C"),
        ]
        var compared = 0
        for (name, occurrence, value) in values {
            for variant in Self.variants(of: value) {
                let changed = Self.replacingText(of: name, occurrence: occurrence, with: variant, in: text)
                let settled = Self.readAsSettled(changed)
                #expect(settled == Self.readAsStrings(changed), "\(name) \(occurrence): '\(variant)'")
                compared += 1
            }
        }
        #expect(compared == 14 * 16)
    }

    @Test func readsValuesAtAndBeyondTheirLimitsTheSameBothWays() throws {
        let text = try WMO323Sample.text()
        let cases: [(String, Int, [String])] = [
            ("Bsn", 0, ["111222334", "11122233", "1112223330", "000000000", "123456782", "11122233x"]),
            ("ReferentieNummer", 0, [String(repeating: "R", count: 20), String(repeating: "R", count: 21), "é"]),
            ("ProductCategorie", 0, ["1", "001", "0A"]),
            ("ProductCode", 0, ["1", "12345", "123456"]),
            ("Begindatum", 1, ["2026-02-30", "2026-3-01", "2026-04-01", "20260301", "2026-03-31"]),
            ("Einddatum", 1, ["2026-02-28", "2026-03-01", "2026-13-01"]),
            ("GeleverdVolume", 0, ["0", "999999999999999", "1000000000000000", "-1", "1.5", "+1"]),
            ("Eenheid", 0, ["01", "14", "16", "82", "83", "84", "4", "99", "004"]),
            ("Bedrag", 0, ["0", "000000000000001", "999999999999999", "1000000000000000", "-5", "42,00"]),
            ("DebetCredit", 1, ["C", "d", "X", "DC"]),
            ("DebetCredit", 2, ["D", "c"]),
            ("VorigReferentieNummer", 0, [String(repeating: "V", count: 30), "WMO-1"]),
        ]
        for (name, occurrence, values) in cases {
            for value in values {
                let changed = Self.replacingText(of: name, occurrence: occurrence, with: value, in: text)
                #expect(
                    Self.readAsSettled(changed) == Self.readAsStrings(changed),
                    "\(name) \(occurrence): '\(value)'"
                )
            }
        }
    }

    @Test func readsTariffsAndCorrectedLinesTheSameBothWays() throws {
        let text = try WMO323Sample.text()
        let firstReference = "<iwmo:ReferentieNummer>WMO-1</iwmo:ReferentieNummer>"
        let firstVolume = "<wmo323:Eenheid>04</wmo323:Eenheid>"
        var changed: [String] = []
        // A debit naming a corrected line (iWmo CD060), empty or not; a credit without one.
        for previous in ["", "WMO-0", " "] {
            changed.append(
                WMO323Sample.replacing(
                    firstReference,
                    with: firstReference + "<iwmo:VorigReferentieNummer>\(previous)</iwmo:VorigReferentieNummer>",
                    in: text
                )
            )
        }
        changed.append(
            WMO323Sample.replacing("<iwmo:VorigReferentieNummer>WMO-0</iwmo:VorigReferentieNummer>", with: "", in: text)
        )
        // A tariff of whole cents, empty, or not a number, after the unit.
        for tariff in ["3500", "", "35.00", " 3500 "] {
            changed.append(
                WMO323Sample.replacing(
                    firstVolume,
                    with: firstVolume + "<wmo323:ProductTarief>\(tariff)</wmo323:ProductTarief>",
                    in: text
                )
            )
        }
        for message in changed {
            #expect(Self.readAsSettled(message) == Self.readAsStrings(message))
        }
    }

    @Test func settlesOnAnAnswerTheSameBothWays() throws {
        let text = try WMO323Sample.text()
        let refusingOne = try WMO325Sample.verdict(
            try WMO325Sample.answer(refusing: [("WMO-3", WMO323Sample.second, ["9322"])], awarded: "38500")
        )
        let refusingAll = try WMO325Sample.verdict(
            try WMO325Sample.answer(declarationCodes: ["9333"], awarded: "0")
        )
        let wrongTotal = try WMO325Sample.verdict(
            try WMO325Sample.answer(refusing: [("WMO-1", WMO323Sample.first, ["9322"])], awarded: "38500")
        )
        for verdict in [refusingOne, refusingAll, wrongTotal] {
            let settled = Self.readAsSettled(text, verdict: verdict)
            #expect(settled == Self.readAsStrings(text, verdict: verdict))
        }
        // The one refused service carries the answer; the others none.
        let settled = Self.readAsSettled(text, verdict: refusingOne)
        #expect(settled.lines.map { $0.answer?.codes } == [nil, nil, ["9322"]])
        #expect(Self.readAsSettled(text, verdict: wrongTotal).error?.contains("TotaalToegekendBedrag") == true)
    }

    /// A message cut short inside a client by its encoding is refused both ways.
    ///
    /// libxml2 stops, without calling the document malformed, at bytes it cannot read in the declared
    /// encoding. The message is refused whatever its total says, instead of counting the services read
    /// before the stop.
    @Test func refusesAMessageCutShortByItsEncodingBothWays() throws {
        let text = try WMO323Sample.text()
        let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        #expect(text.hasPrefix(declaration))
        let last = try #require(text.range(of: "</wmo323:Prestatie>", options: .backwards))
        var bytes = Array(text[..<last.upperBound].utf8) + [0xC6] + Array(text[last.upperBound...].utf8)
        bytes.replaceSubrange(
            0..<declaration.utf8.count,
            with: Array("<?xml version=\"1.0\" encoding=\"EUC-JP\"?>".utf8)
        )
        let stop = text[..<last.upperBound].split(separator: "\n", omittingEmptySubsequences: false).count
        for blockSize in [61, 1 << 20] {
            var offset = 0
            let next = { () -> [UInt8]? in
                guard offset < bytes.count else { return nil }
                defer { offset += blockSize }
                return Array(bytes[offset..<min(offset + blockSize, bytes.count)])
            }
            let asStrings = #expect(throws: InputError.self) {
                try WMO323Reader.read(path: "wmo.xml", next: next) { _ in }
            }
            let asSettled = #expect(throws: InputError.self) {
                try ClaimFileContents(reading: bytes, as: .wmo323, path: "wmo.xml", file: 0, blockBytes: blockSize)
            }
            #expect(asStrings?.description == asSettled?.description)
            #expect(
                asSettled?.diagnostics.map(\.description) == [
                    "wmo.xml:\(stop): error: not well-formed XML: reading stopped here, before the end of the document (at bytes that cannot be read in its declared encoding?)"
                ]
            )
        }
    }
}
