import CapitationCore
import ClaimFormats
import Testing

struct RosterReaderTests {
    private let header =
        "member_id,birth_date,sex,postcode,municipality,insurer,enrolled_from,enrolled_to,death_date,markers\n"

    @Test func readsMembers() throws {
        let members = try RosterReader.read(
            Array(
                (header
                    + "M1,1948-03-10,F,7101 AB,0294,3311,,2026-09-30,,dementia;frailty-high\nM2,1940-07-22,X,7102,,,,,2026-03-31,\n")
                    .utf8
            ),
            path: "population.csv"
        )
        #expect(members.map(\.id) == ["M1", "M2"])
        #expect(members[0].postcode == 7101)
        #expect(members[0].municipality == "0294")
        #expect(members[0].insurer == "3311")
        #expect(members[0].enrolledTo == (try CalendarDate(parsing: "2026-09-30")))
        #expect(members[0].markers == ["dementia", "frailty-high"])
        let death = try CalendarDate(parsing: "2026-03-31")
        #expect(members[1].sex == .unspecified)
        #expect(members[1].deathDate == death)
        #expect(members[1].markers.isEmpty && members[1].municipality == nil)
    }

    /// Markers are separated by the Character ';': one followed by a combining mark is one Character with
    /// it and separates nothing, so the marker quoted in the problem is the whole text.
    @Test func splitsMarkersAtTheCharacterSemicolon() {
        let error = #expect(throws: InputError.self) {
            try RosterReader.read(
                Array((header + "M1,1948-03-10,F,7101,,,,,,dementia;\u{301}x\n").utf8),
                path: "population.csv"
            )
        }
        #expect(
            error?.diagnostics.map(\.description) == [
                "population.csv:2: error: column markers: 'dementia;\u{301}x' is not a marker id (markers are separated by ';')"
            ]
        )
    }

    /// A roster names each member by their own number: the dummy BSN of a person without one is no one's.
    @Test func refusesTheDummyBSN() {
        let error = #expect(throws: InputError.self) {
            try RosterReader.read(Array((header + "999999999,1948-03-10,F,7101,,,,,,\n").utf8), path: "population.csv")
        }
        #expect(error?.diagnostics.map(\.description).first?.contains("is the dummy BSN 999999999") == true)
    }

    /// Every problem is reported with its line and column, and nothing is read from a roster with problems.
    @Test func reportsEveryProblemWithItsLineAndColumn() {
        let text =
            header
            + "M1,1948-02-30,F,7101AB,0294,3311,,,,\n"
            + "M2,1940-07-22,V,71,294,33110,,,,dementia;;x\n"
            + "M1,1940-07-22,M,7101,0294,3311,2026-05-01,2026-04-01,1930-01-01,\n"
            + "M4,1940-07-22,M\n"
            + "123456789,1940-07-22,M,7101,0294,3311,,,,\n"
        let error = #expect(throws: InputError.self) { try RosterReader.read(Array(text.utf8), path: "population.csv") }
        #expect(
            error?.diagnostics.map(\.description) == [
                "population.csv:2: error: column birth_date: '1948-02-30' is not a day of the calendar",
                "population.csv:3: error: column sex: 'V' is not one of F, M, X",
                "population.csv:3: error: column postcode: '71' is not a Dutch postcode (1234AB, 1234 AB or 1234)",
                "population.csv:3: error: column municipality: '294' is not a four-digit code",
                "population.csv:3: error: column insurer: '33110' is not a four-digit code",
                "population.csv:3: error: column markers: '' is not a marker id (markers are separated by ';')",
                "population.csv:4: error: enrolled_to 2026-04-01 is before enrolled_from 2026-05-01",
                "population.csv:4: error: death_date 1930-01-01 is before birth_date 1940-07-22",
                "population.csv:4: error: member_id is already on line 2",
                "population.csv:5: error: the line has 3 fields; the header has 10",
                "population.csv:6: error: column member_id is nine digits but fails the elfproef, so it is not a valid BSN",
            ]
        )
    }

    @Test(arguments: [
        (
            "",
            [
                "population.csv: error: the file is empty; expected the header member_id,birth_date,sex,postcode,municipality,insurer,enrolled_from,enrolled_to,death_date,markers"
            ]
        ),
        (
            "member_id,birth_date,Sex,postcode,municipality,insurer,enrolled_from,enrolled_to,death_date,markers,extra\n",
            [
                "population.csv:1: error: header: column sex is missing (found 'Sex'; names are case-sensitive)",
                "population.csv:1: error: header: column Sex is not one of member_id,birth_date,sex,postcode,municipality,insurer,enrolled_from,enrolled_to,death_date,markers",
                "population.csv:1: error: header: column extra is not one of member_id,birth_date,sex,postcode,municipality,insurer,enrolled_from,enrolled_to,death_date,markers",
            ]
        ),
    ])
    func refusesAFileWithoutTheRightHeader(text: String, expected: [String]) {
        let error = #expect(throws: InputError.self) { try RosterReader.read(Array(text.utf8), path: "population.csv") }
        #expect(error?.diagnostics.map(\.description) == expected)
    }

    @Test func limitsTheNumberOfReportedProblems() {
        let text = header + String(repeating: "M,bad,F,,,,,,,\n", count: 150)
        let error = #expect(throws: InputError.self) { try RosterReader.read(Array(text.utf8), path: "p.csv") }
        #expect(error?.diagnostics.count == InputError.limit)
        #expect(error?.omitted == 199)
    }
}

struct ClaimsCSVParserTests {
    private let header =
        "claim_id,member_id,regime,payer,provider,category,product,start_date,end_date,amount,debit_credit,corrects\n"

    private func parse(_ body: String) throws -> [ParsedClaim] {
        let bytes = Array((header + body).utf8)
        return try bytes.withUnsafeBufferPointer { buffer throws(InputError) in
            let (parser, offset, line) = try ClaimsCSVParser.header(of: buffer, path: "claims.csv", file: 3)
            var result: [ParsedClaim] = []
            parser.parse(UnsafeBufferPointer(rebasing: buffer[offset...]), firstLine: line) { result.append($0) }
            return result
        }
    }

    @Test func readsALineExactly() throws {
        let parsed = try parse("Z1,M1,Zvw,insurer-a,coop,wijkverpleging,WV01,2026-03-01,2026-03-31,1234.5,C,Z0\n")
        guard case .line(let line) = parsed.first else {
            Issue.record("not a line: \(parsed)")
            return
        }
        #expect(line.claimID == "Z1" && line.member == "M1" && line.regime == .zvw && line.provider == "coop")
        #expect(line.amount == Cents(123_450))
        #expect(line.side == .credit && line.corrects == "Z0")
        #expect(line.signedAmount == Cents(-123_450))
        #expect(line.service.dayCount == 31)
        #expect(line.source == LineSource(file: 3, line: 2))
    }

    /// Lines of plain ASCII are read straight from their bytes, the others (doubled quotes, other UTF-8
    /// text, a valid BSN) field by field; both give the same lines, and the record handed over holds the
    /// very texts of the file.
    @Test func readsPlainAndUnusualLinesAlike() throws {
        let body = """
            Z1,M1,Zvw,insurer-a,coop,wijkverpleging,WV01,2026-03-01,2026-03-31,12.50,D,
            "Z1",M1,Zvw,insurer-a,"coop",wijkverpleging,WV01,2026-03-01,2026-03-31,12.5,D,
            "Z""1",M1,Zvw,insurer-a,coöp,wijkverpleging,WV01,2026-03-01,2026-03-31,12.50,D,
            Z1,123456782,Zvw,insurer-a,coop,wijkverpleging,WV01,2026-03-01,2026-03-31,12.50,C,Z0

            """
        let lines = try parse(body).map { parsed -> ClaimLine? in
            guard case .line(let line) = parsed else { return nil }
            return line
        }
        #expect(lines.count == 4 && lines.allSatisfy { $0 != nil })
        let expected = ClaimLine(
            claimID: "Z1",
            member: "M1",
            regime: .zvw,
            payer: "insurer-a",
            provider: "coop",
            category: "wijkverpleging",
            product: "WV01",
            service: try #require(lines[0]?.service),
            amount: Cents(1_250),
            side: .debit,
            source: LineSource(file: 3, line: 2)
        )
        #expect(lines[0] == expected)
        var second = expected
        second.source.line = 3
        #expect(lines[1] == second)
        #expect(lines[2]?.claimID == "Z\"1" && lines[2]?.provider == "coöp")
        #expect(lines[3]?.member == "123456782" && lines[3]?.side == .credit && lines[3]?.corrects == "Z0")

        // The records handed over: the same lines, texts as the file's bytes.
        let bytes = Array((header + body).utf8)
        var records: [ClaimLine] = []
        var others = 0
        try bytes.withUnsafeBufferPointer { buffer throws(InputError) in
            let (parser, offset, line) = try ClaimsCSVParser.header(of: buffer, path: "claims.csv", file: 3)
            parser.parse(
                UnsafeBufferPointer(rebasing: buffer[offset...]),
                firstLine: line,
                record: { records.append($0.line) },
                invalid: { _ in others += 1 }
            )
        }
        #expect(others == 0)
        #expect(records == lines.compactMap { $0 })
    }

    /// Each malformed line is rejected as invalid with every problem spelt out, never guessed at.
    @Test(arguments: [
        (
            "Z1,M1,Zvw,a,p,c,x,2026-03-01,2026-03-31,12.345,D,",
            "column amount: '12.345' is not an amount in euros (e.g. 1234.50): more than 2 digits after the decimal point"
        ),
        (
            "Z1,M1,Zvw,a,p,c,x,2026-03-01,2026-03-31,-5.00,D,",
            "column amount: -5.00 is negative; write the amount without a sign and debit_credit C for a credit"
        ),
        ("Z1,M1,ZVW,a,p,c,x,2026-03-01,2026-03-31,5.00,D,", "column regime: 'ZVW' is not one of Zvw, Wmo, Wlz"),
        ("Z1,M1,Zvw,a,p,c,x,2026-03-31,2026-03-01,5.00,D,", "end_date 2026-03-01 is before start_date 2026-03-31"),
        (
            "Z1,M1,Zvw,a,p,c,x,2026-03-01,2026-03-31,5.00,C,",
            "a credit (debit_credit C) must name the line it corrects in column corrects"
        ),
        ("Z1,M1,Zvw,a,p,c,x,2026-03-01,2026-03-31,5.00,D,Z0", "a debit names no corrected line, but corrects is 'Z0'"),
        ("Z1,M1,Zvw,a,p,c,x,2026-03-01,2026-03-31,5.00,X,", "column debit_credit: 'X' is not one of D, C"),
        (",M1,Zvw,a,p,c,x,2026-03-01,2026-03-31,5.00,D,", "column claim_id is empty"),
        (
            "Z1,M1,Zvw,a,p,c,x,01-03-2026,2026-03-31,5.00,D,",
            "column start_date: '01-03-2026' is written day first; dates are written year first, YYYY-MM-DD, as in 2026-03-01"
        ),
        ("Z1,M1,Zvw,a,p,c,x,2026-03-01,2026-03-31,5.00,D,,extra", "the line has 13 fields; the header has 12"),
        (
            "Z1,M1,Zvw,a,p,c\u{1B}]0;x\u{7},x,2026-03-01,2026-03-31,5.00,D,",
            "column category holds the control character \\u{1B}"
        ),
        (
            "Z1,M1,Zvw,a,p,c,x,2026-03-01,2026-03-31,1450,00,D,",
            "the line has 13 fields; the header has 12; the amount seems to be written with a decimal comma "
                + "('1450,00'), which splits it into two fields: write a decimal point, as in 1450.00"
        ),
        (
            "Z1,M\"1\",Zvw",
            "not valid CSV: a quote inside an unquoted field (column 2); quote the whole field and double the quote"
        ),
        ("Z1,\"M\"1,Zvw", "not valid CSV: text after the closing quote of column 2"),
        (
            "Z1,123456789,Zvw,a,p,c,x,2026-03-01,2026-03-31,5.00,D,",
            "column member_id is nine digits but fails the elfproef, so it is not a valid BSN"
        ),
    ])
    func rejectsMalformedLinesWithTheirReason(body: String, detail: String) throws {
        let parsed = try parse(body + "\n")
        guard case .invalid(let rejected) = parsed.first else {
            Issue.record("accepted: \(parsed)")
            return
        }
        #expect(rejected.reason == .invalid)
        #expect(rejected.detail == detail)
        #expect(rejected.source.line == 2)
    }

    /// The optional column received_date, in any position, gives each line the day the financier received
    /// it: read alike by the fast path (plain records) and the scanner (a quoted field); empty when not known.
    @Test func readsTheDayOfReceiptWhenTheFileHasTheColumn() throws {
        let header =
            "received_date,claim_id,member_id,regime,payer,provider,category,product,start_date,end_date,amount,"
            + "debit_credit,corrects\n"
        let body = [
            "2026-04-12,Z1,M1,Zvw,a,p,c,x,2026-03-01,2026-03-31,5.00,D,",
            "\"2026-05-12\",Z2,M1,Zvw,a,p,c,x,2026-03-01,2026-03-31,5.00,D,",
            ",Z3,M1,Zvw,a,p,c,x,2026-03-01,2026-03-31,5.00,D,",
            "2026-04-31,Z4,M1,Zvw,a,p,c,x,2026-03-01,2026-03-31,5.00,D,",
        ]
        let bytes = Array((header + body.joined(separator: "\n") + "\n").utf8)
        let parsed = try bytes.withUnsafeBufferPointer { buffer throws(InputError) in
            let (parser, offset, line) = try ClaimsCSVParser.header(of: buffer, path: "claims.csv", file: 0)
            var result: [ParsedClaim] = []
            parser.parse(UnsafeBufferPointer(rebasing: buffer[offset...]), firstLine: line) { result.append($0) }
            return result
        }
        let received = parsed.map { claim -> String in
            switch claim {
            case .line(let line): line.received?.description ?? "none"
            case .invalid(let rejected): rejected.detail
            }
        }
        #expect(
            received == [
                "2026-04-12", "2026-05-12", "none",
                "column received_date: '2026-04-31' is not a day of the calendar",
            ]
        )
        // Without the column, no line says.
        guard case .line(let line) = try parse("Z1,M1,Zvw,a,p,c,x,2026-03-01,2026-03-31,5.00,D,\n").first else {
            Issue.record("not a line")
            return
        }
        #expect(line.received == nil)
    }

    /// A line cut short still names its claim, and its member is kept to redact it, never shown.
    @Test func aLineCutShortKeepsItsClaimID() throws {
        let parsed = try parse("Z7,123456782,Zvw\n")
        guard case .invalid(let rejected) = parsed.first else {
            Issue.record("accepted: \(parsed)")
            return
        }
        #expect(rejected.claimID == "Z7")
        #expect(rejected.member == "123456782")
        #expect(rejected.detail == "the line has 3 fields; the header has 12")
    }

    /// Text that is not UTF-8 is noted with its line, column and bytes, for the file to be refused whole.
    @Test func notesFieldsThatAreNotUTF8() throws {
        // "coöp" in ISO 8859-1: ö is the single byte 0xF6; the second such line is counted, not kept.
        let line = Array("Z1,M1,Zvw,a,co".utf8) + [0xF6] + Array("p,c,x,2026-03-01,2026-03-31,5.00,D,\n".utf8)
        let bytes = Array(header.utf8) + line + line
        let undecodable = try bytes.withUnsafeBufferPointer { buffer throws(InputError) in
            let (parser, offset, first) = try ClaimsCSVParser.header(of: buffer, path: "claims.csv", file: 3)
            return parser.parse(UnsafeBufferPointer(rebasing: buffer[offset...]), firstLine: first) { _ in }
        }
        #expect(undecodable.lines == 2)
        #expect(undecodable.first?.line == 2)
        #expect(undecodable.first?.column == "provider")
        #expect(undecodable.first?.bytes == [0x63, 0x6F, 0xF6, 0x70])
        #expect(
            undecodable.diagnostic(path: "claims.csv")?.description
                == "claims.csv:2: error: the file is not UTF-8 text: column provider holds byte 0xF6, which UTF-8 "
                + "does not allow there (the first of 2 such lines); it seems to be ISO 8859-1 or Windows-1252 "
                + "(byte 0xF6 is 'ö' there, where the value reads 'coöp'). Save the file as UTF-8 and settle again: "
                + "a file in another encoding is refused as a whole, never read line by line"
        )
    }

    @Test func refusesAClaimFileWithoutTheClaimColumns() {
        let bytes = Array("claim,member\n1,2\n".utf8)
        let error = #expect(throws: InputError.self) {
            try bytes.withUnsafeBufferPointer { buffer throws(InputError) in
                _ = try ClaimsCSVParser.header(of: buffer, path: "x.csv", file: 0)
            }
        }
        #expect(
            error?.diagnostics.map(\.description) == [
                "x.csv:1: error: header: the first line ('claim,member') names none of the columns claim_id,member_id,regime,payer,provider,category,product,start_date,end_date,amount,debit_credit,corrects"
            ]
        )
    }
}

struct IndicatorsReaderTests {
    @Test func readsEventsAndMeasures() throws {
        guard
            case .events(let events, let noEvents) = try IndicatorsReader.read(
                Array("member_id,indicator,date\nM1,falls,2026-02-01\n".utf8),
                path: "i.csv"
            )
        else {
            Issue.record("not events")
            return
        }
        #expect(
            events == [
                IndicatorEvent(member: "M1", indicator: "falls", date: try CalendarDate(parsing: "2026-02-01"), line: 2)
            ]
        )
        #expect(noEvents.isEmpty)
        guard
            case .measures(let measures) = try IndicatorsReader.read(
                Array("indicator,value,respondents\ncontrol,71.5,30\n".utf8),
                path: "s.csv"
            )
        else {
            Issue.record("not measures")
            return
        }
        #expect(
            measures == [
                IndicatorMeasure(
                    indicator: "control",
                    value: try ExactDecimal(parsing: "71.5"),
                    respondents: 30,
                    line: 2
                )
            ]
        )
    }

    @Test func readsEventsWhoseHeaderHasSpaces() throws {
        let file = try IndicatorsReader.read(
            Array(" member_id , indicator,date\nM1,falls,2026-02-01\n".utf8),
            path: "i.csv"
        )
        guard case .events(let events, _) = file else {
            Issue.record("not events: \(file)")
            return
        }
        #expect(events.map(\.member) == ["M1"])
    }

    // A row with an empty member_id and the date `none` declares that an indicator was measured and had
    // no events; it sits among other indicators' events, and its own indicator has none of them.
    @Test func readsADeclarationOfNoEvents() throws {
        let file = try IndicatorsReader.read(
            Array("member_id,indicator,date\nM1,falls,2026-02-01\n,wlz-inflow,none\nM2,falls,2026-03-01\n".utf8),
            path: "i.csv"
        )
        guard case .events(let events, let noEvents) = file else {
            Issue.record("not events: \(file)")
            return
        }
        #expect(events.map(\.line) == [2, 4])
        #expect(noEvents == [IndicatorNoEvents(indicator: "wlz-inflow", line: 3)])
    }

    // A declaration of no events is refused where it is half written: a member with the date none, or no
    // member and no date. (Whether it holds against the events of all files is the runner's check.)
    @Test func refusesAHalfWrittenDeclarationOfNoEvents() {
        let error = #expect(throws: InputError.self) {
            try IndicatorsReader.read(
                Array(
                    "member_id,indicator,date\n,falls,none\nM1,falls,2026-02-01\nM2,wlz-inflow,none\n,wlz-inflow,\n"
                        .utf8
                ),
                path: "i.csv"
            )
        }
        #expect(
            error?.diagnostics.map(\.description) == [
                "i.csv:4: error: column date: 'none' declares that the indicator had no events, which a row of a member cannot; leave member_id empty",
                "i.csv:5: error: column member_id is empty",
                "i.csv:5: error: column date is empty",
            ]
        )
    }

    @Test func refusesAnEventOfABrokenBSN() {
        let error = #expect(throws: InputError.self) {
            try IndicatorsReader.read(
                Array("member_id,indicator,date\n111222334,falls,2026-02-01\n".utf8),
                path: "i.csv"
            )
        }
        #expect(
            error?.diagnostics.map(\.description) == [
                "i.csv:2: error: column member_id is nine digits but fails the elfproef, so it is not a valid BSN"
            ]
        )
    }

    @Test func reportsEveryProblem() {
        let error = #expect(throws: InputError.self) {
            try IndicatorsReader.read(
                Array("indicator,value,respondents\ncontrol,seventy,0\n,1,1\n".utf8),
                path: "s.csv"
            )
        }
        #expect(
            error?.diagnostics.map(\.description) == [
                "s.csv:2: error: column value: 'seventy' is not a decimal number: unexpected 's' at position 1",
                "s.csv:2: error: column respondents: '0' is not a whole number of at least 1",
                "s.csv:3: error: column indicator is empty",
            ]
        )
    }
}
