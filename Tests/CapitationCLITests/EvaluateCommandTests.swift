import Foundation
import Testing

/// `capitation evaluate` as a user runs it: on a generated folder with baseline years and a comparison
/// population.
struct EvaluateCommandTests {
    @Test func printsTheEffectAndItsIntervalsAndFailsWell() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-cli-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        let generated = try CLI.run([
            "generate", "--members", "150", "--seed", "6", "--baseline-years", "2", "--comparison-members", "150",
            "--out", folder.path,
        ])
        #expect(generated.status == 0)

        let report = try CLI.run(["evaluate", folder.path, "--resamples", "20", "--threads", "2"])
        #expect(report.status == 0)
        for text in ["# Evaluation: ", "## Effect per person-year", "| total |", "95 % interval", "parallel trends"] {
            #expect(report.standardOutput.contains(text), "missing: \(text)")
        }
        let json = try CLI.run(["evaluate", folder.path, "--resamples", "20", "--json", "--confidence", "0.8,0.95"])
        #expect(json.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        )
        #expect(object["format"] as? String == "capitation-evaluation/1")
        let rows = try #require(object["rows"] as? [[String: Any]])
        #expect(rows.map { $0["regime"] as? String } == ["Zvw", "Wmo", "Wlz", "total"])
        #expect((rows[3]["intervals"] as? [[String: Any]])?.map { $0["level"] as? String } == ["0.8", "0.95"])
        // The same seed, the same bytes, whatever the threads.
        let again = try CLI.run([
            "evaluate", folder.path, "--resamples", "20", "--json", "--confidence", "0.8,0.95", "--threads", "3",
        ])
        #expect(again.standardOutput == json.standardOutput)

        #expect((object["net"] as? [String: Any])?["netEffectCents"] is Int)

        // The report as one HTML page, in Dutch, written to a file; the Markdown in Dutch too.
        let page = folder.appendingPathComponent("evaluatie.html").path
        let html = try CLI.run([
            "evaluate", folder.path, "--resamples", "20", "--format", "html", "--locale", "nl", "--out", page,
        ])
        #expect(html.status == 0 && html.standardOutput.isEmpty)
        #expect(html.standardError.contains("Wrote \(page)"))
        let written = try String(contentsOfFile: page, encoding: .utf8)
        #expect(written.hasPrefix("<!DOCTYPE html>\n<html lang=\"nl\">") && written.contains("<h2>Conclusie</h2>"))
        let dutch = try CLI.run(["evaluate", folder.path, "--resamples", "20", "--locale", "nl"])
        #expect(dutch.status == 0 && dutch.standardOutput.contains("## Bruto- en netto-effect voor de financiers"))
        let unwritable = try CLI.run([
            "evaluate", folder.path, "--resamples", "20", "--out",
            folder.appendingPathComponent("population.csv/x.md").path,
        ])
        // The folder to write in is a file.
        #expect(unwritable.status == 4 && unwritable.standardError.contains("cannot write"))

        for (arguments, message) in [
            (["--json", "--format", "html"], "--json and --format html ask for two formats"),
            (["--json", "--format", "markdown"], "--json and --format markdown ask for two formats"),
            (["--json", "--locale", "nl"], "--locale applies to the report"),
            (["--format", "json", "--locale", "nl"], "--locale applies to the report"),
        ] {
            let refused = try CLI.run(["evaluate", folder.path] + arguments)
            #expect(refused.status == 1 && refused.standardError.contains(message), "\(arguments)")
        }

        // One of the fieldlab's people on the comparison's roster too: refused as an evaluation, saying how
        // many but not who.
        let roster = folder.appendingPathComponent("comparison/population.csv")
        let original = try String(contentsOf: roster, encoding: .utf8)
        let fieldlabRow = try #require(
            try String(contentsOf: folder.appendingPathComponent("population.csv"), encoding: .utf8)
                .split(separator: "\n").dropFirst().first
        )
        try (original + fieldlabRow + "\n").write(to: roster, atomically: true, encoding: .utf8)
        let both = try CLI.run(["evaluate", folder.path, "--resamples", "5"])
        #expect(both.status == 3)
        #expect(
            both.standardError.contains(
                "error: evaluation refused: 1 person is in the fieldlab's population and in the comparison "
                    + "population in 2026"
            )
        )
        #expect(!both.standardError.contains(String(fieldlabRow.prefix(7))))
        try original.write(to: roster, atomically: true, encoding: .utf8)

        let badLevel = try CLI.run(["evaluate", folder.path, "--confidence", "1.5"])
        #expect(badLevel.status == 1)
        #expect(badLevel.standardError.contains("is not a level between 0 and 1"))

        let comparison = folder.appendingPathComponent("comparison")
        try FileManager.default.removeItem(at: comparison.appendingPathComponent("baseline/2024"))
        let missingYear = try CLI.run(["evaluate", folder.path, "--resamples", "20"])
        #expect(missingYear.status == 2)
        #expect(missingYear.standardError.contains("comparison/baseline/2024/ with population.csv and claims/"))
        try FileManager.default.removeItem(at: comparison)
        let missing = try CLI.run(["evaluate", folder.path, "--resamples", "20"])
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("there is no comparison population"))
    }
}
