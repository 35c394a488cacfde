import Foundation
import Testing

/// `capitation simulate` as a user runs it: tables or JSON on standard output, nothing written, the same
/// figures whatever the number of threads.
struct SimulateCommandTests {
    private let example = CLI.repository.appendingPathComponent("Examples/small-fieldlab").path

    @Test func printsTheChanceTablesAndWritesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-cli-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for item in ["contract.xml", "population.csv", "claims", "indicators.csv", "indicators"] {
            try FileManager.default.copyItem(
                at: URL(fileURLWithPath: example).appendingPathComponent(item),
                to: folder.appendingPathComponent(item)
            )
        }
        let result = try CLI.run(["simulate", folder.path, "--resamples", "400", "--true-saving", "1,10"])
        #expect(result.status == 0)
        for text in [
            "# Chance: Small worked fieldlab", "12 members resampled with replacement 400 times (seed 1)",
            "| settled savings rate | 9.5759 % |", "probability of a payout by chance (MSR 2 %)",
            "## Minimum savings rate needed", "| 90 % |", "| 10 % |",
        ] {
            #expect(result.standardOutput.contains(text), "missing: \(text)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("settlement").path))
    }

    @Test func printsTheSameJSONWhateverTheThreads() throws {
        let one = try CLI.run(["simulate", example, "--resamples", "301", "--seed", "5", "--json", "--threads", "1"])
        let three = try CLI.run(["simulate", example, "--resamples", "301", "--seed", "5", "--json", "--threads", "3"])
        #expect(one.status == 0)
        #expect(one.standardOutput == three.standardOutput)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(one.standardOutput.utf8)) as? [String: Any]
        )
        let chance = try #require(json["chance"] as? [String: Any])
        #expect(chance["resamples"] as? Int == 301)
        #expect(chance["seed"] as? String == "5")
        #expect(chance["observedRate"] as? String == "0.095759")
        let other = try CLI.run(["simulate", example, "--resamples", "301", "--seed", "6", "--json"])
        #expect(other.standardOutput != one.standardOutput)
    }

    @Test(arguments: [
        ["--confidence", "100"], ["--confidence", "95,x"], ["--interval", "0"], ["--true-saving", "101"],
        ["--resamples", "0"],
    ])
    func exitsOneOnABadOption(option: [String]) throws {
        let result = try CLI.run(["simulate", example] + option)
        #expect(result.status == 1)
        #expect(result.standardError.contains(option[0]))
    }
}
