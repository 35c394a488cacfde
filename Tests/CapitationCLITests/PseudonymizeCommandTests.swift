import Foundation
import Testing

/// `capitation pseudonymize` as a user runs it, and `settle` on claims in the native formats.
struct PseudonymizeCommandTests {
    private let key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"

    private func temporary() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-cli-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The nine-digit members of the example's roster and claims (BSNs from the test range).
    private func bsns() throws -> [String] {
        let roster = try String(
            contentsOf: CLI.repository.appendingPathComponent("Examples/native-formats/population.csv"),
            encoding: .utf8
        )
        return roster.split(separator: "\n").dropFirst().map { String($0.prefix(9)) } + ["999990093", "999990050"]
    }

    @Test func writesACopyThatSettlesAlikeWithTheKeyFromAFileOrTheEnvironment() throws {
        let folder = try temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        let keyFile = folder.appendingPathComponent("pseudonym.key")
        try Data((key + "\n").utf8).write(to: keyFile)
        let fromFile = folder.appendingPathComponent("from-file")
        var result = try CLI.run([
            "pseudonymize", "Examples/native-formats", "--key-file", keyFile.path, "--out", fromFile.path,
        ])
        #expect(result.status == 0)
        #expect(
            result.standardError.hasPrefix("Pseudonymised 8 distinct member numbers in 16 files into \(fromFile.path):")
        )
        let fromEnvironment = folder.appendingPathComponent("from-environment")
        result = try CLI.run(
            ["pseudonymize", "Examples/native-formats", "--out", fromEnvironment.path, "--quiet"],
            environment: ["CAPITATION_PSEUDONYM_KEY": key]
        )
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        // The same key gives the same files.
        for name in [
            "population.csv", "claims/zorgkantoor-declaratie-2026.asc", "claims/wmo323-winterswijk-2026-04.xml",
            "claims/wmo325-winterswijk-2026-04.xml", "claims/wijkverpleging-elv-2026-antwoorden.csv",
        ] {
            #expect(
                try Data(contentsOf: fromFile.appendingPathComponent(name))
                    == Data(contentsOf: fromEnvironment.appendingPathComponent(name))
            )
        }
        result = try CLI.run(["settle", fromFile.path])
        #expect(result.status == 0)
        #expect(
            result.standardError.contains(
                "net         insurer-a -€ 632.00, winterswijk -€ 131.00, zk-achterhoek -€ 1,293.00, coop € 2,056.00"
            )
        )
        var everything = result.standardError + result.standardOutput
        let enumerator = FileManager.default.enumerator(at: fromFile, includingPropertiesForKeys: nil)
        while let file = enumerator?.nextObject() as? URL {
            if let text = try? String(contentsOf: file, encoding: .utf8) { everything += text }
        }
        for bsn in try bsns() { #expect(!everything.contains(bsn), "\(bsn)") }
    }

    @Test func refusesToRunWithoutAGoodKeyOrOverAnExistingFolder() throws {
        let folder = try temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("copy").path
        var result = try CLI.run(["pseudonymize", "Examples/native-formats", "--out", out])
        #expect(result.status == 1)
        #expect(result.standardError.contains("No key: give --key-file or set CAPITATION_PSEUDONYM_KEY"))
        let short = folder.appendingPathComponent("short.key")
        try Data("secret\n".utf8).write(to: short)
        result = try CLI.run(["pseudonymize", "Examples/native-formats", "--key-file", short.path, "--out", out])
        #expect(result.status == 2)
        #expect(result.standardError.contains("the key in \(short.path) has 6 bytes; a key needs at least 32"))
        #expect(!FileManager.default.fileExists(atPath: out))
        try Data("x".utf8).write(to: folder.appendingPathComponent("occupied"))
        result = try CLI.run(
            ["pseudonymize", "Examples/native-formats", "--out", folder.path],
            environment: ["CAPITATION_PSEUDONYM_KEY": key]
        )
        #expect(result.status == 4)
        #expect(result.standardError.contains("already exists; give a new folder for the pseudonymised copy"))
    }

    /// A file that cannot be pseudonymised, after others were written, leaves nothing behind; a trailing
    /// slash on --out makes no difference.
    @Test func leavesNothingBehindWhenAFileCannotBePseudonymised() throws {
        let folder = try temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("case")
        try FileManager.default.copyItem(
            at: CLI.repository.appendingPathComponent("Examples/native-formats"),
            to: source
        )
        try? FileManager.default.removeItem(at: source.appendingPathComponent("settlement"))
        // The last claim file in path order gets a record the pseudonymiser cannot place.
        let last = source.appendingPathComponent("claims/zorgkantoor-declaratie-2026.asc")
        var text = try String(contentsOf: last, encoding: .utf8)
        text = text.replacing("\r\n99", with: "\r\n07" + String(repeating: " ", count: 308) + "\r\n99")
        try Data(text.utf8).write(to: last)
        let result = try CLI.run(
            ["pseudonymize", source.path, "--out", folder.appendingPathComponent("copy").path + "/"],
            environment: ["CAPITATION_PSEUDONYM_KEY": key]
        )
        #expect(result.status == 2)
        #expect(result.standardError.contains("an unknown record kind '07'; only AW319 records can be pseudonymised"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["case"])

        try Data(
            try Data(
                contentsOf: CLI.repository.appendingPathComponent(
                    "Examples/native-formats/claims/zorgkantoor-declaratie-2026.asc"
                )
            )
        ).write(to: last)
        let fine = try CLI.run(
            ["pseudonymize", source.path, "--out", folder.appendingPathComponent("copy").path + "/", "--quiet"],
            environment: ["CAPITATION_PSEUDONYM_KEY": key]
        )
        #expect(fine.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["case", "copy"])
    }

    @Test func settlesClaimsInTheNativeFormatsWithoutPrintingABSN() throws {
        let folder = try temporary()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["settle", "Examples/native-formats", "--out", folder.path])
        #expect(result.status == 0)
        #expect(result.standardError.contains("claims      30 lines: 14 accepted (€ 47,542.50), 16 rejected"))
        var everything = result.standardError + result.standardOutput
        for name in ["settlement.json", "report.md", "rejected-claims.csv"] {
            everything += try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        for bsn in try bsns() { #expect(!everything.contains(bsn), "\(bsn)") }
    }
}
