import CapitationCore
import ClaimFormats
import Pseudonymisation
import Testing

/// Rewrites whole files in memory, as the run does block by block.
enum Rewrite {
    static func csv(
        _ text: String,
        path: String = "file.csv",
        key: String = Keys.first
    ) throws
        -> (text: String, problems: ProblemCollector)
    {
        var pseudonyms = BSNPseudonyms(key: try Keys.make(key))
        var problems = ProblemCollector(path: path)
        let bytes = Array(text.utf8)
        let output = try bytes.withUnsafeBufferPointer { buffer throws(InputError) -> [UInt8] in
            let header = try CSVPseudonymizer.header(of: buffer, path: path)
            let body = UnsafeBufferPointer(rebasing: buffer[header.bodyOffset...])
            return Array(buffer[0..<header.bodyOffset])
                + header.pseudonymizer.rewrite(
                    body,
                    firstLine: header.bodyLine,
                    pseudonyms: &pseudonyms,
                    problems: &problems
                )
        }
        return (String(decoding: output, as: UTF8.self), problems)
    }

    static func pseudonym(_ bsn: String, key: String = Keys.first) throws -> String {
        var pseudonyms = BSNPseudonyms(key: try Keys.make(key))
        let digits = pseudonyms.pseudonym(of: Array(bsn.utf8))
        return String(decoding: try #require(digits), as: UTF8.self)
    }
}

struct CSVPseudonymizerTests {
    @Test func replacesTheMemberAndItsRepetitionsAndNothingElse() throws {
        let a = try Rewrite.pseudonym("111222333")
        let b = try Rewrite.pseudonym("123456782")
        let input =
            "\u{FEFF}claim_id,member_id,regime,payer,provider,category,product,start_date,end_date,amount,debit_credit,corrects\r\n"
            + "Z-111222333-1,111222333,Zvw,3311,coop,huisarts,13003,2026-02-10,2026-02-10,120.00,D,\r\n"
            + "Z-111222333-2,\"111222333\",Zvw,3311,coop,huisarts,13003,2026-02-10,2026-02-10,20.00,C,Z-111222333-1\r\n"
            + "Z3,123456782,Zvw,3311,\"coop, Oost\",huisarts,111222333,2026-02-10,2026-02-10,120.00,D,\r\n"
            + "Z4,m0004,Zvw,3311,coop,huisarts,13003,2026-02-10,2026-02-10,120.00,D,\r\n"
        let (output, problems) = try Rewrite.csv(input)
        #expect(problems.isEmpty)
        let expected =
            "\u{FEFF}claim_id,member_id,regime,payer,provider,category,product,start_date,end_date,amount,debit_credit,corrects\r\n"
            + "Z-\(a)-1,\(a),Zvw,3311,coop,huisarts,13003,2026-02-10,2026-02-10,120.00,D,\r\n"
            + "Z-\(a)-2,\"\(a)\",Zvw,3311,coop,huisarts,13003,2026-02-10,2026-02-10,20.00,C,Z-\(a)-1\r\n"
            // The member's BSN is replaced in its references; the product code stays, though it is the
            // digits of another member, because a product is not a reference of the line.
            + "Z3,\(b),Zvw,3311,\"coop, Oost\",huisarts,111222333,2026-02-10,2026-02-10,120.00,D,\r\n"
            + "Z4,m0004,Zvw,3311,coop,huisarts,13003,2026-02-10,2026-02-10,120.00,D,\r\n"
        #expect(output == expected)
    }

    @Test func rewritesRostersAndEventsAndCopiesMeasures() throws {
        let a = try Rewrite.pseudonym("111222333")
        let roster = try Rewrite.csv(
            "member_id,birth_date,sex,postcode,municipality,insurer,enrolled_from,enrolled_to,death_date,markers\n"
                + "111222333,1940-01-01,F,7101,0294,3311,,,,\n"
        )
        #expect(roster.text.hasSuffix("\n\(a),1940-01-01,F,7101,0294,3311,,,,\n"))
        let events = try Rewrite.csv("member_id,indicator,date\n111222333,falls,2026-02-01\n")
        #expect(events.text == "member_id,indicator,date\n\(a),falls,2026-02-01\n")
        let measures = "indicator,value,respondents\ncontrol,75,120\n"
        #expect(try Rewrite.csv(measures).text == measures)
    }

    @Test func refusesWhatItCannotPseudonymise() throws {
        let header = "member_id,indicator,date\n"
        let (_, problems) = try Rewrite.csv(
            header + "NL111222333,falls,2026-02-01\n\"a\"b,falls,2026-02-01\n",
            path: "i.csv"
        )
        #expect(
            problems.error?.diagnostics.map(\.description) == [
                "i.csv:2: error: member_id holds nine digits in a row but is not a nine-digit BSN; write a BSN as exactly nine digits",
                "i.csv:3: error: the line is not valid CSV or has no member_id, so its member cannot be pseudonymised; fix or remove it first",
            ]
        )
        let error = #expect(throws: InputError.self) { try Rewrite.csv("name,bsn\nx,111222333\n") }
        #expect(
            error?.diagnostics.map(\.description) == [
                "file.csv:1: error: the header is not that of a roster, a claims file or an indicator file of the project's CSV, so the file's members cannot be found"
            ]
        )
    }
}

/// Files in the native formats, written by the formats' writers.
enum NativeSample {
    static func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    static func line(
        _ reference: String,
        _ member: String,
        _ amount: Int64,
        corrects: String? = nil
    ) throws
        -> ClaimLine
    {
        ClaimLine(
            claimID: reference,
            member: MemberID(member),
            regime: .wlz,
            payer: "9664",
            provider: "47470001",
            category: "055",
            product: "Z754",
            service: try #require(DatePeriod(start: date("2026-03-01"), end: date("2026-03-31"))),
            amount: Cents(amount),
            side: corrects == nil ? .debit : .credit,
            corrects: corrects,
            careProfile: "754",
            volume: ClaimLine.Volume(count: 31, unit: "14"),
            source: LineSource(file: 0, line: 0)
        )
    }

    /// Header, a person with a debit and a credit whose references hold the BSN, a comment, trailer.
    static func aw319(name: String = "Brünink") throws -> [UInt8] {
        var bytes: [UInt8] = []
        var writer = AW319Writer()
        let period = try #require(DatePeriod(start: date("2026-03-01"), end: date("2026-03-31")))
        try writer.header(
            AW319Header(
                messageCode: 187,
                uzovi: "9664",
                institution: "47470001",
                period: period,
                invoiceNumber: "F1",
                invoiceDate: date("2026-04-01")
            ),
            into: &bytes
        )
        let bsn = try #require(BSN(utf8: "111222333".utf8))
        try writer.person(
            AW319Person(
                bsn: bsn,
                uzovi: "9664",
                birthDate: date("1938-05-17"),
                sex: .female,
                name: name,
                initials: "M",
                address: .netherlands(postcode: "7101AB", houseNumber: 12),
                indication: AW319Person.Indication(body: "0901", client: "C1", request: 11, decision: 12)
            ),
            into: &bytes
        )
        try writer.claim(line("W-111222333-1", "111222333", 620_000), into: &bytes)
        try writer.claim(line("W-111222333-2", "111222333", 20_000, corrects: "W-111222333-1"), into: &bytes)
        try writer.comment("Mevrouw Brünink, kamer 12", into: &bytes)
        try writer.trailer(into: &bytes)
        return bytes
    }

    static func rewriteAW319(_ bytes: [UInt8]) throws -> (bytes: [UInt8], problems: ProblemCollector) {
        var pseudonyms = BSNPseudonyms(key: try Keys.make(Keys.first))
        var problems = ProblemCollector(path: "f")
        let output = bytes.withUnsafeBufferPointer {
            AW319Pseudonymizer.rewrite($0, firstRecord: 1, pseudonyms: &pseudonyms, problems: &problems)
        }
        return (output, problems)
    }

    /// Parses a whole AW319 file in one chunk.
    static func parseAW319(_ bytes: [UInt8]) throws -> [ClaimLine] {
        try bytes.withUnsafeBufferPointer { buffer in
            let (parser, offset, line) = try AW319Parser.header(of: buffer, path: "f", file: 0)
            var lines: [ClaimLine] = []
            let tally = parser.parse(UnsafeBufferPointer(rebasing: buffer[offset...]), firstRecord: line, insured: nil)
            {
                if case .line(let claim) = $0 { lines.append(claim) }
            }
            try parser.check(tally)
            return lines
        }
    }
}

struct AW319PseudonymizerTests {
    /// `text` space-padded to the length of `field`.
    static func padded(_ text: String, _ field: Int) -> String {
        text + String(repeating: " ", count: AW319Layout.field(field).length - text.count)
    }

    /// `record` with `value` written over `field` (padded to its length).
    private static func replacing(_ field: Int, with value: String, in record: String) -> String {
        let field = AW319Layout.field(field)
        var characters = Array(record)
        let padded = Array(value) + Array(repeating: Character(" "), count: max(0, field.length - value.count))
        characters.replaceSubrange(field.offsets, with: padded)
        return String(characters)
    }

    @Test func replacesTheBSNAndRemovesTheOtherIdentifiers() throws {
        // The writer leaves the optional identifiers empty: fill them as a provider's software would.
        var filled = String(decoding: try NativeSample.aw319(), as: UTF8.self).split(separator: "\r\n").map(String.init)
        let personal: [(Int, String)] = [
            (205, "VZ111222333"), (206, "P4711"), (211, "van"), (213, "Jansen"), (214, "de"), (217, "7101AB"),
            (218, "D-46395"), (219, "00012"), (220, "bis"), (222, "DEB9"), (225, "CIZ-111222333"),
        ]
        for (field, value) in personal { filled[1] = Self.replacing(field, with: value, in: filled[1]) }
        for (field, value) in [
            (405, "VZ111222333"), (406, "M-111222333"), (409, "C9"), (410, "000000123"), (411, "000000456"),
        ] {
            filled[2] = Self.replacing(field, with: value, in: filled[2])
        }
        let original = Array((filled.joined(separator: "\r\n") + "\r\n").utf8)
        let (output, problems) = try NativeSample.rewriteAW319(original)
        #expect(problems.isEmpty)
        let a = try Rewrite.pseudonym("111222333")
        let text = String(decoding: output, as: UTF8.self)
        let records = text.split(separator: "\r\n")
        #expect(records.allSatisfy { $0.count == 310 })
        #expect(!text.contains("111222333") && !text.contains("Brünink"))
        #expect(records[1].contains("PSEUDONIEM"))
        // What the table wants filled keeps a value of its form that names no one; the rest is emptied.
        let replaced = [217: "7101SS", 225: "PSEUDONIEM"]
        for (field, _) in personal {
            let kept = String(Array(records[1])[AW319Layout.field(field).offsets])
            let emptied = AW319Layout.field(field).kind == .numeric ? "0" : " "
            let expected = replaced[field].map { AW319PseudonymizerTests.padded($0, field) }
            #expect(
                kept == expected ?? String(repeating: emptied, count: AW319Layout.field(field).length),
                "field \(field)"
            )
        }
        let claim = Array(records[2])
        #expect(String(claim[AW319Layout.field(405).offsets]).allSatisfy { $0 == " " })
        #expect(String(claim[AW319Layout.field(409).offsets]) == Self.padded("PSEUDONIEM", 409))
        #expect(String(claim[AW319Layout.field(410).offsets]) == "999999999")
        #expect(String(claim[AW319Layout.field(411).offsets]) == "999999999")
        #expect(String(claim[AW319Layout.field(406).offsets]).hasPrefix("M-\(a)"))
        #expect(records[4].contains("(removed)"))
        // The header and the trailer are untouched, so counts and total still match.
        #expect(records[0] == String(decoding: original, as: UTF8.self).split(separator: "\r\n")[0])
        #expect(records[5] == String(decoding: original, as: UTF8.self).split(separator: "\r\n")[5])
        // The claims read back as before, under the pseudonym, with their references pseudonymised too.
        let before = try NativeSample.parseAW319(original)
        let after = try NativeSample.parseAW319(output)
        #expect(after.map(\.member.rawValue) == [a, a])
        #expect(after.map(\.claimID) == ["W-\(a)-1", "W-\(a)-2"])
        #expect(after.map(\.corrects) == [nil, "W-\(a)-1"])
        #expect(after.map(\.amount) == before.map(\.amount))
        #expect(after.map(\.careProfile) == before.map(\.careProfile))
    }

    /// A partner's name that field 212 says is used stays filled, as the table wants, but names no one.
    @Test func replacesAPartnersNameInUse() throws {
        var records = String(decoding: try NativeSample.aw319(), as: UTF8.self).split(separator: "\r\n").map(
            String.init
        )
        records[1] = Self.replacing(212, with: "2", in: Self.replacing(213, with: "Jansen", in: records[1]))
        let (output, problems) = try NativeSample.rewriteAW319(Array((records.joined(separator: "\r\n") + "\r\n").utf8))
        #expect(problems.isEmpty)
        let person = Array(String(decoding: output, as: UTF8.self).split(separator: "\r\n")[1])
        #expect(String(person[AW319Layout.field(213).offsets]) == Self.padded("PSEUDONIEM", 213))
        #expect(String(person[AW319Layout.field(212).offsets]) == "2")
    }

    @Test func keepsAByteOrderMark() throws {
        let original = [0xEF, 0xBB, 0xBF] + (try NativeSample.aw319())
        let (output, problems) = try NativeSample.rewriteAW319(original)
        #expect(problems.isEmpty)
        #expect(output.starts(with: [0xEF, 0xBB, 0xBF]))
        #expect(
            try NativeSample.parseAW319(output).map(\.member.rawValue)
                == Array(repeating: try Rewrite.pseudonym("111222333"), count: 2)
        )
    }

    @Test func refusesRecordsWhoseFieldsCannotBeFound() throws {
        var records = String(decoding: try NativeSample.aw319(), as: UTF8.self).split(separator: "\r\n").map(
            String.init
        )
        records[2] = String(records[2].dropLast())
        records.insert("07" + String(repeating: " ", count: 308), at: 3)
        let (_, problems) = try NativeSample.rewriteAW319(Array((records.joined(separator: "\r\n") + "\r\n").utf8))
        #expect(
            problems.error?.diagnostics.map(\.description) == [
                "f:3: error: record 04 is 309 characters long, not 310, so its fields cannot be found",
                "f:4: error: an unknown record kind '07'; only AW319 records can be pseudonymised",
            ]
        )
    }
}

struct WMO323PseudonymizerTests {
    @Test func replacesEveryBsnAndKeepsTheMessageValid() throws {
        var first = try NativeSample.line("WMO-111222333-1", "111222333", 42_000)
        first.regime = .wmo
        first.payer = "0294"
        first.category = "01"
        first.product = "01A03"
        first.volume = ClaimLine.Volume(count: 12, unit: "04")
        first.careProfile = nil
        // A credit of a line of an earlier message: its own and its previous reference hold the BSN too.
        var credit = first
        credit.claimID = "WMO-111222333-0C"
        credit.side = .credit
        credit.corrects = "WMO-111222333-0"
        credit.amount = Cents(3_500)
        credit.volume = ClaimLine.Volume(count: 1, unit: "04")
        var second = first
        second.claimID = "WMO-2"
        second.member = "123456782"
        let header = WMO323Header(
            sender: "",
            receiver: "",
            identification: "B1",
            messageDate: "2026-04-02",
            declarationNumber: "D1",
            periodStart: "2026-03-01",
            periodEnd: "2026-03-31",
            declarationDate: "2026-04-02",
            totalAmount: "",
            totalSide: ""
        )
        // The assignment number is the BSN as well.
        let message = try WMO323Writer.message([first, credit, second], header: header) { $0.member.rawValue }
        var pseudonyms = BSNPseudonyms(key: try Keys.make(Keys.first))
        var offset = 0
        var output: [UInt8] = []
        try WMO323Pseudonymizer.rewrite(
            path: "m.xml",
            pseudonyms: &pseudonyms,
            next: { () throws(InputError) -> [UInt8]? in
                guard offset < message.count else { return nil }
                defer { offset = message.count }
                return message
            },
            write: { (bytes) throws(InputError) in output += bytes }
        )
        let text = String(decoding: output, as: UTF8.self)
        let a = try Rewrite.pseudonym("111222333")
        let b = try Rewrite.pseudonym("123456782")
        #expect(!text.contains("111222333") && !text.contains("123456782"))
        #expect(text.contains("<wmo323:Bsn>\(a)</wmo323:Bsn>") && text.contains("<wmo323:Bsn>\(b)</wmo323:Bsn>"))
        #expect(text.contains("<iwmo:ReferentieNummer>WMO-\(a)-1</iwmo:ReferentieNummer>"))
        #expect(text.contains("<iwmo:VorigReferentieNummer>WMO-\(a)-0</iwmo:VorigReferentieNummer>"))
        #expect(text.contains("<wmo323:ToewijzingNummer>\(a)</wmo323:ToewijzingNummer>"))
        #expect(text.contains("<wmo323:ToewijzingNummer>\(b)</wmo323:ToewijzingNummer>"))
        // Everything else is as written: the same message but for the numbers.
        #expect(
            text
                == String(decoding: message, as: UTF8.self).replacing("111222333", with: a)
                .replacing("123456782", with: b)
        )
    }
}
