import CapitationCore
import Foundation
import SettlementReports
import SettlementRunner
import Testing

/// The reports of `Examples/small-fieldlab`, compared byte for byte with the golden files in
/// `Tests/SettlementRunnerTests/Golden/small-fieldlab/`, so that any change to a report shows in review.
///
/// After a change to a report that is meant, record them again with
/// `CAPITATION_RECORD_GOLDEN=1 swift test --filter GoldenReportTests` and review the files' diff.
struct GoldenReportTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/small-fieldlab")

    /// Each report of the example's settlement, by the golden file's name, with the repository's folder
    /// taken out of the inputs' paths (`Examples/small-fieldlab/contract.xml`), wherever it was cloned.
    private static func reports() async throws -> [(name: String, text: String)] {
        let output = try TemporaryFolder()
        defer { output.remove() }
        let repository = TemporaryFolder.repository.path
        let paths = try SettlementPaths.resolve(
            folder: repository + "/Examples/small-fieldlab",
            contract: nil,
            population: nil,
            claims: [],
            indicators: [],
            output: output.path
        )
        _ = try await SettlementRun(paths: paths, threads: 2).run()
        let document = try SettlementDocument(
            json: try Data(contentsOf: URL(fileURLWithPath: output.path("settlement.json")))
        )
        let reports = [
            ("report.en.md", SettlementMarkdown.render(document, locale: .standard)),
            ("report.nl.md", SettlementMarkdown.render(document, locale: .dutch)),
            ("report.en.html", SettlementHTML.render(document, locale: .standard)),
            ("report.nl.html", SettlementHTML.render(document, locale: .dutch)),
            ("figures.csv", SettlementFigures.csv(document)),
        ]
        return reports.map { ($0.0, $0.1.replacingOccurrences(of: repository + "/", with: "")) }
    }

    @Test func theExamplesReportsAreTheGoldenOnes() async throws {
        let reports = try await Self.reports()
        if ProcessInfo.processInfo.environment["CAPITATION_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
            for (name, text) in reports {
                try Data(text.utf8).write(to: Self.golden.appendingPathComponent(name))
            }
            return
        }
        for (name, text) in reports {
            let golden = try String(contentsOf: Self.golden.appendingPathComponent(name), encoding: .utf8)
            guard golden != text else { continue }
            let (was, now) = (
                golden.split(separator: "\n", omittingEmptySubsequences: false),
                text.split(separator: "\n", omittingEmptySubsequences: false)
            )
            let line =
                zip(was, now).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(was.count, now.count)
            Issue.record(
                """
                \(name) differs from its golden file from line \(line + 1):
                  golden: \(line < was.count ? String(was[line]) : "(the end)")
                  now:    \(line < now.count ? String(now[line]) : "(the end)")
                If the change is meant, record the golden files again: CAPITATION_RECORD_GOLDEN=1 swift test \
                --filter GoldenReportTests
                """
            )
        }
    }
}
