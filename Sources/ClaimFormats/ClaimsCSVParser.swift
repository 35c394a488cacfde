public import CapitationCore

/// A claim line as read: a normalised line, or an unreadable one rejected as invalid with its reason.
public enum ParsedClaim: Hashable, Sendable {
    case line(ClaimLine)
    case invalid(RejectedLine)
}

/// Parses claim lines in the project's CSV format:
/// `claim_id,member_id,regime,payer,provider,category,product,start_date,end_date,amount,debit_credit,corrects`,
/// and optionally `received_date`: the day the financier received the line (empty when not known).
///
/// `amount` is in euros with at most two decimals and is never negative; `debit_credit` is `D` or `C`; a
/// credit names the line it corrects in `corrects`, and a debit names none. A line that breaks any of this
/// is rejected as invalid with the problem spelt out, never guessed at.
package struct ClaimsCSVParser: Sendable {
    /// The file's header.
    package let header: CSVHeader
    /// The file's path, for messages.
    package let path: String
    /// The file's position in the settlement's list of inputs.
    package let file: Int

    /// Reads the header at the start of `bytes`.
    ///
    /// - Returns: The parser and the offset and line where the first record after the header starts.
    /// - Throws: ``InputError`` when the header does not name the claim columns.
    package static func header(
        of bytes: UnsafeBufferPointer<UInt8>,
        path: String,
        file: Int
    ) throws(InputError) -> (parser: ClaimsCSVParser, bodyOffset: Int, bodyLine: Int) {
        var problems = ProblemCollector(path: path)
        // The header is the first line; find its end, then scan only it.
        var end = 0
        while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
        let contentEnd = end > 0 && bytes[end - 1] == UInt8(ascii: "\r") ? end - 1 : end
        let headerBytes = UnsafeBufferPointer(rebasing: bytes[0..<contentEnd])
        var scanner = CSVScanner(headerBytes)
        guard scanner.next() else {
            problems.add(line: 1, "the file is empty; expected the header \(CSVColumns.claims.joined(separator: ","))")
            throw problems.error ?? InputError(diagnostics: [])
        }
        switch CSVHeader.match(scanner, expected: CSVColumns.claims, optional: CSVColumns.claimsOptional) {
        case .success(let header):
            return (ClaimsCSVParser(header: header, path: path, file: file), min(end + 1, bytes.count), 2)
        case .failure(let error):
            for problem in error.problems { problems.add(line: 1, "header: \(problem)") }
            throw problems.error ?? InputError(diagnostics: [])
        }
    }

    /// Parses the complete records in `chunk`, which starts at line `firstLine` of the file.
    ///
    /// - Returns: The fields that are not UTF-8 text, a sign that the file is in another encoding.
    @discardableResult
    package func parse(
        _ chunk: UnsafeBufferPointer<UInt8>,
        firstLine: Int,
        _ emit: (ParsedClaim) -> Void
    ) -> UndecodableText {
        parse(chunk, firstLine: firstLine, record: { emit(.line($0.line)) }, invalid: { emit(.invalid($0)) })
    }

    /// Parses the complete records in `chunk`, which starts at line `firstLine` of the file, handing each
    /// readable line to `record` as the bytes it was read from and each unreadable one to `invalid`.
    ///
    /// - Returns: The fields that are not UTF-8 text, a sign that the file is in another encoding.
    @discardableResult
    package func parse(
        _ chunk: UnsafeBufferPointer<UInt8>,
        firstLine: Int,
        record: (ClaimRecord) -> Void,
        invalid emit: (RejectedLine) -> Void
    ) -> UndecodableText {
        var scanner = CSVScanner(chunk, firstLine: firstLine, skipByteOrderMark: false)
        var undecodable = UndecodableText()
        let column = header.positions
        let receivedColumn = header.optionalPositions[0]
        let fieldCount = header.count
        let bounds = UnsafeMutablePointer<Int>.allocate(capacity: 2 * fieldCount)
        defer { bounds.deallocate() }
        let starts = bounds
        let ends = bounds + fieldCount
        while true {
            // Most records are plain: found eight bytes at a time and read without the scanner.
            if let end = PlainCSVLine.find(
                in: chunk,
                from: scanner.offset,
                fieldCount: fieldCount,
                starts: starts,
                ends: ends
            ),
                plainRecord(
                    chunk,
                    starts,
                    ends,
                    LineSource(file: file, line: scanner.nextRecordLine),
                    column,
                    receivedColumn,
                    checkedText: true,
                    record
                )
            {
                scanner.skipPlainRecord(to: end)
                continue
            }
            guard scanner.next() else { break }
            let source = LineSource(file: file, line: scanner.line)
            if let error = scanner.error {
                emit(invalid(source, "not valid CSV: \(error)"))
                continue
            }
            if scanner.fields.count == fieldCount, !scanner.fields.contains(where: \.hasEscapedQuotes) {
                // Quoted fields without doubled quotes: plain once unquoted.
                for (index, field) in scanner.fields.enumerated() {
                    starts[index] = field.start
                    ends[index] = field.end
                }
                if plainRecord(chunk, starts, ends, source, column, receivedColumn, checkedText: false, record) {
                    continue
                }
            }
            var issues: [String] = []
            guard scanner.hasHeaderFieldCount(header, &issues) else {
                if let split = splitAmount(scanner, at: column[9]) {
                    issues.append(
                        "the amount seems to be written with a decimal comma ('\(split)'), which splits it into two "
                            + "fields: write a decimal point, as in \(split.replacing(",", with: "."))"
                    )
                }
                undecodable.note(scanner, line: scanner.line, columns: CSVColumns.claims, positions: column)
                // What can be read of a line cut short or run together still names it.
                func value(_ position: Int) -> String? {
                    guard position < scanner.fields.count else { return nil }
                    let field = scanner.fields[position]
                    return field.end - field.start <= CSVScanner.maximumTextBytes ? scanner.string(field) : nil
                }
                let claimID = value(column[0])
                let member = value(column[1])
                emit(
                    invalid(
                        source,
                        issues.joined(separator: "; "),
                        claimID: claimID.flatMap { $0.isEmpty ? nil : $0 },
                        member: member
                    )
                )
                continue
            }
            let claimID = scanner.required(column[0], "claim_id", &issues)
            let member = scanner.required(column[1], "member_id", &issues)
            if let member, let problem = BSN.problem(withMemberID: member) {
                issues.append("column member_id \(problem)")
            }
            let regime = scanner.choice(column[2], "regime", as: Regime.self, &issues)
            let payer = scanner.required(column[3], "payer", &issues)
            let provider = scanner.required(column[4], "provider", &issues)
            let category = scanner.required(column[5], "category", &issues)
            let product = scanner.required(column[6], "product", &issues)
            let start = scanner.date(column[7], "start_date", &issues)
            let end = scanner.date(column[8], "end_date", &issues)
            let amount = scanner.cents(column[9], "amount", &issues)
            let side = scanner.choice(column[10], "debit_credit", as: ClaimLine.Side.self, &issues)
            let corrects = scanner.optional(column[11], "corrects", &issues)
            let received = receivedColumn.flatMap { scanner.optionalDate($0, "received_date", &issues) }
            if let amount, amount.isNegative {
                issues.append(
                    "column amount: \(amount) is negative; write the amount without a sign and debit_credit C for a credit"
                )
            }
            var service: DatePeriod?
            if let start, let end {
                service = DatePeriod(start: start, end: end)
                if service == nil { issues.append("end_date \(end) is before start_date \(start)") }
            }
            switch (side, corrects) {
            case (.credit?, nil):
                issues.append("a credit (debit_credit C) must name the line it corrects in column corrects")
            case (.debit?, let reference?):
                issues.append("a debit names no corrected line, but corrects is '\(reference.abbreviatedForMessage)'")
            default: break
            }
            guard issues.isEmpty, let claimID, let member, let regime, let payer, let provider, let category,
                let product,
                let service, let amount, let side
            else {
                undecodable.note(scanner, line: scanner.line, columns: CSVColumns.claims, positions: column)
                let signed = amount.map { side == .credit ? Cents(-$0.rawValue) : $0 }
                emit(
                    invalid(
                        source,
                        issues.joined(separator: "; "),
                        claimID: claimID,
                        regime: regime,
                        amount: signed,
                        member: member
                    )
                )
                continue
            }
            let line = ClaimLine(
                claimID: claimID,
                member: MemberID(member),
                regime: regime,
                payer: payer,
                provider: provider,
                category: CategoryCode(category),
                product: ProductCode(product),
                service: service,
                amount: amount,
                side: side,
                corrects: corrects,
                received: received,
                source: source
            )
            ClaimRecord.with(line, record)
        }
        return undecodable
    }

    /// Hands `record` the record of a line whose every field is plainly valid, read without making a
    /// string; returns whether it was one.
    ///
    /// Field `i` of the line is `starts[i]..<ends[i]` in `chunk`, its content without quotes. The record
    /// is made where it is handed over: returned, its 300-odd bytes were copied twice per line.
    ///
    /// Plainly valid: texts of printable ASCII (so valid UTF-8 without control characters; already known
    /// when `checkedText`), a member that is no invalid BSN, a known regime and side, dates, an amount that
    /// is not negative, an end not before the start, and a reference to a corrected line exactly for a
    /// credit, and a day of receipt that is a date or empty. Any other line is not one, and read field by
    /// field with its problems spelt out.
    private func plainRecord(
        _ chunk: UnsafeBufferPointer<UInt8>,
        _ starts: UnsafeMutablePointer<Int>,
        _ ends: UnsafeMutablePointer<Int>,
        _ source: LineSource,
        _ column: [Int],
        _ receivedColumn: Int?,
        checkedText: Bool,
        _ record: (ClaimRecord) -> Void
    ) -> Bool {
        func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
            let field = column[index]
            return UnsafeBufferPointer(rebasing: chunk[starts[field]..<ends[field]])
        }
        func text(_ index: Int, empty: Bool = false) -> UnsafeRawBufferPointer? {
            let bytes = bytes(index)
            guard bytes.count <= CSVScanner.maximumTextBytes, empty || !bytes.isEmpty else { return nil }
            if !checkedText {
                for byte in bytes where byte < 0x20 || byte > 0x7E { return nil }
            }
            return UnsafeRawBufferPointer(bytes)
        }
        let sideBytes = bytes(10)
        guard let claimID = text(0), let member = text(1), !BSN.hasProblem(memberID: member),
            let regime = Self.regime(bytes(2)),
            let payer = text(3), let provider = text(4), let category = text(5), let product = text(6),
            let start = try? CalendarDate(utf8: bytes(7)),
            let end = try? CalendarDate(utf8: bytes(8)),
            let service = DatePeriod(start: start, end: end),
            let amount = try? Cents(utf8: bytes(9)), !amount.isNegative,
            sideBytes.count == 1,
            let side: ClaimLine.Side = sideBytes[0] == UInt8(ascii: "D")
                ? .debit : sideBytes[0] == UInt8(ascii: "C") ? .credit : nil,
            let corrects = text(11, empty: true), corrects.isEmpty == (side == .debit)
        else { return false }
        var received: CalendarDate?
        if let receivedColumn, starts[receivedColumn] < ends[receivedColumn] {
            guard
                let date = try? CalendarDate(
                    utf8: UnsafeBufferPointer(rebasing: chunk[starts[receivedColumn]..<ends[receivedColumn]])
                )
            else { return false }
            received = date
        }
        record(
            ClaimRecord(
                claimID: claimID,
                member: member,
                regime: regime,
                payer: payer,
                provider: provider,
                category: category,
                product: product,
                service: service,
                amount: amount,
                side: side,
                corrects: side == .credit ? corrects : nil,
                careProfile: nil,
                volume: nil,
                received: received,
                source: source,
                answer: nil
            )
        )
        return true
    }

    /// The regime named by `bytes` exactly, compared byte by byte with each regime's name.
    private static func regime(_ bytes: UnsafeBufferPointer<UInt8>) -> Regime? {
        for (name, regime) in regimeNames where name.count == bytes.count {
            if name.withUnsafeBufferPointer({ $0.elementsEqual(bytes) }) { return regime }
        }
        return nil
    }

    /// Each regime's name in the CSV (its raw value), as bytes.
    private static let regimeNames = Regime.allCases.map { (Array($0.rawValue.utf8), $0) }

    /// The amount as written, when a record has one field more than the header because an unquoted
    /// amount with a decimal comma (`1450,00`) split in two at `position`: digits, then one or two digits.
    private func splitAmount(_ scanner: borrowing CSVScanner, at position: Int) -> String? {
        guard scanner.fields.count == header.count + 1, position + 1 < scanner.fields.count,
            let whole = scanner.string(scanner.fields[position]),
            let fraction = scanner.string(scanner.fields[position + 1]),
            !whole.isEmpty, whole.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
            (1...2).contains(fraction.utf8.count),
            fraction.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return whole + "," + fraction
    }

    /// A line rejected as invalid, with what could be read of it.
    private func invalid(
        _ source: LineSource,
        _ detail: String,
        claimID: String? = nil,
        regime: Regime? = nil,
        amount: Cents? = nil,
        member: String? = nil
    ) -> RejectedLine {
        RejectedLine(
            source: source,
            claimID: claimID,
            regime: regime,
            amount: amount,
            reason: .invalid,
            detail: detail,
            member: member
        )
    }
}

extension ClaimsCSVParser: ClaimRecordFormat {
    /// Reads the header, and says which formats a claim file can be in when it is not one.
    package static func start(
        of bytes: UnsafeBufferPointer<UInt8>,
        path: String,
        file: Int
    ) throws(InputError) -> (parser: ClaimsCSVParser, bodyOffset: Int, bodyLine: Int) {
        do {
            return try header(of: bytes, path: path, file: file)
        } catch {
            throw InputError(
                diagnostics: error.diagnostics + [
                    Diagnostic(
                        .note,
                        at: SourceLocation(path: path),
                        "claim files are the project's CSV, Vektis AW319 (starting with record 01) or iWmo WMO323 messages (XML); this file was read as CSV"
                    )
                ]
            )
        }
    }

    package static func lastRecordEnd(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, lines: Int)? {
        CSVRecordBoundary.lastRecordEnd(in: bytes)
    }

    /// A CSV record needs nothing of the records before it.
    package var carriedAtStart: Void { () }

    package func carried(after chunk: UnsafeBufferPointer<UInt8>, firstLine: Int, from carried: Void) {}

    package func parse(
        _ chunk: UnsafeBufferPointer<UInt8>,
        firstLine: Int,
        carried: Void,
        record: (ClaimRecord) -> Void,
        invalid: (RejectedLine) -> Void
    ) -> UndecodableText {
        parse(chunk, firstLine: firstLine, record: record, invalid: invalid)
    }

    /// Refuses the file when any of its fields is not UTF-8: it is then in another encoding.
    package func finish(_ tally: UndecodableText) throws(InputError) -> [ClaimFileNote] {
        if let refusal = tally.diagnostic(path: path) { throw InputError(diagnostics: [refusal]) }
        return []
    }
}
