import CapitationCore
import Foundation
import SettlementRunner
import SyntheticData
import Testing

/// A municipality's year of WMO323 messages, one per provider and month, read side by side on all threads:
/// the same settlement as read one after the other, and the same error as the first broken message in file
/// order gives.
struct ManyMessagesTests {
    /// The error of settling `folder` with `threads`, line by line; empty when it settles.
    private func error(settling folder: TemporaryFolder, threads: Int) async -> [Diagnostic] {
        do {
            _ = try await folder.settle(threads: threads)
            Issue.record("settled, but should have failed")
            return []
        } catch let error as RunError {
            #expect(error.code == .invalidInput)
            return error.diagnostics
        } catch {
            Issue.record("\(error)")
            return []
        }
    }

    /// Makes the message of `month` in the native-formats example end before its last element.
    private func cut(_ folder: TemporaryFolder, month: String) throws {
        let path = folder.path("claims/wmo323-winterswijk-2026-\(month).xml")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try folder.write(
            "claims/wmo323-winterswijk-2026-\(month).xml",
            text.replacing("</wmo323:Bericht>", with: "")
        )
    }

    @Test func readsAGeneratedYearOfMessagesTheSameOnAnyNumberOfThreads() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try SyntheticFieldlab(members: 400, seed: 19, year: 2026, format: .native).write(to: folder.path)
        let messages = try FileManager.default.contentsOfDirectory(atPath: folder.path("claims"))
            .filter { $0.hasPrefix("wmo323-") }
        // One provider, twelve months and the January after (credits of December travel a month later).
        #expect(messages.count == 13)
        _ = try await folder.settle(threads: 1)
        let reference = try Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/settlement.json")))
        let rejected = try Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/rejected-claims.csv")))
        for (threads, partitionBytes) in [(2, SettlementRun.defaultPartitionBytes), (3, 1 << 10), (8, 1 << 12)] {
            let outcome = try await folder.settle(threads: threads, partitionBytes: partitionBytes)
            #expect(outcome.settlement.inputs.filter { $0.format == "iwmo-wmo323" }.count == 13)
            let json = try Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/settlement.json")))
            let csv = try Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/rejected-claims.csv")))
            #expect(json == reference, "\(threads) threads, partitions of \(partitionBytes) bytes")
            #expect(csv == rejected, "\(threads) threads, partitions of \(partitionBytes) bytes")
        }
    }

    @Test func reportsTheFirstBrokenMessageInFileOrder() async throws {
        let folder = try TemporaryFolder.copyOfExample("native-formats")
        defer { folder.remove() }
        // April and June are cut short; April comes first, whichever thread finishes first.
        try cut(folder, month: "04")
        try cut(folder, month: "06")
        let alone = await error(settling: folder, threads: 1)
        #expect(alone.first?.location?.path == folder.path("claims/wmo323-winterswijk-2026-04.xml"), "\(alone)")
        for threads in [2, 3, 5] {
            #expect(await error(settling: folder, threads: threads) == alone, "\(threads) threads")
        }
    }

    @Test func reportsABrokenLastMessageAfterTheOthersAreRead() async throws {
        let folder = try TemporaryFolder.copyOfExample("native-formats")
        defer { folder.remove() }
        try cut(folder, month: "07")
        let alone = await error(settling: folder, threads: 1)
        #expect(alone.first?.location?.path == folder.path("claims/wmo323-winterswijk-2026-07.xml"), "\(alone)")
        #expect(await error(settling: folder, threads: 4) == alone)
    }

    @Test func findsTheAnswersOfMessagesReadSideBySide() async throws {
        let folder = try TemporaryFolder.copyOfExample("native-formats")
        defer { folder.remove() }
        _ = try await folder.settle(threads: 1)
        let alone = try Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/settlement.json")))
        let beside = try await folder.settle(threads: 4).settlement
        // The example's figures (EXPECTED.md): five lines refused by the financier, 3,892.50 in all.
        let refused = try #require(beside.reconciliation.rejected.first { $0.reason == .refusedByFinancier })
        #expect(refused.total.lines == 5)
        #expect(refused.total.amount == Cents(389_250))
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/settlement.json"))) == alone)
    }

    @Test func ordersTheRowsOfMessagesWrittenOnOneLineTheSameWithAnyPartitions() async throws {
        let folder = try TemporaryFolder.copyOfExample("native-formats")
        defer { folder.remove() }
        // Each message on one line: the rejected services of several members share a line, and with
        // partitions of 1 KiB they are reconciled in different partitions, finishing in any order.
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path("claims"))
        where name.hasPrefix("wmo323-") {
            let text = try String(contentsOfFile: folder.path("claims/\(name)"), encoding: .utf8)
            try folder.write("claims/\(name)", text.replacing("\n", with: "") + "\n")
        }
        _ = try await folder.settle(threads: 1)
        let reference = try String(contentsOfFile: folder.path("settlement/rejected-claims.csv"), encoding: .utf8)
        let onOneLine = reference.split(separator: "\n").filter {
            $0.contains("/claims/wmo323-") && $0.contains(".xml,1,")
        }
        #expect(Set(onOneLine.map { $0.split(separator: ",")[2] }).count >= 3, "\(onOneLine)")
        for threads in [2, 3, 8] {
            for _ in 0..<3 {
                _ = try await folder.settle(threads: threads, partitionBytes: 1 << 10)
                let rows = try String(contentsOfFile: folder.path("settlement/rejected-claims.csv"), encoding: .utf8)
                #expect(rows == reference, "\(threads) threads")
            }
        }
    }
}
