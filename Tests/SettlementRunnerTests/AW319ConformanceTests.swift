import CapitationCore
import ClaimFormats
import Foundation
import Pseudonymisation
import SyntheticData
import Testing

/// The AW319 files the project writes — by ``AW319Writer``, by `capitation generate --format native` and by
/// the pseudonymiser — keep to the Vektis AW319 v1.4 field table in
/// `Tests/Standards/vektis-aw319-1.4/aw319v1.4_fields.json`, as ``AW319ConformanceChecker`` reads it.
struct AW319ConformanceTests {
    private static func checker() throws -> AW319ConformanceChecker {
        try AW319ConformanceChecker(table: AW319FieldTable.load())
    }

    /// The project's own layout, by which it reads and writes, gives every field of the table its place,
    /// type and obligation.
    @Test func layoutIsTheTables() throws {
        let table = try AW319FieldTable.load()
        #expect(table.version == "1.4")
        for kind in AW319RecordKind.allCases {
            let ours = AW319Layout.fields(of: kind).map(\.number)
            #expect(ours == table.fields(of: kind.rawValue).map(\.nr), "record \(kind.rawValue)")
        }
        let numbers = Set(AW319RecordKind.allCases.flatMap { AW319Layout.fields(of: $0).map(\.number) })
        let presences: [String: AW319Field.Presence] = [
            "M": .mandatory, "C": .conditional, "O": .optional, "S": .optional,
        ]
        for field in table.fields where numbers.contains(field.nr) {
            let ours = AW319Layout.field(field.nr)
            #expect(ours.start == field.start, "field \(field.nr)")
            #expect(ours.length == field.length, "field \(field.nr)")
            #expect(ours.presence == presences[field.required], "field \(field.nr)")
            let kind: AW319Field.Kind =
                field.required == "S"
                ? .reserve
                : field.pattern == "EEJJMMDD"
                    ? .date
                    : field.type == "N" ? .numeric : .alphanumeric
            #expect(ours.kind == kind, "field \(field.nr)")
        }
    }

    /// Every record the writer writes, of each message, with every kind of person and claim it can
    /// write, keeps to the table, and reads back.
    @Test(arguments: AW319HandBuiltFile.allCases)
    func writesRecordsThatKeepToTheTable(file: AW319HandBuiltFile) throws {
        let bytes = try file.bytes()
        #expect(try Self.checker().check(bytes) == [])
        let read = try Self.read(bytes)
        #expect(read.invalid == 0)
        #expect(read.lines == AW319ConformanceChecker.records(bytes).filter { $0.kind == "04" }.count)
    }

    /// A deviation written over a record of a conformant file, and the finding that must catch it.
    struct Deviation: Sendable, CustomTestStringConvertible {
        var file: AW319HandBuiltFile
        /// The record's line in the file.
        var record: Int
        var field: Int
        var value: String
        var rule: String
        /// The field the finding names.
        var finding: Int
        var testDescription: String { "\(file) record \(record) field \(field) '\(value)': \(rule)" }

        init(_ file: AW319HandBuiltFile, _ record: Int, _ field: Int, _ value: String, _ rule: String) {
            (self.file, self.record, self.field, self.value, self.rule) = (file, record, field, value, rule)
            finding = field
        }

        init(
            _ file: AW319HandBuiltFile,
            _ record: Int,
            _ field: Int,
            _ value: String,
            _ rule: AW319ConformanceChecker.Rule,
            at finding: Int? = nil
        ) {
            self.init(file, record, field, value, rule.rawValue)
            self.finding = finding ?? field
        }
    }

    // Records of `wlz`: 1 header, 2 person, 3 comment, 4 claim, 5–6 comments, 7 credit, 8 treatment,
    // 9 person abroad, 10 claim, 11 trailer. Of `districtNursing`: 1 header, 2 person, 3 claim, 4 credit,
    // 5 claim by the month, 6 comment, 7 person, 8 first-line stay, 9 trailer.
    @Test(arguments: [
        // What the writer wrote before it kept to the table.
        Deviation(.wlz, 4, 424, "10000", "regex"),
        Deviation(.wlz, 1, 113, "03", .payee),
        Deviation(.wlz, 1, 110, "47470001", .providerWithPractice),
        Deviation(.wlz, 4, 416, "045", "regex"),
        Deviation(.wlz, 4, 416, "045", .serviceList),
        Deviation(.districtNursing, 3, 416, "076", "regex"),
        Deviation(.districtNursing, 3, 416, "055", .serviceList),
        Deviation(.wlz, 2, 208, "9", "regex"),
        Deviation(.districtNursing, 2, 217, "", .address),
        Deviation(.districtNursing, 3, 413, "754", .indication, at: 410),
        Deviation(.wlz, 4, 410, "000000000", .indication),
        Deviation(.wlz, 2, 225, "", .indicationClient),
        Deviation(.wlz, 5, 9802, "000000000001", .commentNumber),
        Deviation(.wlz, 6, 9803, "0001", .commentNumber),
        Deviation(.wlz, 8, 402, "000000000003", .detailNumber),
        // Other conditions of the table.
        Deviation(.wlz, 2, 213, "Jansen", .partnerName),
        Deviation(.wlz, 9, 217, "7101AB", .foreignPostcode, at: 218),
        Deviation(.wlz, 1, 107, "1.0", .softwareVersion),
        Deviation(.wlz, 1, 114, "20260401", .claimPeriod),
        Deviation(.wlz, 7, 432, "", .creditReference),
        Deviation(.wlz, 4, 426, "00612346", .calculatedAmount),
        Deviation(.wlz, 10, 403, "111222333", .repeatsInsured),
        Deviation(.wlz, 10, 403, "111222334", .bsn),
        Deviation(.wlz, 4, 414, "20121231", .serviceDates),
        Deviation(.districtNursing, 8, 419, "31", .districtNursingUnit),
        Deviation(.wlz, 11, 9904, "000005", .counts),
        Deviation(.wlz, 11, 9908, "C", .total, at: 9907),
        Deviation(.wlz, 4, 429, "0612,34", "type N"),
        Deviation(.wlz, 4, 414, "20260230", "date"),
        Deviation(.wlz, 4, 431, "", "mandatory"),
        Deviation(.wlz, 4, 480, "X", "regex"),
    ])
    func catchesADeviation(_ deviation: Deviation) throws {
        let checker = try Self.checker()
        var records = AW319ConformanceChecker.records(try deviation.file.bytes())
        #expect(checker.check(Self.joined(records)) == [])
        let field = try #require(checker.table.fields.first { $0.nr == deviation.field })
        let index = deviation.record - 1
        let value = Array(deviation.value.unicodeScalars)
        let pad: Unicode.Scalar = field.type == "N" ? "0" : " "
        let padding = Array(repeating: pad, count: field.length - value.count)
        records[index].scalars.replaceSubrange(
            (field.start - 1)..<field.end,
            with: field.type == "N" ? padding + value : value + padding
        )
        let findings = checker.check(Self.joined(records))
        #expect(
            findings.contains {
                $0.record == deviation.record && $0.field == deviation.finding && $0.rule == deviation.rule
            },
            "\(findings)"
        )
    }

    /// A record cut short, a kind the table does not have and records out of its order are found too.
    @Test func catchesRecordsOutOfShapeAndOrder() throws {
        let checker = try Self.checker()
        let records = AW319ConformanceChecker.records(try AW319HandBuiltFile.wlz.bytes())
        var changed = records
        changed[3].scalars.removeLast()
        let unknown = Array(("03" + String(repeating: " ", count: 308)).unicodeScalars)
        changed.insert(AW319ConformanceChecker.Record(number: 0, scalars: unknown), at: 2)
        let shapes = checker.check(Self.joined(changed)).filter { $0.field == nil }
        #expect(shapes.contains { $0.record == 3 && $0.rule == "record kind" }, "\(shapes)")
        #expect(shapes.contains { $0.record == 5 && $0.rule == "length" }, "\(shapes)")
        // A comment before any detail record (2), a person without claim records (3), records after the
        // trailer (6), which is not last (7).
        changed = [records[0], records[2], records[1], records[8], records[9], records[10], records[3]]
        let order = AW319ConformanceChecker.Rule.order.rawValue
        let findings = checker.check(Self.joined(changed)).filter { $0.rule == order }
        #expect(findings.map(\.record) == [7, 2, 3, 6], "\(findings)")
    }

    /// The same seed written as CSV, to find the lines the generator breaks on purpose: an impossible start
    /// date (field 414) or an amount with a decimal comma (field 429), by claim reference.
    private static func malformedLines(inCSVFolder folder: TemporaryFolder) throws -> [String: Int] {
        var malformed: [String: Int] = [:]
        for regime in ["zvw", "wmo", "wlz"] {
            let text = try String(contentsOfFile: folder.path("claims/\(regime).csv"), encoding: .utf8)
            for line in text.split(separator: "\n").dropFirst() {
                let columns = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                // A decimal comma splits the amount in two: one column more than the header's 13.
                if columns.count == 14 {
                    malformed[columns[0]] = 429
                } else if (try? CalendarDate(parsing: columns[7])) == nil {
                    malformed[columns[0]] = 414
                }
            }
        }
        return malformed
    }

    /// A generated native folder keeps to the table in every record but those the generator breaks on
    /// purpose, which break it only where they are meant to; so does its pseudonymised copy. (600 members
    /// of seed 3 have both kinds of broken line in their AW319 files.)
    @Test func generatesClaimFilesThatKeepToTheTable() throws {
        let csv = try TemporaryFolder()
        let native = try TemporaryFolder()
        defer { for folder in [csv, native] { folder.remove() } }
        _ = try SyntheticFieldlab(members: 600, seed: 3, year: 2026, format: .csv).write(to: csv.path)
        let files = try SyntheticFieldlab(members: 600, seed: 3, year: 2026, format: .native).write(to: native.path)
            .files.filter { $0.hasSuffix(".asc") }
        let malformed = try Self.malformedLines(inCSVFolder: csv)
        let checker = try Self.checker()
        var pseudonyms = BSNPseudonyms(
            key: try PseudonymKey(Array(repeating: UInt8(ascii: "k"), count: 32), source: "test")
        )
        var broken: [Int] = []
        var claims: [AW319ConformanceChecker.Record] = []
        var messages: Set<String> = []
        for name in files {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: native.path(name))))
            var problems = ProblemCollector(path: name)
            let pseudonymised = bytes.withUnsafeBufferPointer {
                AW319Pseudonymizer.rewrite($0, firstRecord: 1, pseudonyms: &pseudonyms, problems: &problems)
            }
            #expect(problems.isEmpty)
            let records = AW319ConformanceChecker.records(bytes)
            messages.insert(checker.raw(102, records[0]))
            claims += records.filter { $0.kind == "04" }
            // The records of the lines broken on purpose, with the field each breaks.
            var faulty: [Int: Int] = [:]
            for record in records where record.kind == "04" {
                let reference = checker.raw(431, record).trimmingCharacters(in: .whitespaces)
                if let field = malformed[reference] { faulty[record.number] = field }
            }
            broken += faulty.values
            for (version, file) in [("written", bytes), ("pseudonymised", pseudonymised)] {
                let findings = checker.check(file)
                #expect(findings.filter { faulty[$0.record] == nil } == [], "\(name), \(version)")
                for (record, field) in faulty {
                    let found = findings.filter { $0.record == record }.map { "\($0.field ?? 0) \($0.rule)" }
                    #expect(found == ["\(field) \(field == 414 ? "date" : "type N")"], "\(name), \(version)")
                }
            }
        }
        // Both faults, every message and list, care profiles, credits and deaths occurred.
        #expect(Set(broken) == [414, 429])
        #expect(messages == ["187", "428"])
        #expect(Set(claims.map { checker.raw(416, $0) }) == ["055", "065", "068"])
        #expect(claims.contains { checker.raw(413, $0) != "000" })
        #expect(claims.contains { checker.raw(430, $0) == "C" })
    }

    private static func joined(_ records: [AW319ConformanceChecker.Record]) -> [UInt8] {
        Array(records.map { String(String.UnicodeScalarView($0.scalars)) + "\r\n" }.joined().utf8)
    }

    /// Reads a whole file: the claim lines and the invalid ones; throws when the file is refused.
    private static func read(_ bytes: [UInt8]) throws -> (lines: Int, invalid: Int) {
        try bytes.withUnsafeBufferPointer { buffer in
            let (parser, offset, line) = try AW319Parser.header(of: buffer, path: "f", file: 0)
            var result = (lines: 0, invalid: 0)
            let tally = parser.parse(UnsafeBufferPointer(rebasing: buffer[offset...]), firstRecord: line, insured: nil)
            {
                switch $0 {
                case .line: result.lines += 1
                case .invalid: result.invalid += 1
                }
            }
            try parser.check(tally)
            return result
        }
    }
}
