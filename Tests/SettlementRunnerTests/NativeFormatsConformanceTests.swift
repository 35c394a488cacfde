import CapitationCore
import ClaimFormats
import Foundation
import Pseudonymisation
import SafeXML
import SettlementRunner
import Testing

/// Every claim and answer file of `Examples/native-formats` keeps to its official specification.
///
/// So does its pseudonymised copy: the AW319 files to the v1.4 field table, the WMO323 declarations and
/// WMO325 answers to the official iWmo 3.2 schemas, the declarations also to the iWmo rules. Its faults are
/// those a conformant file can carry.
struct NativeFormatsConformanceTests {
    /// The files of `claims/` in `folder` whose names start with `prefix` and end in `suffix`, by name,
    /// with their bytes.
    private static func files(
        _ folder: TemporaryFolder,
        _ prefix: String,
        _ suffix: String
    ) throws -> [(String, [UInt8])] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path("claims"))
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(suffix) }.sorted()
        return try names.map { ($0, Array(try Data(contentsOf: URL(fileURLWithPath: folder.path("claims/\($0)"))))) }
    }

    /// The problems of every claim and answer file of `folder`, by file: none when all conform.
    private static func problems(of folder: TemporaryFolder) throws -> [String] {
        var problems: [String] = []
        let checker = try AW319ConformanceChecker(table: AW319FieldTable.load())
        let aw319 = try files(folder, "", ".asc")
        #expect(aw319.count == 2)
        for (name, bytes) in aw319 {
            problems += checker.check(bytes).map { "\(name): \($0)" }
        }
        let declarations = try files(folder, "wmo323-", ".xml")
        let answers = try files(folder, "wmo325-", ".xml")
        #expect(declarations.count == 5)
        #expect(answers.count == declarations.count)
        let wmo323 = try OfficialWMO323.schema("WMO323.xsd")
        for (name, bytes) in declarations {
            problems += try OfficialWMO323.problems(of: bytes, schema: wmo323).map { "\(name): \($0)" }
        }
        let wmo325 = try OfficialWMO323.schema("WMO325.xsd")
        for (name, bytes) in answers {
            problems += wmo325.validate(bytes).problems.map { "\(name): \($0)" }
        }
        return problems
    }

    @Test func everyFileKeepsToItsSpecification() throws {
        let folder = try TemporaryFolder.copyOfExample("native-formats")
        defer { folder.remove() }
        let problems = try Self.problems(of: folder)
        #expect(problems == [])
    }

    @Test func itsPseudonymisedCopyKeepsToTheSpecifications() throws {
        let folder = try TemporaryFolder.copyOfExample("native-formats")
        let copy = try TemporaryFolder()
        defer {
            folder.remove()
            copy.remove()
        }
        let paths = try SettlementPaths.resolve(
            folder: folder.path,
            contract: nil,
            population: nil,
            claims: [],
            indicators: [],
            output: copy.path("pseudonymised")
        )
        let key = try PseudonymKey(Array("0123456789abcdef0123456789abcdef0123456789abcdef".utf8), source: "test")
        _ = try PseudonymisationRun(paths: paths, key: key).run()
        let pseudonymised = TemporaryFolder(url: copy.url.appendingPathComponent("pseudonymised"))
        let problems = try Self.problems(of: pseudonymised)
        #expect(problems == [])
    }

    /// The municipality receives the Wmo claims as it would: one message per provider and calendar month,
    /// each credit in a later message than its debit, and each message answered by one WMO325, whose
    /// decision is the one `EXPECTED.md` describes.
    @Test func declaresTheWmoClaimsMonthByMonthAndAnswersEachDeclaration() throws {
        let folder = try TemporaryFolder.copyOfExample("native-formats")
        defer { folder.remove() }
        var headers: [WMO323Header] = []
        var monthOfDebit: [String: String] = [:]
        var credits: [(reference: String, corrects: String, month: String)] = []
        for (name, bytes) in try Self.files(folder, "wmo323-", ".xml") {
            var done = false
            var header: WMO323Header?
            try WMO323Reader.read(path: name) { () throws(InputError) -> [UInt8]? in
                defer { done = true }
                return done ? nil : bytes
            } _: { (part) throws(InputError) in
                switch part {
                case .header(let read): header = read
                case .client(let client):
                    let month = String(header?.periodStart.prefix(7) ?? "")
                    for service in client.services {
                        if let corrects = service.previousReference {
                            credits.append((service.reference, corrects, month))
                        } else {
                            monthOfDebit[service.reference] = month
                        }
                    }
                }
            }
            headers += try [#require(header)]
        }
        let months = headers.map { "\($0.sender) \($0.receiver) \($0.periodStart)–\($0.periodEnd)" }
        #expect(Set(months).count == months.count)
        #expect(
            months
                == ["03-31", "04-30", "05-31", "06-30", "07-31"].map {
                    "73730001 0294 2026-\($0.prefix(2))-01–2026-\($0)"
                }
        )
        #expect(credits.map(\.reference) == ["WMO-B-03C"])
        for credit in credits {
            let debit = try #require(monthOfDebit[credit.corrects])
            #expect(debit < credit.month, "\(credit.reference)")
        }

        var decisions: [String] = []
        for (name, bytes) in try Self.files(folder, "wmo325-", ".xml") {
            var done = false
            let answer = try WMO325Reader.read(path: name) { () throws(InputError) -> [UInt8]? in
                defer { done = true }
                return done ? nil : bytes
            }
            let verdict = try WMO325Verdict(answer: answer, path: name, file: 0)
            #expect(headers.filter(verdict.answers).count == 1, "\(name)")
            let refused = verdict.refused.keys.sorted().map { "\($0) \(verdict.refused[$0]?.codes ?? [])" }
            decisions.append(
                verdict.refusedInFull.map { "refused in full \($0)" }
                    ?? (refused.isEmpty ? "approved in full" : refused.joined(separator: ", "))
            )
        }
        #expect(
            decisions == [
                "approved in full", "WMO-A-04 [\"9322\"], WMO-D-04 [\"0611\"]", "refused in full [\"9333\"]",
                "approved in full", "approved in full",
            ]
        )
    }
}
