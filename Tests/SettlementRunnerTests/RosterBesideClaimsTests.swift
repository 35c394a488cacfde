import CapitationCore
import Foundation
import SettlementRunner
import Testing

/// With more than one thread the roster is read beside the claims; what fails is reported as when the
/// roster is read first, on one thread.
struct RosterBesideClaimsTests {
    /// The located problems of the invalid input that settling `folder` on `threads` threads fails with.
    private func failure(_ folder: TemporaryFolder, threads: Int) async -> [Diagnostic] {
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

    // A roster whose second member has no birth date, beside claim files that read well: the roster's
    // error, on any number of threads, and nothing settled.
    @Test func reportsABrokenRosterReadBesideTheClaims() async throws {
        let folder = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { folder.remove() }
        var roster = try String(contentsOfFile: folder.path("population.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        roster[2] = roster[2].replacing(/,\d{4}-\d{2}-\d{2},/, with: ",,", maxReplacements: 1)
        try folder.write("population.csv", roster.joined(separator: "\n"))
        let one = await failure(folder, threads: 1)
        #expect(one.count == 1)
        #expect(one.first?.location?.path == folder.path("population.csv"), "\(one)")
        #expect(one.first?.location?.line == 3, "\(one)")
        #expect(await failure(folder, threads: 2) == one)
        #expect(!FileManager.default.fileExists(atPath: folder.path("settlement/settlement.json")))
    }

    // Both the roster and a claim file broken (its header names no claim column): the roster's error is
    // the one reported, as when it is read first, and not the claim file's.
    @Test func reportsTheRostersFailureBeforeAClaimFilesOne() async throws {
        let folder = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { folder.remove() }
        try folder.write("population.csv", "member_id,birth_date\nM1,1950-01-01\n")
        try folder.write("claims/wmo.csv", "what,ever\n1,2\n")
        let one = await failure(folder, threads: 1)
        #expect(!one.isEmpty)
        #expect(one.allSatisfy { $0.location?.path == folder.path("population.csv") }, "\(one)")
        #expect(await failure(folder, threads: 2) == one)
        // The claim file's own error, once the roster is whole again.
        let whole = TemporaryFolder.repository.appendingPathComponent("Examples/small-fieldlab/population.csv")
        try folder.write("population.csv", String(contentsOf: whole, encoding: .utf8))
        let claims = await failure(folder, threads: 2)
        #expect(
            claims.contains { $0.location?.path == folder.path("claims/wmo.csv") && $0.location?.line == 1 },
            "\(claims)"
        )
    }
}

/// With more than one thread `rejected-claims.csv` is merged while the settlement is calculated; a
/// settlement refused then leaves nothing behind, as when the rows were merged after it.
struct RejectedRowsBesideTheSettlementTests {
    // The indicators removed: the calculation refuses to settle (the quality score changes the payment),
    // after the rows were merged beside it. No rejected-claims.csv, no temporary file: the output folder
    // the run made is removed again. On one thread the same refusal.
    @Test func leavesNothingWhenTheSettlementIsRefused() async throws {
        let folder = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: folder.path("indicators.csv"))
        var messages: [String] = []
        for threads in [2, 1] {
            do {
                _ = try await folder.settle(threads: threads)
                Issue.record("settled without its indicators")
            } catch let error as RunError {
                // The engine refused, for an indicator without observations.
                guard error.code == .settlementRefused, error.settlement == .unobservedIndicators else {
                    Issue.record("\(error)")
                    continue
                }
                messages.append(error.message)
            }
            #expect(!FileManager.default.fileExists(atPath: folder.path("settlement")), "\(threads) threads")
        }
        #expect(messages.count == 2)
        #expect(messages.first == messages.last)
        #expect(messages.first?.contains("indicator 'acute-admissions' has no observations") == true)
        // Settled whole, the prepared file is put in place under its name.
        try FileManager.default.copyItem(
            atPath: TemporaryFolder.repository.appendingPathComponent("Examples/small-fieldlab/indicators.csv").path,
            toPath: folder.path("indicators.csv")
        )
        _ = try await folder.settle(threads: 2)
        let written = try FileManager.default.contentsOfDirectory(atPath: folder.path("settlement")).sorted()
        #expect(written == ["rejected-claims.csv", "report.md", "settlement.json"])
    }
}
