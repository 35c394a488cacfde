import CapitationCore
import Foundation
import SettlementRunner

/// A fresh folder under the system's temporary folder, removed by ``remove()``.
struct TemporaryFolder {
    let url: URL

    init(url: URL) {
        self.url = url
    }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("capitation-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }

    func write(_ relative: String, _ text: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    /// Settles the settlement folder this is, into its `settlement/` folder (or `output`); `acceptIncomplete`
    /// is the reason to settle on claims that look incomplete, `stage` the settlement of a contract with a
    /// run-out (its baseline years in this folder), `provisional` the issued provisional settlement a final
    /// one trues up against.
    func settle(
        threads: Int,
        partitionBytes: Int = SettlementRun.defaultPartitionBytes,
        acceptIncomplete: String? = nil,
        stage: SettlementStage? = nil,
        output: String? = nil,
        provisional: String? = nil
    ) async throws -> SettlementRun.Outcome {
        let paths = try SettlementPaths.resolve(
            folder: path,
            contract: nil,
            population: nil,
            claims: [],
            indicators: [],
            output: output
        )
        var run = SettlementRun(paths: paths, threads: threads, partitionBytes: partitionBytes)
        run.acceptIncomplete = acceptIncomplete
        run.stage = stage
        run.baselineFolder = path
        run.provisionalSettlement = provisional
        return try await run.run()
    }

    /// The repository's folder, for the shipped examples.
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// A copy of the settlement folder `Examples/<name>` (without its outputs), to vary in a test.
    static func copyOfExample(_ name: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        let source = repository.appendingPathComponent("Examples/\(name)")
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) where item != "settlement" {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(item),
                to: folder.url.appendingPathComponent(item)
            )
        }
        return folder
    }
}
