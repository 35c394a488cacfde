import Foundation
import Testing

/// `capitation report` renders a written settlement.json again, and `settle --report html` writes the
/// same page beside the JSON; bad input fails with the field named and its own exit code.
struct ReportCommandTests {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-report-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func rendersTheSamePageAsSettle() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let settled = try CLI.run([
            "settle", "Examples/small-fieldlab", "--out", folder.path, "--report", "html", "--quiet",
        ])
        #expect(settled.status == 0, "\(settled.standardError)")
        let json = folder.appendingPathComponent("settlement.json").path
        let again = folder.appendingPathComponent("again.html").path
        let rendered = try CLI.run(["report", json, "--format", "html", "--out", again])
        #expect(rendered.status == 0, "\(rendered.standardError)")
        let first = try Data(contentsOf: folder.appendingPathComponent("report.html"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == first)
        // The small fieldlab saves € 18,046.20 and pays the cooperative € 9,574.54 net (EXPECTED.md).
        let page = String(decoding: first, as: UTF8.self)
        #expect(page.contains("data-figure=\"total-savings\" data-cents=\"1804620\">€ 18,046.20</span>"))
        #expect(page.contains("data-figure=\"net:coop\" data-cents=\"957454\">€ 9,574.54</span>"))

        let dutch = try CLI.run(["report", json, "--format", "html", "--locale", "nl", "--out", "-"])
        #expect(dutch.standardOutput.contains(">€ 18.046,20</span>"))
        #expect(dutch.standardOutput.contains("01-01-2026 tot en met 31-12-2026"))
        let csv = try CLI.run(["report", json, "--format", "csv", "--out", "-"])
        #expect(csv.standardOutput.contains("\ntotals,savings,,1804620,18046.20,0.095759\n"))
        // One Markdown report: settle's report.md is what `report --format markdown` renders from the JSON.
        let markdown = try CLI.run(["report", json, "--format", "markdown", "--out", "-"])
        let reportMD = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(markdown.standardOutput == reportMD)
        #expect(
            reportMD.contains(
                "| Zorgcoöperatie Oost-Achterhoek (coop) | provider | € 0.00 | € 9,574.54 | € 9,574.54 |"
            )
        )
        // The chance analysis with its tables: 90 % confidence needs an MSR of 39.669541 % by the
        // bootstrap; 12 members are too few to show a 9.6 % saving is more than chance.
        #expect(reportMD.contains("| 90 % | 39.669541 % | 39.189157 % |"))
        #expect(reportMD.contains("| 2 % | 49.4 % (494 of 1,000) |"))
    }

    @Test func writesTheDutchReportsWhenSettling() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let settled = try CLI.run([
            "settle", "Examples/small-fieldlab", "--out", folder.path, "--report", "html", "--locale", "nl", "--quiet",
        ])
        #expect(settled.status == 0, "\(settled.standardError)")
        for name in ["report.md", "report.html"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            // The outcome in Dutch: the providers earn 32.333 % of 18,046.20 = 5,834.88, less 116.70.
            #expect(
                text.contains(
                    "de zorgaanbieders verdienen 32,333 % (50 % × kwaliteitsscore 0,64666) van € 18.046,20: € 5.834,88, "
                        + "min een betalingskorting van € 116,70; uitbetaling € 5.718,18."
                ),
                "\(name)"
            )
            #expect(text.contains("01-01-2026 tot en met 31-12-2026"), "\(name)")
        }
        // settlement.json does not change with the locale of the reports: it records the outcome, not a sentence.
        let json = try String(contentsOf: folder.appendingPathComponent("settlement.json"), encoding: .utf8)
        #expect(json.contains("\"outcome\": \"savings-shared\",\n    \"quality\": \"multiply\","))
        #expect(!json.contains("18,046.20") && !json.contains("18.046,20"))
    }

    @Test func refusesWhatIsNotASettlement() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let broken = folder.appendingPathComponent("broken.json")
        try Data("{\"format\": \"capitation-settlement/1\", \"program\": 1.5}".utf8).write(to: broken)
        let syntax = try CLI.run(["report", broken.path])
        #expect(syntax.status == 2)
        #expect(syntax.standardError.contains("broken.json: not JSON: line 1, column 51: a fraction or exponent"))

        let incomplete = folder.appendingPathComponent("incomplete.json")
        try Data(
            """
            {"format": "capitation-settlement/1", "program": {"name": "capitation", "version": "0.1.0"},
             "contract": {"id": "x"}}
            """.utf8
        ).write(to: incomplete)
        let missing = try CLI.run(["report", incomplete.path])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("incomplete.json: contract.version: is missing"))

        let absent = try CLI.run(["report", folder.appendingPathComponent("none.json").path])
        #expect(absent.status == 2)
        #expect(absent.standardError.contains("none.json"))
        // Nothing was written for any of them.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "broken.json", "incomplete.json",
            ]
        )
    }

    @Test func saysWhenTheReportCannotBeWritten() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try CLI.run(["settle", "Examples/small-fieldlab", "--out", folder.path, "--quiet"])
        let json = folder.appendingPathComponent("settlement.json").path
        // The folder of the report is a file.
        let result = try CLI.run(["report", json, "--out", "/dev/null/report.html"])
        #expect(result.status == 4)
        #expect(result.standardError.contains("cannot write the outputs: /dev/null exists and is not a folder"))
    }
}
