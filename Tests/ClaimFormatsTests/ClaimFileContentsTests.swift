import CapitationCore
import ClaimFormats
import Testing

/// Reading a whole claim file in blocks, as a settlement does: the same lines, notes or refusal whatever the
/// block size, each format by its own reader behind one protocol.
struct ClaimFileContentsTests {
    private static let header =
        "claim_id,member_id,regime,payer,provider,category,product,start_date,end_date,amount,debit_credit,corrects\r\n"

    /// A CSV body with CR LF line ends, a quoted field holding a line end and a doubled quote, a line that
    /// cannot be read, a credit and a last line without a line end.
    private static let body =
        "Z1,M1,Zvw,insurer-a,coop,wijkverpleging,WV01,2026-03-01,2026-03-31,12.50,D,\r\n"
        + "\"Z\"\"2\",M2,Wmo,0363,\"zorg\r\nthuis\",hh,HH01,2026-03-01,2026-03-31,80.00,D,\r\n"
        + "Z3,M3,Zvw,insurer-a,coop,wijkverpleging,WV01,2026-03-01,2026-02-28,1.00,D,\r\n"
        + "Z4,M1,Zvw,insurer-a,coop,wijkverpleging,WV01,2026-03-01,2026-03-31,12.50,C,Z1"

    private func read(
        _ text: String,
        as format: ClaimFileFormat? = nil,
        blockBytes: Int
    ) throws(InputError) -> ClaimFileContents {
        try ClaimFileContents(
            reading: Array(text.utf8),
            as: format,
            path: "claims.csv",
            file: 2,
            blockBytes: blockBytes
        )
    }

    private func describe(_ contents: ClaimFileContents) -> [String] {
        contents.claims.map { "\($0)" } + contents.notes.map(\.message)
    }

    /// Blocks of every size from one byte to the whole file split records anywhere, inside quotes and between
    /// CR and LF; the chunks then end only where records end, and each line keeps its number.
    @Test func readsCSVTheSameInBlocksOfAnySize() throws {
        let text = Self.header + Self.body
        let whole = try read(text, blockBytes: text.utf8.count)
        #expect(whole.format == .capitationCSV)
        #expect(whole.notes == [])
        let sources = whole.claims.map { claim -> (Int, Bool) in
            switch claim {
            case .line(let line): (line.source.line, true)
            case .invalid(let line): (line.source.line, false)
            }
        }
        // The record on line 3 holds a line end inside quotes (a control character no text may hold, so it
        // is rejected, its reference read), and the record after it starts on line 5; the one on line 5
        // ends before it starts.
        #expect(sources.map(\.0) == [2, 3, 5, 6])
        #expect(sources.map(\.1) == [true, false, false, true])
        guard case .invalid(let quoted) = whole.claims[1] else { return }
        #expect(quoted.claimID == "Z\"2" && quoted.detail.contains("provider"))
        for size in 1..<text.utf8.count {
            #expect(describe(try read(text, blockBytes: size)) == describe(whole), "blocks of \(size)")
        }
    }

    /// The chunker hands over complete records only, each with the line it starts on, and holds back a
    /// record cut by a block's end until the next block completes it.
    @Test func chunksEndWhereRecordsEnd() throws {
        let bytes = Array((Self.header + Self.body).utf8)
        var chunks: [(firstLine: Int, text: String)] = []
        let parser = try RecordChunker<ClaimsCSVParser>.forEachChunk(
            of: bytes,
            blockBytes: 40,
            path: "claims.csv",
            file: 2
        ) { chunks.append(($0.firstLine, String(decoding: $0.bytes, as: UTF8.self))) }
        #expect(parser?.path == "claims.csv")
        #expect(chunks.map(\.text).joined() == Self.body)
        for chunk in chunks.dropLast() { #expect(chunk.text.hasSuffix("\r\n")) }
        // Each chunk starts on the line after the line ends of the chunks before it.
        var line = 2
        for chunk in chunks {
            #expect(chunk.firstLine == line)
            line += chunk.text.count(where: { $0 == "\r\n" || $0 == "\n" })
        }
        #expect(chunks.count > 3)
    }

    /// A file whose header is not the claims' is refused with where it went wrong and what claim files can
    /// be, however it is split.
    @Test(arguments: [1, 5, 1 << 20])
    func refusesAFileThatIsNoClaimFile(blockBytes: Int) {
        let error = #expect(throws: InputError.self) {
            try read("member_id,birth_date\nM1,1940-01-01\n", blockBytes: blockBytes)
        }
        let messages = error?.diagnostics.map(\.description) ?? []
        #expect(messages.first?.hasPrefix("claims.csv:1: error: header:") == true)
        #expect(
            messages.last
                == "claims.csv: note: claim files are the project's CSV, Vektis AW319 (starting with record 01) or iWmo WMO323 messages (XML); this file was read as CSV"
        )
    }

    /// A field that is not UTF-8 refuses the file as a whole, at its first line, once every chunk is read.
    @Test(arguments: [1, 7, 1 << 20])
    func refusesAFileInAnotherEncoding(blockBytes: Int) {
        var bytes = Array((Self.header + Self.body + "\r\n").utf8)
        bytes +=
            Array("Z5,M5,Wmo,0363,".utf8) + [0x63, 0x6F, 0xF6, 0x70]
            + Array(",hh,HH01,2026-03-01,2026-03-31,1.00,D,\r\n".utf8)
        bytes += Array("Z6,M6,Wmo,0363,".utf8) + [0xE9] + Array(",hh,HH01,2026-03-01,2026-03-31,1.00,D,\r\n".utf8)
        let error = #expect(throws: InputError.self) {
            try ClaimFileContents(reading: bytes, path: "claims.csv", file: 2, blockBytes: blockBytes)
        }
        let message = error?.diagnostics.map(\.description).joined() ?? ""
        #expect(message.hasPrefix("claims.csv:7: error: the file is not UTF-8 text: column provider holds byte 0xF6"))
        #expect(message.contains("the first of 2 such lines"))
    }

    /// An AW319 file is read in blocks with the insured person carried over, and checked against its trailer
    /// once every chunk is read; a broken header is refused without the note on CSV.
    @Test(arguments: [1, 311, 1 << 20])
    func readsAndChecksAnAW319File(blockBytes: Int) throws {
        var records = try AW319Sample.records()
        let bytes = Array((records.joined(separator: "\r\n") + "\r\n").utf8)
        let contents = try ClaimFileContents(reading: bytes, path: "wlz.aw319", file: 0, blockBytes: blockBytes)
        #expect(contents.format == .aw319)
        #expect(describe(contents) == AW319Sample.lines.map { "\(ParsedClaim.line($0))" })

        records.remove(at: 7)  // the last claim record: the trailer counts one more
        let short = Array((records.joined(separator: "\r\n") + "\r\n").utf8)
        let error = #expect(throws: InputError.self) {
            try ClaimFileContents(reading: short, path: "wlz.aw319", file: 0, blockBytes: blockBytes)
        }
        #expect(error?.diagnostics.first?.description.hasPrefix("wlz.aw319:8: error: field 9904") == true)

        records = try AW319Sample.records()
        records[0] = AW319Sample.replacing(119, with: "GBP", in: records[0])
        let header = Array((records.joined(separator: "\r\n") + "\r\n").utf8)
        let refusal = #expect(throws: InputError.self) {
            try ClaimFileContents(reading: header, path: "wlz.aw319", file: 0, blockBytes: blockBytes)
        }
        #expect(
            refusal?.diagnostics.map(\.description) == [
                "wlz.aw319:1: error: field 119 (valutacode, positions 115–117) is 'GBP'; amounts must be in euro cents (EUR)"
            ]
        )
    }

    /// A file of no bytes holds no lines, as in a settlement, where the completeness checks find it.
    @Test func readsNothingFromAnEmptyFile() throws {
        let contents = try ClaimFileContents(reading: [], path: "claims.csv", file: 0)
        #expect(contents.claims.isEmpty && contents.notes.isEmpty)
    }

    /// Answers are not claims: reading them as a claim file says so.
    @Test func refusesAnswers() {
        let error = #expect(throws: InputError.self) {
            try read("claim_id,provider,debit_credit,approved_amount,reason_codes\nZ1,coop,D,0.00,\n", blockBytes: 64)
        }
        #expect(
            error?.diagnostics.map(\.description)
                == [
                    "claims.csv: error: this file holds a financier's answers (capitation-answers-csv), not claim lines"
                ]
        )
    }

    /// A WMO323 message is streamed: the same lines in blocks of any size, with its checks.
    @Test(arguments: [1, 61, 4_096, 1 << 20])
    func readsAMessageInBlocks(blockBytes: Int) throws {
        let contents = try read(try WMO323Sample.text(), blockBytes: blockBytes)
        #expect(contents.format == .wmo323)
        let lines = contents.claims.compactMap { claim -> ClaimLine? in
            guard case .line(let line) = claim else { return nil }
            return line
        }
        #expect(lines.map(\.claimID) == WMO323Sample.lines.map(\.claimID))
        #expect(lines.map(\.amount) == WMO323Sample.lines.map(\.amount))
    }

    /// Each format names its reader: records in chunks for CSV and AW319, a stream for WMO323, and answers
    /// apart.
    @Test func eachFormatNamesHowItIsRead() {
        func records(_ format: ClaimFileFormat) -> (any ClaimRecordFormat.Type)? {
            guard case .records(let type) = format.reading else { return nil }
            return type
        }
        #expect(records(.capitationCSV) == ClaimsCSVParser.self)
        #expect(records(.aw319) == AW319Parser.self)
        guard case .message = ClaimFileFormat.wmo323.reading else {
            Issue.record("WMO323 is not read as a message")
            return
        }
        for format in [ClaimFileFormat.wmo325, .answersCSV] {
            guard case .answers = format.reading else {
                Issue.record("\(format) is not read as answers")
                continue
            }
        }
    }
}
