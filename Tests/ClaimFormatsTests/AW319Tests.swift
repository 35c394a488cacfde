import CapitationCore
import ClaimFormats
import Testing

/// A small AW319 file written by the writer, as records that tests can change.
struct AW319Sample {
    static let first = "111222333"
    static let second = "123456782"

    static func date(_ text: String) -> CalendarDate {
        guard let date = try? CalendarDate(parsing: text) else { preconditionFailure(text) }
        return date
    }

    static func period(_ start: String, _ end: String) -> DatePeriod {
        guard let period = DatePeriod(start: date(start), end: date(end)) else { preconditionFailure() }
        return period
    }

    /// A Wlz claim line of `member`, as the parser should read record `line`.
    static func line(
        _ reference: String,
        member: String,
        amount: Int64,
        side: ClaimLine.Side = .debit,
        corrects: String? = nil,
        profile: CareProfileCode? = "754",
        product: ProductCode = "Z754",
        days: Int64 = 31,
        line: Int,
        file: Int = 0
    ) -> ClaimLine {
        ClaimLine(
            claimID: reference,
            member: MemberID(member),
            regime: .wlz,
            payer: "5519",
            provider: "47470001",
            category: "055",
            product: product,
            service: period("2026-03-01", "2026-03-31"),
            amount: Cents(amount),
            side: side,
            corrects: corrects,
            careProfile: profile,
            volume: ClaimLine.Volume(count: days, unit: "14"),
            // The day the care office received the line: the invoice's date, field 0117 of the header.
            received: date("2026-04-03"),
            source: LineSource(file: file, line: line)
        )
    }

    /// Records 1–8: header; person 1 with a ZZP 754 month, its credit and a line without care profile
    /// (treatment, claimed under its function); a comment; person 2 with one month; the trailer.
    static let lines: [ClaimLine] = [
        line("WLZ-0001", member: first, amount: 612_345, line: 3),
        line("WLZ-0002", member: first, amount: 19_753, side: .credit, corrects: "WLZ-0001", days: 1, line: 4),
        line("WLZ-0003", member: first, amount: 8_000, profile: nil, product: "H126", days: 4, line: 5),
        line("WLZ-0004", member: second, amount: 598_000, line: 8),
    ]

    static func header(code: Int = 187) -> AW319Header {
        AW319Header(
            messageCode: code,
            uzovi: "5519",
            institution: "47470001",
            period: period("2026-03-01", "2026-03-31"),
            invoiceNumber: "F2026-0311",
            invoiceDate: date("2026-04-03")
        )
    }

    /// The second person of the sample, with their Wlz indication.
    static func secondPerson() throws -> AW319Person {
        AW319Person(
            bsn: try #require(BSN(utf8: second.utf8)),
            uzovi: "5519",
            birthDate: date("1941-11-02"),
            sex: .male,
            name: "de Vries",
            initials: "JH",
            address: .netherlands(postcode: "7102CD", houseNumber: 3, addition: "A"),
            indication: AW319Person.Indication(body: "0901", client: "C2", request: 2001, decision: 2002)
        )
    }

    /// The records of the sample file, without line ends.
    static func records(name: String = "Jansen") throws -> [String] {
        var bytes: [UInt8] = []
        var writer = AW319Writer()
        try writer.header(header(), into: &bytes)
        let people = [
            AW319Person(
                bsn: try #require(BSN(utf8: first.utf8)),
                uzovi: "5519",
                birthDate: date("1938-05-17"),
                sex: .female,
                name: name,
                initials: "M",
                address: .netherlands(postcode: "7101AB", houseNumber: 12),
                indication: AW319Person.Indication(body: "0901", client: "C1", request: 1001, decision: 1002)
            ),
            try secondPerson(),
        ]
        try writer.person(people[0], into: &bytes)
        for line in lines.prefix(3) {
            try writer.claim(line, function: line.careProfile == nil ? "63" : nil, into: &bytes)
        }
        try writer.comment("Maart 2026", into: &bytes)
        try writer.person(people[1], into: &bytes)
        try writer.claim(lines[3], into: &bytes)
        try writer.trailer(into: &bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasSuffix("\r\n"))
        return text.split(separator: "\r\n").map(String.init)
    }

    /// `record` with `value` written over `field`'s positions (padded to the field's length).
    static func replacing(_ field: Int, with value: String, in record: String) -> String {
        let field = AW319Layout.field(field)
        var characters = Array(record)
        let padded = Array(value) + Array(repeating: Character(" "), count: max(0, field.length - value.count))
        characters.replaceSubrange(field.offsets, with: padded)
        return String(characters)
    }

    struct Parsed {
        var lines: [ClaimLine] = []
        var invalid: [RejectedLine] = []
        var fileProblems: [String] = []
        var notes: [ClaimFileNote] = []
    }

    /// Parses `records` joined by `separator`, handed over in blocks of `blockBytes` as a settlement reads
    /// a file.
    static func parse(_ records: [String], separator: String = "\r\n", blockBytes: Int = 1 << 22) throws -> Parsed {
        let bytes = Array(records.joined(separator: separator).utf8) + Array(separator.utf8)
        return try parse(bytes: bytes, blockBytes: blockBytes)
    }

    /// Parses `bytes` in blocks of `blockBytes`, chunk by chunk as a settlement does: a broken header throws,
    /// the problems of the file as a whole are `fileProblems`.
    static func parse(bytes: [UInt8], blockBytes: Int = 1 << 22) throws -> Parsed {
        var result = Parsed()
        var tally = AW319Tally()
        let parser = try RecordChunker<AW319Parser>.forEachChunk(
            of: bytes,
            blockBytes: blockBytes,
            path: "wlz.aw319",
            file: 0
        ) { chunk in
            tally.merge(
                chunk.parse(record: { result.lines.append($0.line) }, invalid: { result.invalid.append($0) })
            )
        }
        do {
            result.notes = try parser?.finish(tally) ?? []
        } catch {
            result.fileProblems = error.diagnostics.map(\.description)
        }
        return result
    }
}

struct AW319ReaderTests {
    /// Empty lines after the trailer hold no record: read past and noted, in every split of the file.
    @Test(arguments: [1, 2, 311, 1_000, 1 << 22])
    func readsPastEmptyLinesAfterTheTrailer(blockBytes: Int) throws {
        let records = try AW319Sample.records()
        let one = try AW319Sample.parse(records + [""], blockBytes: blockBytes)
        #expect(one.fileProblems == [])
        #expect(one.lines == AW319Sample.lines)
        #expect(one.notes == [.emptyLinesAfterTrailer(count: 1)])
        #expect(
            one.notes.map(\.message) == [
                "1 empty line after the trailer record 99, which holds no record and is ignored"
            ]
        )
        let two = try AW319Sample.parse(records + ["", ""], blockBytes: blockBytes)
        #expect(two.fileProblems == [])
        #expect(two.notes == [.emptyLinesAfterTrailer(count: 2)])
        #expect(
            two.notes.map(\.message) == [
                "2 empty lines after the trailer record 99, which hold no record and are ignored"
            ]
        )
        #expect(try AW319Sample.parse(records).notes == [])
    }

    @Test func readsBackWhatTheWriterWrote() throws {
        let records = try AW319Sample.records()
        #expect(records.count == 9)
        #expect(records.allSatisfy { $0.count == 310 })
        #expect(records.map { String($0.prefix(2)) } == ["01", "02", "04", "04", "04", "98", "02", "04", "99"])
        let parsed = try AW319Sample.parse(records)
        #expect(parsed.fileProblems == [])
        #expect(parsed.invalid == [])
        #expect(parsed.lines == AW319Sample.lines)
    }

    // The trailer of the sample: 2 insured, 4 claims, 1 comment, 7 detail records; total 6,123.45 −
    // 197.53 + 80.00 + 5,980.00 = 11,985.92 debit, written as 00001198592 D.
    @Test func writesTheTrailerCountsAndTotal() throws {
        let trailer = try #require(try AW319Sample.records().last)
        let expected = ["99", "000002", "000000", "000004", "000001", "0000007", "00001198592", "D"].joined()
        #expect(trailer.hasPrefix(expected))
    }

    @Test func readsTheSameLinesInAnyChunkingAndWithLFOnly() throws {
        let records = try AW319Sample.records()
        // Blocks of one byte to more than a record: records split anywhere, the insured person of record 02
        // carried from one chunk to the next.
        for size in [1, 2, 3, 7, 61, 310, 311, 312, 623, 1_000] {
            let parsed = try AW319Sample.parse(records, separator: "\n", blockBytes: size)
            #expect(parsed.lines == AW319Sample.lines, "blocks of \(size)")
            #expect(parsed.fileProblems == [], "blocks of \(size)")
        }
    }

    @Test func countsCharactersNotBytesInUTF8AndLatin1() throws {
        // "Brünink" is 7 characters: 8 bytes in UTF-8, 7 in ISO 8859-1.
        let records = try AW319Sample.records(name: "Brünink")
        let utf8 = Array(records.joined(separator: "\r\n").utf8) + Array("\r\n".utf8)
        #expect(utf8.count == 9 * 312 + 1)
        #expect(try AW319Sample.parse(bytes: utf8).lines == AW319Sample.lines)
        let latin1 = utf8.split(separator: 0xC3, omittingEmptySubsequences: false).enumerated().flatMap {
            index,
            part -> [UInt8] in
            // ü is C3 BC in UTF-8 and FC in ISO 8859-1.
            index == 0 ? Array(part) : [0xFC] + part.dropFirst()
        }
        #expect(latin1.count == 9 * 312)
        let parsed = try AW319Sample.parse(bytes: latin1)
        #expect(parsed.lines == AW319Sample.lines)
        #expect(parsed.fileProblems == [])
    }

    /// A claim record of printable ASCII is handed over as its own bytes, any other (here a reference with
    /// an accent, in UTF-8 and in ISO 8859-1, or a tab) as the text read field by field: the lines are the
    /// same but for that reference.
    @Test(arguments: [[0x52, 0xC3, 0xA9, 0x31], [0x52, 0xE9, 0x31], [0x52, 0x09, 0x31]] as [[UInt8]])
    func readsARecordOfOtherTextLikeAPlainOne(reference: [UInt8]) throws {
        var records = try AW319Sample.records()
        records[2] = AW319Sample.replacing(431, with: "@@@", in: records[2])
        var bytes = Array((records.joined(separator: "\r\n") + "\r\n").utf8)
        let at = try #require(bytes.firstRange(of: Array("@@@".utf8)))
        bytes.replaceSubrange(at, with: reference)
        // Records are counted in characters: é is one, whether two bytes (UTF-8) or one (ISO 8859-1).
        let parsed = try AW319Sample.parse(bytes: bytes)
        #expect(parsed.fileProblems == [])
        var expected = AW319Sample.lines
        expected[0].claimID = reference == [0x52, 0x09, 0x31] ? "R\\u{9}1" : "Ré1"
        #expect(parsed.lines == expected)
    }

    /// Every claim record of the sample read by its text (a character beyond ASCII in the unused field 405
    /// of each, in UTF-8 and in ISO 8859-1) gives the same lines as read by its bytes: the credit, the care
    /// profile 000 and the volumes alike.
    @Test(arguments: [[0xC3, 0xA9], [0xE9]] as [[UInt8]])
    func readsEveryClaimRecordAlikeByItsBytesOrItsText(character: [UInt8]) throws {
        var records = try AW319Sample.records()
        for index in records.indices where records[index].hasPrefix("04") {
            records[index] = AW319Sample.replacing(405, with: "@", in: records[index])
        }
        let text = Array((records.joined(separator: "\r\n") + "\r\n").utf8)
        #expect(text.count(where: { $0 == UInt8(ascii: "@") }) == 4)
        let bytes = text.flatMap { $0 == UInt8(ascii: "@") ? character : [$0] }
        let parsed = try AW319Sample.parse(bytes: bytes)
        #expect(parsed.fileProblems == [])
        #expect(parsed.invalid == [])
        #expect(parsed.lines == AW319Sample.lines)
    }

    /// Each broken claim record is an invalid line, with its record number, field and reason.
    @Test(arguments: [
        (
            RecordChange.truncate(5),
            "record 04: the record is 305 characters long; every AW319 record is 310"
        ),
        (
            RecordChange.field(418, "00x1"),
            "record 04: field 418 (aantal uitgevoerde prestaties, positions 130–133) must be digits: '00x1'"
        ),
        (
            RecordChange.field(414, "20260231"),
            "record 04: field 414 (begindatum prestatie, positions 106–113) is not a date in the form EEJJMMDD: '20260231'"
        ),
        (
            RecordChange.field(415, "20260228"),
            "record 04: the service ends (field 415, 2026-02-28) before it starts (field 414, 2026-03-01)"
        ),
        (
            RecordChange.field(430, "X"),
            "record 04: field 430 (indicatie debet/credit (02), position 194) is 'X'; it must be D or C"
        ),
        (
            RecordChange.field(403, "111222334"),
            "record 04: field 403 (burgerservicenummer (bsn) verzekerde, positions 15–23) is not a valid BSN: it fails the elfproef"
        ),
        (
            RecordChange.field(403, AW319Sample.second),
            "record 04: the BSN in field 403 (burgerservicenummer (bsn) verzekerde, positions 15–23) differs from that of the insured-person record 02 on line 2 before it"
        ),
        (
            RecordChange.field(480, "X"),
            "record 04: field 480 (reserve, positions 235–310) is reserved and must be spaces; the fields may be shifted"
        ),
        (
            RecordChange.field(431, ""),
            "record 04: field 431 (referentienummer dit prestatierecord, positions 195–214) is mandatory but empty"
        ),
    ])
    func rejectsABrokenClaimRecord(change: RecordChange, detail: String) throws {
        var records = try AW319Sample.records()
        records[2] = change.apply(to: records[2])
        let parsed = try AW319Sample.parse(records)
        let rejected = try #require(parsed.invalid.first)
        #expect(parsed.invalid.count == 1)
        #expect(rejected.detail == detail)
        #expect(rejected.source == LineSource(file: 0, line: 3))
        #expect(rejected.reason == .invalid)
        #expect(rejected.regime == .wlz)
        // The record's credit is then without its debit, but that is for reconciliation to find.
        #expect(parsed.lines.map(\.claimID) == ["WLZ-0002", "WLZ-0003", "WLZ-0004"])
        #expect(!rejected.detail.contains(AW319Sample.first))
    }

    @Test func rejectsACreditThatNamesNoLine() throws {
        var records = try AW319Sample.records()
        records[3] = AW319Sample.replacing(432, with: "", in: records[3])
        let parsed = try AW319Sample.parse(records)
        #expect(
            parsed.invalid.map(\.detail) == [
                "record 04: a credit (field 430 C) must name the line it corrects in field 432 (referentienummer voorgaande gerelateerde prestatierecord, positions 215–234)"
            ]
        )
        #expect(parsed.invalid.first?.amount == Cents(-19_753))
    }

    @Test func rejectsTheClaimsOfABrokenInsuredRecordAndClaimsWithoutOne() throws {
        var records = try AW319Sample.records()
        records[1] = AW319Sample.replacing(207, with: "19380230", in: records[1])
        records[6] = AW319Sample.replacing(203, with: "123456789", in: records[6])
        var parsed = try AW319Sample.parse(records)
        #expect(parsed.lines == [])
        #expect(parsed.invalid.map(\.source.line) == [3, 4, 5, 8])
        #expect(
            parsed.invalid.first?.detail
                == "record 04: its insured-person record 02 on line 2 is invalid: field 207 (datum geboorte verzekerde, positions 54–61) is not a date in the form EEJJMMDD"
        )
        #expect(
            parsed.invalid.last?.detail
                == "record 04: its insured-person record 02 on line 7 is invalid: field 203 (burgerservicenummer (bsn) verzekerde, positions 15–23) is not a valid BSN: it fails the elfproef"
        )
        // No personal data in any message: neither the birth date nor the BSN.
        #expect(parsed.invalid.allSatisfy { !$0.detail.contains("19380230") && !$0.detail.contains("123456789") })

        records = try AW319Sample.records()
        records.remove(at: 1)
        parsed = try AW319Sample.parse(records)
        #expect(parsed.invalid.map(\.source.line) == [2, 3, 4])
        #expect(parsed.invalid.first?.detail == "record 04: no insured-person record 02 comes before this claim record")
        #expect(
            parsed.fileProblems.contains { $0.contains("counts 2 insured-person records (02), but the file has 1") }
        )
    }

    @Test func checksTheTrailerAgainstWhatWasRead() throws {
        var records = try AW319Sample.records()
        records.remove(at: 7)  // the last claim record
        #expect(
            try AW319Sample.parse(records).fileProblems == [
                "wlz.aw319:8: error: field 9904 (aantal prestatierecords, positions 15–20) counts 4 claim records (04), but the file has 3",
                "wlz.aw319:8: error: field 9906 (totaal aantal detailrecords, positions 27–33) counts 7 detail records, but the file has 6",
                "wlz.aw319:8: error: field 9907 (totaal declaratiebedrag, positions 34–44) with field 9908 (indicatie debet/credit, position 45) totals 11985.92, but the claim records (field 429 with 430) add up to 6005.92",
            ]
        )
        records = try AW319Sample.records()
        records[8] = AW319Sample.replacing(9908, with: "C", in: records[8])
        #expect(
            try AW319Sample.parse(records).fileProblems == [
                "wlz.aw319:9: error: field 9907 (totaal declaratiebedrag, positions 34–44) with field 9908 (indicatie debet/credit, position 45) totals -11985.92, but the claim records (field 429 with 430) add up to 11985.92"
            ]
        )
    }

    @Test(arguments: [
        (
            FileChange.dropLast,
            ["wlz.aw319:8: error: the file ends without its trailer record 99, so it may be incomplete"]
        ),
        (
            FileChange.insertCopy(at: 9, of: 5),
            ["wlz.aw319:9: error: the trailer record 99 is not the last record: 1 more follow"]
        ),
        (
            FileChange.insert(at: 5, "03" + String(repeating: " ", count: 308)),
            ["wlz.aw319:6: error: an unknown record kind '03'; AW319 records are 01, 02, 04, 98 and 99"]
        ),
        (
            FileChange.insert(at: 5, ""),
            ["wlz.aw319:6: error: an empty line; AW319 records are 01, 02, 04, 98 and 99"]
        ),
        (
            FileChange.insertCopy(at: 5, of: 0),
            ["wlz.aw319:6: error: a second header record 01; an AW319 file has one, on its first line"]
        ),
        (
            FileChange.truncate(record: 5, by: 1),
            ["wlz.aw319:6: error: record 98: the record is 309 characters long; every AW319 record is 310"]
        ),
    ])
    func refusesAFileWithBrokenStructure(change: FileChange, expected: [String]) throws {
        let parsed = try AW319Sample.parse(change.apply(to: try AW319Sample.records()))
        // Count differences are tested on their own.
        #expect(parsed.fileProblems.filter { !$0.contains("counts") } == expected)
    }

    @Test(arguments: [
        (
            RecordChange.field(102, "429"),
            "wlz.aw319:1: error: field 102 (code externe-integratiebericht, positions 3–5) is 429; AW319 files carry 187 (Wlz), 428 (district nursing and ELV) or 430 (sensory-impaired care)"
        ),
        (
            RecordChange.field(119, "GBP"),
            "wlz.aw319:1: error: field 119 (valutacode, positions 115–117) is 'GBP'; amounts must be in euro cents (EUR)"
        ),
        (
            RecordChange.field(115, "20260228"),
            "wlz.aw319:1: error: the claim period ends (field 115) before it starts (field 114)"
        ),
        (
            RecordChange.field(101, "02"),
            "wlz.aw319:1: error: an AW319 file starts with its header record 01, not '02'"
        ),
        (
            RecordChange.field(117, "2026041"),
            "wlz.aw319:1: error: record 01: field 117 (dagtekening factuur, positions 93–100) is not a date in the form EEJJMMDD: '2026041'"
        ),
    ])
    func refusesABrokenHeader(change: RecordChange, expected: String) throws {
        var records = try AW319Sample.records()
        records[0] = change.apply(to: records[0])
        let error = #expect(throws: InputError.self) { try AW319Sample.parse(records) }
        #expect(error?.diagnostics.map(\.description) == [expected])
    }

    @Test func skipsAByteOrderMark() throws {
        let records = try AW319Sample.records()
        let bytes = [0xEF, 0xBB, 0xBF] + Array((records.joined(separator: "\r\n") + "\r\n").utf8)
        #expect(ClaimFileFormat.detect(bytes) == .aw319)
        let parsed = try AW319Sample.parse(bytes: bytes)
        #expect(parsed.lines == AW319Sample.lines)
        #expect(parsed.fileProblems == [])
    }

    @Test func readsTheRegimeFromTheMessageCode() throws {
        #expect(AW319Header.regime(ofMessageCode: 187) == .wlz)
        #expect(AW319Header.regime(ofMessageCode: 428) == .zvw)
        #expect(AW319Header.regime(ofMessageCode: 430) == .zvw)
        #expect(AW319Header.regime(ofMessageCode: 429) == nil)
        var records = try AW319Sample.records()
        records[0] = AW319Sample.replacing(102, with: "428", in: records[0])
        #expect(try AW319Sample.parse(records).lines.map(\.regime) == [.zvw, .zvw, .zvw, .zvw])
    }

    @Test func refusesToWriteWhatDoesNotFit() throws {
        var writer = AW319Writer()
        var bytes: [UInt8] = []
        try writer.header(AW319Sample.header(), into: &bytes)
        var line = AW319Sample.lines[0]
        line.product = "TOOLONG"
        #expect(throws: AW319WriteError.self) { try writer.claim(line, into: &bytes) }
        line = AW319Sample.lines[0]
        line.member = "m0001"
        #expect(throws: AW319WriteError.self) { try writer.claim(line, into: &bytes) }
        // A claim belongs to the insured-person record before it: none yet, or another person's.
        #expect(throws: AW319WriteError.self) { try writer.claim(AW319Sample.lines[0], into: &bytes) }
        try writer.person(try AW319Sample.secondPerson(), into: &bytes)
        #expect(throws: AW319WriteError.self) { try writer.claim(AW319Sample.lines[0], into: &bytes) }
        line = AW319Sample.lines[3]
        line.claimID = "WLZ\n0004"
        let control = #expect(throws: AW319WriteError.self) { try writer.claim(line, into: &bytes) }
        #expect(
            control?.description
                == "field 431 (referentienummer dit prestatierecord, positions 195–214) cannot hold the control character U+A"
        )
        line = AW319Sample.lines[3]
        line.payer = "zk"
        let error = #expect(throws: AW319WriteError.self) { try writer.claim(line, into: &bytes) }
        #expect(
            error?.description
                == "claim WLZ-0004: field 404 (uzovi-nummer, positions 24–27) repeats the UZOVI number of its insured-person record, 5519, not 'zk'"
        )
    }
}

/// A change to one record, for parameterised tests.
enum RecordChange: Sendable {
    /// Writes a value over a field.
    case field(Int, String)
    /// Cuts characters off the end.
    case truncate(Int)

    func apply(to record: String) -> String {
        switch self {
        case .field(let number, let value): AW319Sample.replacing(number, with: value, in: record)
        case .truncate(let count): String(record.dropLast(count))
        }
    }
}

/// A change to the records of a file, for parameterised tests.
enum FileChange: Sendable {
    case dropLast
    case insert(at: Int, String)
    case insertCopy(at: Int, of: Int)
    case truncate(record: Int, by: Int)

    func apply(to records: [String]) -> [String] {
        var changed = records
        switch self {
        case .dropLast: changed.removeLast()
        case .insert(let index, let record): changed.insert(record, at: index)
        case .insertCopy(let index, let source): changed.insert(records[source], at: index)
        case .truncate(let index, let count): changed[index] = String(changed[index].dropLast(count))
        }
        return changed
    }
}

struct ClaimFileFormatTests {
    @Test(arguments: [
        ("claim_id,member_id,regime\n", ClaimFileFormat.capitationCSV),
        ("\u{FEFF}claim_id,member_id\n", .capitationCSV),
        ("01187" + String(repeating: " ", count: 305), .aw319),
        ("\u{FEFF}01428", .aw319),
        ("01x87", .capitationCSV),
        ("<?xml version=\"1.0\"?><Bericht/>", .wmo323),
        ("\u{FEFF}\r\n  <Bericht/>", .wmo323),
        ("", .capitationCSV),
    ])
    func recognisesAFileByItsFirstBytes(text: String, format: ClaimFileFormat) {
        #expect(ClaimFileFormat.detect(Array(text.utf8)) == format)
    }
}
