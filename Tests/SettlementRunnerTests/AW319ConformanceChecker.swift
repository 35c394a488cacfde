import CapitationCore
import Foundation

/// One way a record departs from the AW319 v1.4 field table.
struct AW319Finding: Hashable, CustomStringConvertible {
    /// The record's line in the file, from 1.
    var record: Int
    /// The field, when the finding is about one.
    var field: Int?
    /// What is broken: a column of the table (`length`, `type N`, `type AN`, `mandatory`, `date`, `regex`)
    /// or one of the conditions of ``AW319ConformanceChecker/Rule``.
    var rule: String
    var detail: String

    var description: String {
        "record \(record)\(field.map { ", field \($0)" } ?? ""): \(rule): \(detail)"
    }
}

/// Checks AW319 files against the v1.4 field table, independently of the project's own layout.
///
/// Every field of every record is checked as the table gives it: its place (the record is 310 characters
/// and each field is read at the table's start and length), its type (`N` all digits; `AN` no control
/// characters), `M` (text filled), `EEJJMMDD` (a day of the calendar) and the regular expression where
/// there is one, which also holds the code lists (for example field 416 `055|065|066|068|990`) and the
/// fields that must hold one value (424 `00000`) or spaces (`S`, reserved). The conditions of column C
/// that a program can check, and the record order of the table's structure, are the rules of ``Rule``.
struct AW319ConformanceChecker {
    /// The conditions of the table checked across fields and records.
    enum Rule: String, CaseIterable {
        case payee = "113 pays a party that is filled in 109–112"
        case providerWithPractice = "110 is filled with 111, and only then"
        case softwareVersion = "107 is filled with 106, and only then"
        case claimPeriod = "114 is not after 115"
        case bsn = "203 and 403 are a BSN or the dummy of nines"
        case partnerName = "213 is filled when 212 is 2, and only then"
        case address = "217 (in the Netherlands) or 221 (abroad) is filled"
        case foreignPostcode = "218 is filled for a person abroad only"
        case indicationClient = "225 is filled when 224 is"
        case repeatsInsured = "403, 404, 405, 408 and 409 repeat 203, 204, 205, 224 and 225"
        case indication = "412 or 413 is filled under an indication (408–411), and only then"
        case serviceList = "416 is the list of the message in 102"
        case districtNursingUnit = "419 is 11, 31 or 41 for district nursing (065) only"
        case serviceDates = "414 and 415 lie after 31-12-2012, 414 not after 415"
        case calculatedAmount = "426 is 425 × 418"
        case creditReference = "432 is filled for a credit (430 C)"
        case commentNumber = "9802 repeats the number of the record the comment is about; 9803 counts from 1"
        case detailNumber = "202 and 402 count the detail records from 1"
        case order = "the records stand in the table's order"
        case counts = "9902–9906 count the records"
        case total = "9907 with 9908 is the total of 429 with 430"
    }

    let table: AW319FieldTable
    private let byNumber: [Int: AW319FieldTable.Field]
    private let expressions: [Int: Regex<AnyRegexOutput>]

    init(table: AW319FieldTable) throws {
        self.table = table
        byNumber = Dictionary(uniqueKeysWithValues: table.fields.map { ($0.nr, $0) })
        var expressions: [Int: Regex<AnyRegexOutput>] = [:]
        for field in table.fields where !field.regex.isEmpty { expressions[field.nr] = try Regex(field.regex) }
        self.expressions = expressions
    }

    /// A record of the file: its characters, read by the table's positions.
    struct Record {
        var number: Int
        var scalars: [Unicode.Scalar]
        var kind: String { String(String.UnicodeScalarView(scalars.prefix(2))) }
    }

    /// The records of `bytes`: lines ending in LF or CR LF, as UTF-8.
    static func records(_ bytes: [UInt8]) -> [Record] {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.enumerated().map { index, line in
            let text = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            return Record(number: index + 1, scalars: Array(String(decoding: text, as: UTF8.self).unicodeScalars))
        }
    }

    /// The field `number` of `record` as it stands, padding included.
    func raw(_ number: Int, _ record: Record) -> String {
        guard let field = byNumber[number], record.scalars.count >= field.end else { return "" }
        return String(String.UnicodeScalarView(record.scalars[(field.start - 1)..<field.end]))
    }

    /// Every finding in the file `bytes`.
    func check(_ bytes: [UInt8]) -> [AW319Finding] {
        let records = Self.records(bytes)
        var findings: [AW319Finding] = []
        for record in records {
            guard ["01", "02", "04", "98", "99"].contains(record.kind) else {
                findings.append(.init(record: record.number, rule: "record kind", detail: "'\(record.kind)'"))
                continue
            }
            guard record.scalars.count == 310 else {
                findings.append(
                    .init(record: record.number, rule: "length", detail: "\(record.scalars.count) characters, not 310")
                )
                continue
            }
            findings += fieldFindings(record)
        }
        findings += ruleFindings(records.filter { $0.scalars.count == 310 })
        return findings
    }

    /// The table's columns, field by field.
    private func fieldFindings(_ record: Record) -> [AW319Finding] {
        var findings: [AW319Finding] = []
        let fields = table.fields(of: record.kind)
        if fields.first?.start != 1 || fields.last?.end != 310
            || zip(fields, fields.dropFirst()).contains(where: { $0.end + 1 != $1.start })
            || fields.contains(where: { $0.end - $0.start + 1 != $0.length })
        {
            findings.append(.init(record: record.number, rule: "table", detail: "the fields do not tile 1–310"))
        }
        for field in fields {
            let value = raw(field.nr, record)
            func add(_ rule: String, _ detail: String) {
                findings.append(.init(record: record.number, field: field.nr, rule: rule, detail: detail))
            }
            let isDigits = value.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
            if field.type == "N", !isDigits { add("type N", "'\(value)' is not all digits") }
            if field.type == "AN", value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                add("type AN", "a control character")
            }
            if field.required == "M", field.type == "AN", value.allSatisfy({ $0 == " " }) {
                add("mandatory", "empty")
            }
            if field.pattern == "EEJJMMDD", isDigits, Self.date(value) == nil {
                add("date", "'\(value)' is not a day of the calendar")
            }
            if let expression = expressions[field.nr], (try? expression.wholeMatch(in: value)) == nil {
                add("regex", "'\(value)' does not match \(field.regex)")
            }
        }
        return findings
    }

    static func date(_ digits: String) -> CalendarDate? {
        guard digits.count == 8, let value = Int(digits) else { return nil }
        return CalendarDate(year: value / 10_000, month: value / 100 % 100, day: value % 100)
    }

    static func isZero(_ value: String) -> Bool { value.allSatisfy { $0 == "0" } }
    static func isBlank(_ value: String) -> Bool { value.allSatisfy { $0 == " " } }
}
