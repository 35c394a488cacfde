import CapitationCore
import Foundation
import SettlementRunner
import SyntheticData
import Testing

// The same inputs give the same settlement.json, whatever the number of threads, the order of the claim
// lines, or how they are split over files. (When the files themselves differ, only `inputs`, which lists
// the files and their SHA-256, differs.)
struct DeterminismTests {
    private static let claimHeader =
        "claim_id,member_id,regime,payer,provider,category,product,start_date,end_date,amount,debit_credit,corrects"

    /// Settles `folder` and returns settlement.json's text.
    private func settle(_ folder: TemporaryFolder, threads: Int) async throws -> String {
        _ = try await folder.settle(threads: threads)
        return try String(contentsOfFile: folder.path("settlement/settlement.json"), encoding: .utf8)
    }

    /// settlement.json without its `inputs`.
    private func withoutInputs(_ json: String) throws -> NSDictionary {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        object["inputs"] = nil
        // The warnings about unreadable lines name the files they are in.
        object["warnings"] = nil
        return object as NSDictionary
    }

    /// Every claim line of the example (without headers and byte order marks), with CRLF made LF.
    private func exampleClaimLines() throws -> [String] {
        let folder = TemporaryFolder.repository.appendingPathComponent("Examples/small-fieldlab/claims")
        var lines: [String] = []
        for name in ["wlz.csv", "wmo.csv", "zvw.csv"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
                .replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(of: "\r\n", with: "\n")
            lines += text.split(separator: "\n").dropFirst().map(String.init)
        }
        return lines
    }

    /// Replaces the claim files (not the financiers' answers) by `files` of claim lines, each with `header`.
    private func rewriteClaims(_ folder: TemporaryFolder, _ files: [[String]], header: String = claimHeader) throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path("claims"))
        where name != "answers.csv" {
            try FileManager.default.removeItem(atPath: folder.path("claims/\(name)"))
        }
        for (index, lines) in files.enumerated() {
            try folder.write("claims/part-\(index).csv", ([header] + lines).joined(separator: "\n") + "\n")
        }
    }

    @Test func givesTheSameBytesWithAnyNumberOfThreads() async throws {
        let folder = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { folder.remove() }
        let reference = try await settle(folder, threads: 1)
        let rejected = try String(contentsOfFile: folder.path("settlement/rejected-claims.csv"), encoding: .utf8)
        for threads in [2, 3, 8] {
            #expect(try await settle(folder, threads: threads) == reference, "\(threads) threads")
            let again = try String(contentsOfFile: folder.path("settlement/rejected-claims.csv"), encoding: .utf8)
            #expect(again == rejected, "\(threads) threads")
        }
    }

    @Test func ignoresTheOrderAndSplitOfClaimLines() async throws {
        let folder = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { folder.remove() }
        // Split seven ways, a file of eight lines may hold two of the example's unreadable lines: allow
        // any share, so that every split settles and the comparison is of the figures alone.
        let contract = try String(contentsOfFile: folder.path("contract.xml"), encoding: .utf8)
        try folder.write(
            "contract.xml",
            contract.replacing(
                "<reconciliation straddling=\"by-start-date\"/>",
                with: "<reconciliation straddling=\"by-start-date\" invalidLinesPercent=\"100\"/>"
            )
        )
        let reference = try withoutInputs(try await settle(folder, threads: 2))
        let lines = try exampleClaimLines()
        var generator = SeededGenerator(seed: 2026)
        let variants: [[[String]]] = [
            [lines],  // one file
            [lines.shuffled(using: &generator)],  // one file, shuffled
            [lines.reversed()],
            (0..<7).map { part in lines.enumerated().filter { $0.offset % 7 == part }.map(\.element) },  // seven files
        ]
        for (index, files) in variants.enumerated() {
            try rewriteClaims(folder, files)
            #expect(
                try withoutInputs(try await settle(folder, threads: index % 2 + 1)) == reference,
                "variant \(index)"
            )
        }
        // A real change in the claims does change the settlement: the comparison is not vacuous.
        try rewriteClaims(folder, [Array(lines.dropLast())])
        #expect(try withoutInputs(try await settle(folder, threads: 2)) != reference)
    }

    // Generated fieldlabs from three seeds (with ghost claimants, late lines, credits, duplicates and
    // broken lines): each gives the same settlement with one thread or three, and with its claim lines
    // shuffled and dealt over five files.
    @Test(arguments: [UInt64(3), 8, 13])
    func givesTheSameSettlementOfAGeneratedFieldlab(seed: UInt64) async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try SyntheticFieldlab(members: 300, seed: seed, year: 2026).write(to: folder.path)
        let reference = try withoutInputs(try await settle(folder, threads: 1))
        #expect(try withoutInputs(try await settle(folder, threads: 3)) == reference, "seed \(seed)")
        var lines: [String] = []
        // The claim lines, not the financiers' answers to them, which stay in their own file.
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path("claims")).sorted()
        where name != "answers.csv" {
            let text = try String(contentsOfFile: folder.path("claims/\(name)"), encoding: .utf8)
            lines += text.split(separator: "\n").dropFirst().map(String.init)
        }
        #expect(lines.count > 1_000)
        var generator = SeededGenerator(seed: seed)
        lines.shuffle(using: &generator)
        // Generated claim files say when each line was received.
        try rewriteClaims(
            folder,
            (0..<5).map { part in lines.enumerated().filter { $0.offset % 5 == part }.map(\.element) },
            header: Self.claimHeader + ",received_date"
        )
        #expect(try withoutInputs(try await settle(folder, threads: 2)) == reference, "seed \(seed), shuffled")
    }
}
