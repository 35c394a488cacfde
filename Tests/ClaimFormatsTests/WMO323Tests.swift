import CapitationCore
import ClaimFormats
import Testing

/// A small WMO323 message written by the writer.
enum WMO323Sample {
    static let first = "111222333"
    static let second = "123456782"

    static func line(
        _ reference: String,
        member: String,
        amount: Int64,
        side: ClaimLine.Side = .debit,
        corrects: String? = nil,
        category: CategoryCode = "01",
        product: ProductCode = "01A03",
        hours: Int64 = 12,
        line: Int = 0
    ) -> ClaimLine {
        ClaimLine(
            claimID: reference,
            member: MemberID(member),
            regime: .wmo,
            payer: "0294",
            provider: "75750001",
            category: category,
            product: product,
            service: AW319Sample.period("2026-03-01", "2026-03-31"),
            amount: Cents(amount),
            side: side,
            corrects: corrects,
            volume: ClaimLine.Volume(count: hours, unit: "04"),
            // The day the municipality received the line: the message's Dagtekening, not the (earlier)
            // DeclaratieDagtekening.
            received: AW319Sample.date("2026-04-02"),
            source: LineSource(file: 0, line: line)
        )
    }

    /// Household help and a credit of February's (declared in an earlier message) for the first client,
    /// support for the second: the Prestatie elements start on lines 33, 52 and 77 of the written message.
    static let lines: [ClaimLine] = [
        line("WMO-1", member: first, amount: 42_000, line: 33),
        line("WMO-2", member: first, amount: 3_500, side: .credit, corrects: "WMO-0", hours: 1, line: 52),
        line("WMO-3", member: second, amount: 61_250, category: "02", product: "02A01", hours: 10, line: 77),
    ]

    static let header = WMO323Header(
        sender: "",
        receiver: "",
        identification: "BER-0001",
        messageDate: "2026-04-02",
        declarationNumber: "DEC202603",
        periodStart: "2026-03-01",
        periodEnd: "2026-03-31",
        declarationDate: "2026-04-01",
        totalAmount: "",
        totalSide: ""
    )

    static func text() throws -> String {
        String(decoding: try WMO323Writer.message(lines, header: header), as: UTF8.self)
    }

    struct Read {
        var header: WMO323Header?
        var lines: [ClaimLine] = []
        var invalid: [RejectedLine] = []
    }

    /// Reads `text` in blocks of `blockSize` bytes, checks the total and returns what was read.
    static func read(_ text: String, blockSize: Int = 4_096) throws(InputError) -> Read {
        let bytes = Array(text.utf8)
        var offset = 0
        var result = Read()
        var claims: WMO323Claims?
        try WMO323Reader.read(path: "wmo.xml") { () throws(InputError) -> [UInt8]? in
            guard offset < bytes.count else { return nil }
            defer { offset += blockSize }
            return Array(bytes[offset..<min(offset + blockSize, bytes.count)])
        } _: { (part) throws(InputError) in
            switch part {
            case .header(let header):
                result.header = header
                claims = try WMO323Claims(header: header, path: "wmo.xml", file: 0)
            case .client(let client):
                claims?.lines(of: client) { parsed in
                    switch parsed {
                    case .line(let line): result.lines.append(line)
                    case .invalid(let line): result.invalid.append(line)
                    }
                }
            }
        }
        try claims?.check()
        return result
    }

    static func replacing(_ old: String, with new: String, in text: String) -> String {
        precondition(text.contains(old), old)
        return text.replacing(old, with: new, maxReplacements: 1)
    }
}

struct WMO323ReaderTests {
    @Test func readsBackWhatTheWriterWrote() throws {
        let text = try WMO323Sample.text()
        // 420.00 − 35.00 + 612.50 = 997.50 debit.
        #expect(text.contains("<iwmo:TotaalBedrag>99750</iwmo:TotaalBedrag>"))
        for size in [1, 7, 4_096] {
            let read = try WMO323Sample.read(text, blockSize: size)
            #expect(read.lines == WMO323Sample.lines, "blocks of \(size)")
            #expect(read.invalid == [])
            #expect(read.header?.sender == "75750001")
            #expect(read.header?.receiver == "0294")
        }
    }

    @Test func givesTheLineOfEachServiceBeyondLine65535() throws {
        // 70,000 empty lines before the clients: each line still points at its own Prestatie, as counted in
        // the text (libxml2's tree nodes stop counting at 65,535).
        let text = WMO323Sample.replacing(
            "<wmo323:Clienten>",
            with: "<wmo323:Clienten>" + String(repeating: "\n", count: 70_000),
            in: try WMO323Sample.text()
        )
        let starts = text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.contains("<wmo323:Prestatie>") }.map { $0.offset + 1 }
        #expect(starts.count == WMO323Sample.lines.count)
        #expect(starts.allSatisfy { $0 > 70_000 })
        let read = try WMO323Sample.read(text, blockSize: 65_536)
        #expect(read.lines.map(\.source.line) == starts)
    }

    @Test func takesAnEmptyBlockForNoMoreThanThat() throws {
        let bytes = Array(try WMO323Sample.text().utf8)
        var blocks = stride(from: 0, to: bytes.count, by: 100).flatMap { start in
            [Array(bytes[start..<min(start + 100, bytes.count)]), []]
        }
        var lines: [ClaimLine] = []
        var claims: WMO323Claims?
        try WMO323Reader.read(path: "wmo.xml") { () throws(InputError) -> [UInt8]? in
            blocks.isEmpty ? nil : blocks.removeFirst()
        } _: { (part) throws(InputError) in
            switch part {
            case .header(let header): claims = try WMO323Claims(header: header, path: "wmo.xml", file: 0)
            case .client(let client):
                claims?.lines(of: client) { if case .line(let line) = $0 { lines.append(line) } }
            }
        }
        #expect(lines == WMO323Sample.lines)
    }

    @Test func refusesToWriteAMessageWithoutServices() {
        #expect(throws: WMO323WriteError.self) { try WMO323Writer.message([], header: WMO323Sample.header) }
    }

    @Test func matchesNamespacesNotPrefixes() throws {
        let text = try WMO323Sample.text()
            .replacing("wmo323:", with: "").replacing("xmlns:wmo323=", with: "xmlns=")
            .replacing("iwmo:", with: "b:").replacing("xmlns:iwmo=", with: "xmlns:b=")
        #expect(text.contains("<Bericht xmlns="))
        #expect(try WMO323Sample.read(text).lines == WMO323Sample.lines)
    }

    /// Each impossible value of a service is an invalid line with its reason and the Prestatie's line.
    @Test(arguments: [
        (
            "<iwmo:Bedrag>42000</iwmo:Bedrag>", "<iwmo:Bedrag>420.00</iwmo:Bedrag>",
            "Prestatie: Bedrag '420.00' is not an amount in whole cents"
        ),
        (
            "<iwmo:Einddatum>2026-03-31</iwmo:Einddatum>\n            </wmo323:ProductPeriode>",
            "<iwmo:Einddatum>2026-02-30</iwmo:Einddatum>\n            </wmo323:ProductPeriode>",
            "Prestatie: the Einddatum of ProductPeriode '2026-02-30' is not a date in the form YYYY-MM-DD"
        ),
        (
            "<iwmo:Begindatum>2026-03-01</iwmo:Begindatum>\n              <iwmo:Einddatum>2026-03-31</iwmo:Einddatum>\n            </wmo323:ProductPeriode>",
            "<iwmo:Begindatum>2026-04-01</iwmo:Begindatum>\n              <iwmo:Einddatum>2026-03-31</iwmo:Einddatum>\n            </wmo323:ProductPeriode>",
            "Prestatie: the ProductPeriode ends on 2026-03-31, before it starts on 2026-04-01"
        ),
        (
            "<wmo323:Eenheid>04</wmo323:Eenheid>", "<wmo323:Eenheid>05</wmo323:Eenheid>",
            "Prestatie: Eenheid '05' is not one of 01, 04, 14, 16, 82, 83, 84"
        ),
        (
            "<wmo323:GeleverdVolume>12</wmo323:GeleverdVolume>", "<wmo323:GeleverdVolume>-12</wmo323:GeleverdVolume>",
            "Prestatie: GeleverdVolume '-12' is not a whole number of 0 or more"
        ),
        (
            "<wmo323:ProductCategorie>01</wmo323:ProductCategorie>",
            "<wmo323:ProductCategorie>001</wmo323:ProductCategorie>",
            "Prestatie: ProductCategorie '001' must have 2 characters"
        ),
        (
            "<wmo323:Bsn>111222333</wmo323:Bsn>", "<wmo323:Bsn>111222334</wmo323:Bsn>",
            "Prestatie: the client's Bsn on line 31 fails the elfproef, so it is not a valid BSN"
        ),
    ])
    func rejectsAnImpossibleService(old: String, new: String, detail: String) throws {
        let text = WMO323Sample.replacing(old, with: new, in: try WMO323Sample.text())
        let read = try WMO323Sample.read(text)
        let rejected = try #require(read.invalid.first)
        #expect(rejected.detail == detail)
        // A broken Bsn makes both services of its client invalid; any other problem only its own.
        #expect(read.invalid.count == (detail.contains("Bsn") ? 2 : 1))
        #expect(rejected.source.line == 33)
        #expect(rejected.reason == .invalid)
        #expect(rejected.regime == .wmo)
        #expect(!rejected.detail.contains("111222334"))
    }

    @Test func rejectsACreditWithoutItsReferenceAndEveryServiceOfABrokenBsn() throws {
        var text = WMO323Sample.replacing(
            "<iwmo:VorigReferentieNummer>WMO-0</iwmo:VorigReferentieNummer>\n",
            with: "",
            in: try WMO323Sample.text()
        )
        var read = try WMO323Sample.read(text)
        #expect(
            read.invalid.map(\.detail) == [
                "Prestatie: a credit (DebetCredit C) must name the line it corrects in VorigReferentieNummer"
            ]
        )
        #expect(read.invalid.map(\.amount) == [Cents(-3_500)])

        text = WMO323Sample.replacing(
            "<wmo323:Bsn>111222333</wmo323:Bsn>",
            with: "<wmo323:Bsn>11122233</wmo323:Bsn>",
            in: try WMO323Sample.text()
        )
        read = try WMO323Sample.read(text)
        #expect(read.invalid.map(\.source.line) == [33, 52])
        #expect(read.invalid.first?.detail == "Prestatie: the client's Bsn on line 31 is not nine digits")
        #expect(read.lines.map(\.claimID) == ["WMO-3"])
    }

    // iWmo 3.2 condition CD060: VorigReferentieNummer is filled for a credit and left empty otherwise, so
    // a debit naming a corrected line is invalid, as in the project's CSV; its amount stays in the total.
    @Test func rejectsADebitThatNamesACorrectedLine() throws {
        let text = WMO323Sample.replacing(
            "<iwmo:ReferentieNummer>WMO-3</iwmo:ReferentieNummer>\n",
            with: "<iwmo:ReferentieNummer>WMO-3</iwmo:ReferentieNummer>\n"
                + "<iwmo:VorigReferentieNummer>WMO-0</iwmo:VorigReferentieNummer>\n",
            in: try WMO323Sample.text()
        )
        let read = try WMO323Sample.read(text)
        #expect(
            read.invalid.map(\.detail) == [
                "Prestatie: a debit (DebetCredit D) names no corrected line, but VorigReferentieNummer is 'WMO-0' (iWmo condition CD060)"
            ]
        )
        #expect(read.invalid.map(\.amount) == [Cents(61_250)])
        #expect(read.lines.map(\.claimID) == ["WMO-1", "WMO-2"])
    }

    @Test func checksTheDeclaredTotal() throws {
        let text = WMO323Sample.replacing(
            "<iwmo:DebetCredit>D</iwmo:DebetCredit>\n    </wmo323:TotaalIngediendBedrag>",
            with: "<iwmo:DebetCredit>C</iwmo:DebetCredit>\n    </wmo323:TotaalIngediendBedrag>",
            in: try WMO323Sample.text()
        )
        let error = #expect(throws: InputError.self) { try WMO323Sample.read(text) }
        #expect(
            error?.diagnostics.map(\.description) == [
                "wmo.xml:26: error: TotaalIngediendBedrag is -997.50, but the services add up to 997.50 (Σ debit − Σ credit)"
            ]
        )
    }

    /// A message that breaks the structure, is not a WMO323 message, or is not XML is refused whole.
    @Test(arguments: [
        (
            "<wmo323:ToewijzingNummer>1</wmo323:ToewijzingNummer>\n", "",
            "wmo.xml:37: error: Prestatie is missing ToewijzingNummer before ProductCategorie"
        ),
        (
            "<wmo323:Eenheid>04</wmo323:Eenheid>",
            "<wmo323:Eenheid>04</wmo323:Eenheid><wmo323:Eenheid>04</wmo323:Eenheid>",
            "wmo.xml:45: error: Prestatie may hold only one Eenheid"
        ),
        (
            "<wmo323:Bsn>111222333</wmo323:Bsn>", "<wmo323:Bsn>111222333</wmo323:Bsn><wmo323:Naam>x</wmo323:Naam>",
            "wmo.xml:31: error: element Naam is not expected here in Client (expected Prestaties)"
        ),
        (
            "<iwmo:Bedrag>42000</iwmo:Bedrag>", "<wmo323:Bedrag>42000</wmo323:Bedrag>",
            "wmo.xml:48: error: element Bedrag is in the namespace http://www.istandaarden.nl/iwmo/3_2/wmo323/schema; WMO323 expects it in http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
        ),
        (
            "<wmo323:BerichtCode>484</wmo323:BerichtCode>", "<wmo323:BerichtCode>486</wmo323:BerichtCode>",
            "wmo.xml:4: error: BerichtCode is '486'; a WMO323 declaration has 484"
        ),
        (
            "<wmo323:Ontvanger>0294</wmo323:Ontvanger>", "<wmo323:Ontvanger>Winterswijk</wmo323:Ontvanger>",
            "wmo.xml:8: error: Ontvanger 'Winterswijk' is not a municipality code (4 digits)"
        ),
        (
            "<wmo323:Bsn>111222333</wmo323:Bsn>", "<wmo323:Bsn>111222333<x/></wmo323:Bsn>",
            "wmo.xml:31: error: element x is not allowed inside Bsn, which holds only text"
        ),
        (
            "</wmo323:Prestaties>", "</wmo323:Prestaties><wmo323:Bsn>111222333</wmo323:Bsn>",
            "wmo.xml:72: error: element Bsn is not expected here in Client (nothing more may follow)"
        ),
        (
            "</wmo323:Prestaties>", "</wmo323:Prestatie>",
            "wmo.xml:72:28: error: not well-formed XML: Opening and ending tag mismatch: Prestaties line 32 and Prestatie"
        ),
    ])
    func refusesABrokenMessage(old: String, new: String, expected: String) throws {
        let text = WMO323Sample.replacing(old, with: new, in: try WMO323Sample.text())
        let error = #expect(throws: InputError.self) { try WMO323Sample.read(text) }
        #expect(error?.diagnostics.map(\.description) == [expected])
    }

    @Test func refusesOtherXMLAndDoctypesUnread() throws {
        var error = #expect(throws: InputError.self) {
            try WMO323Sample.read("<?xml version=\"1.0\"?>\n<contract xmlns=\"urn:x\"/>\n")
        }
        #expect(
            error?.diagnostics.map(\.description) == [
                "wmo.xml:2: error: the root element is contract in the namespace urn:x; a WMO323 message is a Bericht in the namespace http://www.istandaarden.nl/iwmo/3_2/wmo323/schema"
            ]
        )
        let hostile = """
            <?xml version="1.0"?>
            <!-- a comment first -->
            <!DOCTYPE Bericht [<!ENTITY x SYSTEM "file:///etc/passwd">]>
            <Bericht xmlns="\(WMO323.messageNamespace)">&x;</Bericht>
            """
        for size in [1, 5, 4_096] {
            error = #expect(throws: InputError.self) { try WMO323Sample.read(hostile, blockSize: size) }
            #expect(
                error?.diagnostics.first?.description
                    == "wmo.xml:3: error: the document declares a DOCTYPE; XML inputs may not use DTDs or entities (they can read local files or expand without limit), so it was refused unread"
            )
        }
        error = #expect(throws: InputError.self) { try WMO323Sample.read("claim_id,member_id\n") }
        #expect(error?.diagnostics.map(\.description) == ["wmo.xml:1:1: error: not well-formed XML: Document is empty"])
    }
}
