import Foundation
import Testing

/// `capitation verify`: an untouched settlement verifies with exit 0; a cent changed anywhere a rule
/// reaches is named with its step, field, recorded and recomputed value, with exit 5.
struct VerifyCommandTests {
    /// The small fieldlab settled into a fresh folder; returns the folder and its settlement.json's text.
    private func settled() throws -> (folder: URL, json: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-verify-\(UUID().uuidString)"
        )
        let result = try CLI.run(["settle", "Examples/small-fieldlab", "--out", folder.path, "--quiet"])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try String(contentsOf: folder.appendingPathComponent("settlement.json"), encoding: .utf8)
        return (folder, json)
    }

    /// `json` with `old` replaced by `new` once, after `anchor` when given, written as `name` in `folder`.
    private func tampered(
        _ json: String,
        _ old: String,
        _ new: String,
        after anchor: String? = nil,
        in folder: URL,
        as name: String
    ) throws -> String {
        let start = try anchor.map { try #require(json.range(of: $0)).upperBound } ?? json.startIndex
        let range = try #require(json.range(of: old, range: start..<json.endIndex))
        let path = folder.appendingPathComponent(name).path
        try json.replacingCharacters(in: range, with: new).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func verifiesAnUntouchedSettlementWithAndWithoutItsInputs() throws {
        let (folder, _) = try settled()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("settlement.json").path
        let alone = try CLI.run(["verify", path])
        #expect(alone.status == 0, "\(alone.standardOutput)\(alone.standardError)")
        #expect(
            alone.standardOutput.hasPrefix(
                "Verified \(path): contract 'small-fieldlab-2026' version 1 (2026-01-01..2026-12-31)\n"
                    + "  recomputed     20 steps, "
            )
        )
        #expect(alone.standardOutput.contains("figures: each as recorded\n  not shown      population, "))
        let withInputs = try CLI.run(["verify", path, "--inputs", "Examples/small-fieldlab"])
        #expect(withInputs.status == 0, "\(withInputs.standardOutput)\(withInputs.standardError)")
        #expect(
            withInputs.standardOutput.hasSuffix(
                "  inputs         7 files: each with its recorded SHA-256\n"
                    + "  settled again  the same settlement.json, byte for byte\n"
            )
        )
    }

    // The four tamperings of the audit, each caught with exit 5:
    // - a cent in a party's net: the insurer pays 1,698.35 + 424.59 = 2,122.94 to the providers, so its net
    //   is −2,122.94, not −2,122.95, and the nets no longer sum to zero;
    // - a step's result: the Zvw capitation budget is 3,650.00 × 5,525.744 ÷ 365 × 1.02 = 56,362.5888,
    //   56,362.59, not 56,362.60;
    // - the rounding: the Wmo capitation budget is 1,095.00 × 5,525.744 ÷ 365 = 16,577.232, which rounds
    //   half-even to 16,577.23 as recorded, but up (ceiling) to 16,577.24;
    // - an input file: one euro more on a Zvw claim line changes its SHA-256 and, settled again, the Zvw claims.
    @Test func catchesEachTampering() throws {
        let (folder, json) = try settled()
        defer { try? FileManager.default.removeItem(at: folder) }
        let net = try tampered(
            json,
            "\"netCents\": -212294",
            "\"netCents\": -212295",
            after: "\"parties\": [",
            in: folder,
            as: "net.json"
        )
        let step = try tampered(
            json,
            "\"capitationBudgetCents\": 5636259",
            "\"capitationBudgetCents\": 5636260",
            after: "\"step\": \"budget.Zvw\"",
            in: folder,
            as: "step.json"
        )
        let rounding = try tampered(
            json,
            "\"rounding\": \"half-even\"",
            "\"rounding\": \"ceiling\"",
            in: folder,
            as: "rounding.json"
        )
        for (path, line) in [
            (
                net,
                "  parties: parties[insurer-a].netCents: recorded -212295 (-€ 2,122.95), recomputed -212294 (-€ 2,122.94)\n"
            ),
            (net, "  parties: parties[].netCents: recorded a sum of -1, recomputed a sum of 0\n"),
            (
                step,
                "  budget.Zvw: result.capitationBudgetCents: recorded 5636260 (€ 56,362.60), recomputed 5636259 (€ 56,362.59)\n"
            ),
            (
                rounding,
                "  budget.Wmo: result.capitationBudgetCents: recorded 1657723 (€ 16,577.23), recomputed 1657724 (€ 16,577.24)\n"
            ),
        ] {
            let result = try CLI.run(["verify", path])
            #expect(result.status == 5, "\(path): \(result.standardOutput)")
            #expect(result.standardOutput.contains(line), "\(result.standardOutput)")
            #expect(result.standardOutput.hasPrefix("\(path) does not verify: "))
        }
        let stepResult = try CLI.run(["verify", step])
        #expect(stepResult.standardOutput.hasPrefix("\(step) does not verify: 1 discrepancy ("))

        // The input: a copy of the folder with Z001 at 121.00 instead of 120.00.
        let copy = folder.appendingPathComponent("inputs")
        try FileManager.default.copyItem(at: CLI.repository.appendingPathComponent("Examples/small-fieldlab"), to: copy)
        let claims = copy.appendingPathComponent("claims/zvw.csv")
        let text = try String(contentsOf: claims, encoding: .utf8)
        try text.replacing(",120.00,D,", with: ",121.00,D,", maxReplacements: 1).write(
            to: claims,
            atomically: true,
            encoding: .utf8
        )
        let input = try CLI.run([
            "verify", folder.appendingPathComponent("settlement.json").path, "--inputs", copy.path,
        ])
        #expect(input.status == 5)
        #expect(input.standardOutput.contains("  inputs         7 files: 1 missing or changed\n"))
        #expect(
            input.standardOutput.contains("  inputs: claims Examples/small-fieldlab/claims/zvw.csv: recorded sha256 ")
        )
        #expect(
            input.standardOutput.contains(
                "  settled again: regimes[Zvw].claimsCents: recorded 4773050 (€ 47,730.50), recomputed 4773150 (€ 47,731.50)\n"
            )
        )
    }

    @Test func refusesWhatIsNotASettlementAndMisuse() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-verify-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("other.json").path
        try "{\"format\": \"capitation-comparison/1\"}".write(toFile: path, atomically: true, encoding: .utf8)
        let other = try CLI.run(["verify", path])
        #expect(other.status == 2)
        #expect(
            other.standardError
                == "\(path): error: not a settlement.json of format capitation-settlement/3, /2 or /1: its format is "
                + "capitation-comparison/1\n"
        )
        let misuse = try CLI.run(["verify", path, "--provisional", path])
        #expect(misuse.status == 1)
        #expect(misuse.standardError.contains("--provisional applies to --inputs"))
    }
}
