package import CapitationCore

/// Reads Vektis AW319 v1.4 claim files into claim lines.
///
/// The header record (01) gives the regime (field 102) for every line. Each claim record (04) becomes a
/// claim line: the member is the BSN (403), the payer the UZOVI number (404), the provider the AGB code
/// of the performer (420), the category the prestatiecodelijst (416), the product the prestatiecode
/// (417), the care profile the ZZP code (413, none when `000`), the service the dates 414–415, the volume
/// fields 418–419, the amount the declared amount (429) with its debit/credit flag (430), the reference
/// field 431 and, for a credit, the corrected line's reference field 432.
///
/// A claim record with any problem — a wrong length, non-digits in a numeric field, an impossible date, a
/// BSN that fails the elfproef, no insured-person record (02) for its BSN before it — is rejected as an
/// invalid line with the record number and the field. Problems of the header, comment and trailer
/// records, unknown record kinds, and a trailer whose counts or total differ from what was read make the
/// whole file unusable: they are reported by ``check(_:)``.
///
/// Records are parsed in chunks that may run in parallel: ``lastInsured(in:firstRecord:)`` gives the
/// insured person that a chunk's first claim records belong to, and the chunks' tallies merge.
package struct AW319Parser: Sendable {
    /// The header record.
    package let header: AW319Header
    /// The file's path, for messages.
    package let path: String
    /// The file's position in the settlement's list of inputs.
    package let file: Int

    /// Reads the header record at the start of `bytes`.
    ///
    /// - Returns: The parser and the offset and record number where the second record starts.
    /// - Throws: ``InputError`` listing every problem of the header record.
    package static func header(
        of bytes: UnsafeBufferPointer<UInt8>,
        path: String,
        file: Int
    ) throws(InputError) -> (parser: AW319Parser, bodyOffset: Int, bodyLine: Int) {
        var problems = ProblemCollector(path: path)
        let (content, next) = AW319Lines.first(in: bytes)
        let record = AW319Record(UnsafeBufferPointer(rebasing: bytes[content]), number: 1)
        guard record.kind == .header else {
            problems.add(line: 1, "an AW319 file starts with its header record 01, not '\(record.kindCode)'")
            throw problems.error ?? InputError(diagnostics: [])
        }
        for problem in record.shapeProblems(of: .header) { problems.add(line: 1, "record 01: " + problem) }
        let code = record.number(AW319Layout.field(102)).map(Int.init)
        if let code, AW319Header.regime(ofMessageCode: code) == nil {
            problems.add(
                line: 1,
                "\(AW319Layout.field(102).label) is \(code); AW319 files carry 187 (Wlz), 428 (district nursing and ELV) or 430 (sensory-impaired care)"
            )
        }
        let currency = record.text(AW319Layout.field(119))
        if !currency.isEmpty, currency != "EUR" {
            problems.add(
                line: 1,
                "\(AW319Layout.field(119).label) is '\(currency)'; amounts must be in euro cents (EUR)"
            )
        }
        let start = record.date(AW319Layout.field(114))
        let end = record.date(AW319Layout.field(115))
        var period: DatePeriod?
        if let start, let end {
            period = DatePeriod(start: start, end: end)
            if period == nil { problems.add(line: 1, "the claim period ends (field 115) before it starts (field 114)") }
        }
        if let error = problems.error { throw error }
        guard let code, let period, let invoiceDate = record.date(AW319Layout.field(117)) else {
            throw InputError(diagnostics: [])
        }
        let header = AW319Header(
            messageCode: code,
            version: Int(record.number(AW319Layout.field(103)) ?? 0),
            subversion: Int(record.number(AW319Layout.field(104)) ?? 0),
            messageKind: record.text(AW319Layout.field(105)),
            uzovi: record.text(AW319Layout.field(108)),
            serviceBureau: record.text(AW319Layout.field(109)),
            provider: record.text(AW319Layout.field(110)),
            practice: record.text(AW319Layout.field(111)),
            institution: record.text(AW319Layout.field(112)),
            payTo: Int(record.number(AW319Layout.field(113)) ?? 0),
            period: period,
            invoiceNumber: record.text(AW319Layout.field(116)),
            invoiceDate: invoiceDate
        )
        return (AW319Parser(header: header, path: path, file: file), next, 2)
    }

    /// The last insured-person record (02) in `chunk`, whose first record is `firstRecord`.
    ///
    /// It is the person that the next chunk's first claim records belong to; `nil` when the chunk has none.
    ///
    /// The lines are searched from the end, where that record nearly always is; its number is then the
    /// line feeds before it counted.
    package func lastInsured(in chunk: UnsafeBufferPointer<UInt8>, firstRecord: Int) -> AW319Insured? {
        let lineFeed = UInt8(ascii: "\n")
        // The content of a line ends before the line feed at `lineEnd`, or at the chunk's end.
        var lineEnd = chunk.count
        if let last = chunk.last, last == lineFeed { lineEnd -= 1 }
        while true {
            var start = lineEnd
            while start > 0, chunk[start - 1] != lineFeed { start -= 1 }
            // A byte order mark before the file's first record is no part of it.
            let contentStart =
                start == 0 && firstRecord == 1 && chunk.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : start
            if lineEnd - contentStart >= 2, chunk[contentStart] == UInt8(ascii: "0"),
                chunk[contentStart + 1] == UInt8(ascii: "2")
            {
                let contentEnd = chunk[lineEnd - 1] == UInt8(ascii: "\r") ? lineEnd - 1 : lineEnd
                let earlier = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: chunk[..<start]))
                let before = ByteWords.count(of: lineFeed, in: earlier)
                let record = UnsafeBufferPointer(rebasing: chunk[contentStart..<contentEnd])
                return insured(AW319Record(record, number: firstRecord + before))
            }
            guard start > 0 else { return nil }
            lineEnd = start - 1
        }
    }

    /// The offset just past the last line end in `bytes`, and the number of line ends before it; `nil`
    /// when `bytes` holds no line end.
    package static func lastRecordEnd(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, lines: Int)? {
        guard let last = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return nil }
        let upToLast = UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[...last]))
        let lines = ByteWords.count(of: UInt8(ascii: "\n"), in: upToLast)
        return (last + 1, lines)
    }

    /// Parses the records in `chunk`, which starts at record `firstRecord`; `insured` is the person of the
    /// last insured-person record before the chunk.
    package func parse(
        _ chunk: UnsafeBufferPointer<UInt8>,
        firstRecord: Int,
        insured: AW319Insured?,
        _ emit: (ParsedClaim) -> Void
    ) -> AW319Tally {
        parse(
            chunk,
            firstRecord: firstRecord,
            insured: insured,
            record: { emit(.line($0.line)) },
            invalid: { emit(.invalid($0)) }
        )
    }

    /// Parses the records in `chunk` as ``parse(_:firstRecord:insured:_:)`` does, handing each readable claim
    /// record to `record` (its texts valid during the call: the file's own bytes for a record of printable
    /// ASCII, a copy of the texts read otherwise) and each unreadable one to `invalid`.
    package func parse(
        _ chunk: UnsafeBufferPointer<UInt8>,
        firstRecord: Int,
        insured: AW319Insured?,
        record emitRecord: (ClaimRecord) -> Void,
        invalid emitInvalid: (RejectedLine) -> Void
    ) -> AW319Tally {
        var tally = AW319Tally()
        var current = insured
        AW319Lines.forEach(in: chunk, firstNumber: firstRecord) { range, number in
            let record = AW319Record(UnsafeBufferPointer(rebasing: chunk[range]), number: number)
            // An empty line is no record: allowed after the trailer (``check(_:)`` notes it), not before.
            guard record.length > 0 else {
                tally.emptyLine(number)
                return
            }
            tally.lastRecord = number
            switch record.kind {
            case .claim?:
                tally.claims += 1
                claim(record, insured: current, tally: &tally, record: emitRecord, invalid: emitInvalid)
            case .insured?:
                tally.insured += 1
                current = self.insured(record)
            case .comment?:
                tally.comments += 1
                for problem in record.shapeProblems(of: .comment) {
                    tally.problem(number, "record 98: " + problem)
                }
            case .trailer?:
                tally.trailers.append(trailer(record, tally: &tally))
            case .header?:
                tally.problem(number, "a second header record 01; an AW319 file has one, on its first line")
            case nil:
                tally.problem(
                    number,
                    "an unknown record kind '\(record.kindCode)'; AW319 records are 01, 02, 04, 98 and 99"
                )
            }
        }
        return tally
    }

    /// Checks the file's tally, merged over all its chunks, against its trailer.
    ///
    /// - Returns: Notes on what the file holds beyond the standard's records that does not change what is
    ///   read: empty lines after the trailer.
    /// - Throws: ``InputError`` listing the problems of the header, comment and trailer records, unknown
    ///   records, empty lines before the trailer, and every difference between the trailer and what was read.
    @discardableResult
    package func check(_ tally: AW319Tally) throws(InputError) -> [ClaimFileNote] {
        var problems = ProblemCollector(path: path)
        var allProblems = tally.problems
        let trailerRecord = tally.trailers.first?.record ?? Int.max
        for line in tally.emptyLines where line < trailerRecord {
            allProblems.append((line, "an empty line; AW319 records are 01, 02, 04, 98 and 99"))
        }
        for (line, message) in allProblems.sorted(by: { $0.line < $1.line }) { problems.add(line: line, message) }
        problems.omitted += tally.omittedProblems
        if tally.trailers.isEmpty {
            problems.add(
                line: tally.lastRecord,
                "the file ends without its trailer record 99, so it may be incomplete"
            )
        }
        for extra in tally.trailers.dropFirst() {
            problems.add(line: extra.record, "a second trailer record 99; an AW319 file has one, as its last record")
        }
        if let trailer = tally.trailers.first {
            if trailer.record != tally.lastRecord {
                problems.add(
                    line: trailer.record,
                    "the trailer record 99 is not the last record: \(tally.lastRecord - trailer.record) more follow"
                )
            }
            if let counts = trailer.counts {
                let detail = tally.insured + tally.claims + tally.comments
                let expected: [(Int, Int, String)] = [
                    (9902, tally.insured, "insured-person records (02)"),
                    (9903, 0, "debtor records"),
                    (9904, tally.claims, "claim records (04)"),
                    (9905, tally.comments, "comment records (98)"),
                    (9906, detail, "detail records"),
                ]
                for (number, read, what) in expected where counts[number] != read {
                    problems.add(
                        line: trailer.record,
                        "\(AW319Layout.field(number).label) counts \(counts[number] ?? 0) \(what), but the file has \(read)"
                    )
                }
            }
            if let total = trailer.total, tally.unreadableAmounts == 0, let read = tally.amount, total != read {
                problems.add(
                    line: trailer.record,
                    "\(AW319Layout.field(9907).label) with \(AW319Layout.field(9908).label) totals \(total), but the claim records (field 429 with 430) add up to \(read)"
                )
            }
        }
        if let error = problems.error { throw error }
        let trailing = tally.emptyLineCount - tally.emptyLines.filter { $0 < trailerRecord }.count
        guard trailing > 0 else { return [] }
        return [.emptyLinesAfterTrailer(count: trailing)]
    }

    /// The person of an insured-person record, with the record's problems.
    func insured(_ record: AW319Record) -> AW319Insured {
        var problems = record.shapeProblems(of: .insured)
        let bsnField = AW319Layout.field(203)
        let bsn = record.raw(bsnField).flatMap { BSN(utf8: $0) }
        let dummy = record.number(bsnField) == Int64(BSN.dummy)
        if record.length == AW319Layout.recordLength, bsn == nil, !dummy, record.number(bsnField) != nil {
            problems.append("\(bsnField.label) is not a valid BSN: it fails the elfproef")
        }
        if let sex = record.number(AW319Layout.field(208)), ![0, 1, 2, 9].contains(sex) {
            problems.append("\(AW319Layout.field(208).label) is \(sex); the codes are 0, 1, 2 and 9")
        }
        return AW319Insured(record: record.number, bsn: bsn, isDummy: dummy, problems: problems)
    }

    /// Reads a claim record: a readable one goes to `emitRecord`, an unreadable one to `emitInvalid`.
    private func claim(
        _ record: AW319Record,
        insured: AW319Insured?,
        tally: inout AW319Tally,
        record emitRecord: (ClaimRecord) -> Void,
        invalid emitInvalid: (RejectedLine) -> Void
    ) {
        if plainClaim(record, insured: insured, tally: &tally, record: emitRecord) { return }
        let source = LineSource(file: file, line: record.number)
        var problems = record.shapeProblems(of: .claim)
        let field = AW319Layout.field
        let sideField = field(430)
        let side = ClaimLine.Side(rawValue: record.text(sideField))
        let amount = record.number(field(429)).map(Cents.init)
        if let amount, let side {
            tally.add(side == .debit ? amount : Cents(-amount.rawValue))
        } else {
            tally.unreadableAmounts += 1
        }
        guard record.length == AW319Layout.recordLength else {
            return emitInvalid(invalid(source, problems, record: record, side: side, amount: amount))
        }
        for number in [427, 430] where ClaimLine.Side(rawValue: record.text(field(number))) == nil {
            problems.append("\(field(number).label) is '\(record.text(field(number)))'; it must be D or C")
        }
        let bsn = record.raw(field(403)).flatMap { BSN(utf8: $0) }
        // The dummy BSN of a person without one is read, to be rejected as no member of the population.
        let dummy = record.number(field(403)) == Int64(BSN.dummy)
        if bsn == nil, !dummy, record.number(field(403)) != nil {
            problems.append("\(field(403).label) is not a valid BSN: it fails the elfproef")
        }
        switch insured {
        case nil:
            problems.append("no insured-person record 02 comes before this claim record")
        case let person?:
            if dummy {
                if !person.isDummy {
                    problems.append(
                        "\(field(403).label) is the dummy BSN 999999999, but the insured-person record 02 on line "
                            + "\(person.record) before it is not"
                    )
                } else if !person.problems.isEmpty {
                    problems.append(
                        "its insured-person record 02 on line \(person.record) is invalid: "
                            + person.problems.joined(separator: "; ")
                    )
                }
            } else if bsn == nil {
                break  // the claim's own BSN is the problem
            } else if !person.problems.isEmpty {
                problems.append(
                    "its insured-person record 02 on line \(person.record) is invalid: "
                        + person.problems.joined(separator: "; ")
                )
            } else if let bsn, person.bsn != bsn {
                problems.append(
                    "the BSN in \(field(403).label) differs from that of the insured-person record 02 on line \(person.record) before it"
                )
            }
        }
        let start = record.date(field(414))
        let end = record.date(field(415))
        var service: DatePeriod?
        if let start, let end {
            service = DatePeriod(start: start, end: end)
            if service == nil {
                problems.append("the service ends (field 415, \(end)) before it starts (field 414, \(start))")
            }
        }
        let reference = record.text(field(431))
        let corrects = record.text(field(432))
        if side == .credit, corrects.isEmpty {
            problems.append("a credit (field 430 C) must name the line it corrects in \(field(432).label)")
        }
        let member = dummy ? BSN.dummyMemberID : bsn?.digits
        guard problems.isEmpty, let member, let service, let side, let amount, let count = record.number(field(418))
        else {
            return emitInvalid(invalid(source, problems, record: record, side: side, amount: amount))
        }
        // A record of printable ASCII with nothing wrong was handed over as its own bytes by `plainClaim`.
        let profile = record.text(field(413))
        ClaimRecord.with(
            ClaimLine(
                claimID: reference,
                member: MemberID(member),
                regime: header.regime,
                payer: record.text(field(404)),
                provider: record.text(field(420)),
                category: CategoryCode(record.text(field(416))),
                product: ProductCode(record.text(field(417))),
                service: service,
                amount: amount,
                side: side,
                corrects: side == .credit ? corrects : nil,
                careProfile: profile == "000" ? nil : CareProfileCode(profile),
                volume: ClaimLine.Volume(count: count, unit: record.text(field(419))),
                received: header.invoiceDate,
                source: source
            ),
            emitRecord
        )
    }

    private func invalid(
        _ source: LineSource,
        _ problems: [String],
        record: AW319Record,
        side: ClaimLine.Side?,
        amount: Cents?
    ) -> RejectedLine {
        let reference = record.text(AW319Layout.field(431))
        return RejectedLine(
            source: source,
            claimID: reference.isEmpty ? nil : reference,
            regime: header.regime,
            amount: amount.map { side == .credit ? Cents(-$0.rawValue) : $0 },
            reason: .invalid,
            detail: "record 04: " + problems.joined(separator: "; "),
            member: record.text(AW319Layout.field(403))
        )
    }

    private func trailer(_ record: AW319Record, tally: inout AW319Tally) -> AW319Tally.Trailer {
        let problems = record.shapeProblems(of: .trailer)
        for problem in problems { tally.problem(record.number, "record 99: " + problem) }
        let side = ClaimLine.Side(rawValue: record.text(AW319Layout.field(9908)))
        if record.length == AW319Layout.recordLength, side == nil {
            tally.problem(
                record.number,
                "\(AW319Layout.field(9908).label) is '\(record.text(AW319Layout.field(9908)))'; it must be D or C"
            )
        }
        guard problems.isEmpty, let side else { return AW319Tally.Trailer(record: record.number) }
        var counts: [Int: Int] = [:]
        for number in [9902, 9903, 9904, 9905, 9906] {
            counts[number] = Int(record.number(AW319Layout.field(number)) ?? 0)
        }
        let total = record.number(AW319Layout.field(9907)).map { side == .debit ? Cents($0) : Cents(-$0) }
        return AW319Tally.Trailer(record: record.number, counts: counts, total: total)
    }
}

/// The person of an insured-person record (02): the claim records after it belong to them.
package struct AW319Insured: Hashable, Sendable {
    /// The record's number.
    package var record: Int
    /// The BSN, when field 203 holds a valid one.
    package var bsn: BSN?
    /// Whether field 203 holds the dummy BSN 999999999 of a person without one.
    package var isDummy = false
    /// The record's problems; its claim records are invalid when there are any.
    package var problems: [String]
}

/// What a chunk of an AW319 file held, for the check against the trailer.
///
/// Tallies of the chunks of a file merge in any order.
package struct AW319Tally: Sendable {
    package var insured = 0
    package var claims = 0
    package var comments = 0
    /// Σ debit − Σ credit of field 429 over the claim records whose amount could be read; `nil` after an
    /// overflow.
    package var amount: Cents? = .zero
    /// Claim records whose amount or debit/credit flag could not be read.
    package var unreadableAmounts = 0
    /// The trailer records found.
    package var trailers: [Trailer] = []
    /// The number of the last record (an empty line is none).
    package var lastRecord = 1
    /// The line numbers of the first empty lines, at most ``InputError/limit``, and how many there are.
    package var emptyLines: [Int] = []
    package var emptyLineCount = 0
    /// Problems that make the file unusable, by record number; at most ``InputError/limit``.
    package var problems: [(line: Int, message: String)] = []
    package var omittedProblems = 0

    package init() {}

    /// A trailer record, with its counts and total when they could be read.
    package struct Trailer: Sendable {
        package var record: Int
        /// Counts by field number (9902–9906).
        package var counts: [Int: Int]?
        /// Field 9907 with the sign of field 9908.
        package var total: Cents?

        init(record: Int, counts: [Int: Int]? = nil, total: Cents? = nil) {
            self.record = record
            self.counts = counts
            self.total = total
        }
    }

    mutating func add(_ amount: Cents) {
        self.amount = self.amount.flatMap { try? $0 + amount }
    }

    mutating func emptyLine(_ line: Int) {
        emptyLineCount += 1
        if emptyLines.count < InputError.limit { emptyLines.append(line) }
    }

    mutating func problem(_ line: Int, _ message: String) {
        guard problems.count < InputError.limit else {
            omittedProblems += 1
            return
        }
        problems.append((line, message))
    }

    /// Adds the tally of another chunk of the same file.
    package mutating func merge(_ other: AW319Tally) {
        insured += other.insured
        claims += other.claims
        comments += other.comments
        if let more = other.amount { add(more) } else { amount = nil }
        unreadableAmounts += other.unreadableAmounts
        trailers += other.trailers
        trailers.sort { $0.record < $1.record }
        lastRecord = max(lastRecord, other.lastRecord)
        emptyLineCount += other.emptyLineCount
        emptyLines = Array((emptyLines + other.emptyLines).sorted().prefix(InputError.limit))
        for problem in other.problems { self.problem(problem.line, problem.message) }
        omittedProblems += other.omittedProblems
    }
}

/// Splits AW319 bytes into records: lines ending in LF or CR LF.
package enum AW319Lines: Sendable {
    /// The content range of the first line and the offset after its line end.
    ///
    /// A UTF-8 byte order mark before the first record is not part of it.
    package static func first(in bytes: UnsafeBufferPointer<UInt8>) -> (content: Range<Int>, next: Int) {
        let start = byteOrderMarkLength(bytes, firstNumber: 1)
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        let next = min(end + 1, bytes.count)
        let contentEnd = end > start && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
        return (start..<contentEnd, next)
    }

    /// Calls `body` with each line's content range and number; a last line without a line end counts.
    ///
    /// When the lines start at the first record, a UTF-8 byte order mark before it is skipped.
    package static func forEach(
        in bytes: UnsafeBufferPointer<UInt8>,
        firstNumber: Int,
        _ body: (Range<Int>, Int) -> Void
    ) {
        var start = byteOrderMarkLength(bytes, firstNumber: firstNumber)
        var number = firstNumber
        while start < bytes.count {
            let end = ByteWords.firstIndex(of: UInt8(ascii: "\n"), in: bytes, from: start)
            let contentEnd = end > start && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
            body(start..<contentEnd, number)
            number += 1
            start = end + 1
        }
    }

    private static func byteOrderMarkLength(_ bytes: UnsafeBufferPointer<UInt8>, firstNumber: Int) -> Int {
        firstNumber == 1 && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }
}

extension AW319Parser: ClaimRecordFormat {
    package static func start(
        of bytes: UnsafeBufferPointer<UInt8>,
        path: String,
        file: Int
    ) throws(InputError) -> (parser: AW319Parser, bodyOffset: Int, bodyLine: Int) {
        try header(of: bytes, path: path, file: file)
    }

    /// No insured person comes before the first record after the header.
    package var carriedAtStart: AW319Insured? { nil }

    /// The last insured person in `chunk`, or the one before it when it has none.
    package func carried(
        after chunk: UnsafeBufferPointer<UInt8>,
        firstLine: Int,
        from carried: AW319Insured?
    ) -> AW319Insured? {
        lastInsured(in: chunk, firstRecord: firstLine) ?? carried
    }

    package func parse(
        _ chunk: UnsafeBufferPointer<UInt8>,
        firstLine: Int,
        carried: AW319Insured?,
        record: (ClaimRecord) -> Void,
        invalid: (RejectedLine) -> Void
    ) -> AW319Tally {
        parse(chunk, firstRecord: firstLine, insured: carried, record: record, invalid: invalid)
    }

    /// Checks the file against its trailer.
    package func finish(_ tally: AW319Tally) throws(InputError) -> [ClaimFileNote] {
        try check(tally)
    }
}
