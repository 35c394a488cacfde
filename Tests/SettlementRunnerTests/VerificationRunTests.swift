import CapitationCore
import Foundation
import SettlementRunner
import SettlementVerification
import Testing

/// `capitation verify` as an auditor runs it: on a settlement.json with a copy of the folder it was made from.
struct VerificationRunTests {
    /// Verifies `settlement` with the input files in `inputs`.
    private static func verify(
        _ settlement: String,
        inputs: String?,
        provisional: String? = nil
    ) async throws -> VerificationRun.Outcome {
        var run = VerificationRun(settlementPath: settlement, inputsFolder: inputs, threads: 2)
        run.provisionalPath = provisional
        return try await run.run()
    }

    private static func isIdentical(_ outcome: VerificationRun.Outcome) -> Bool {
        if case .identical? = outcome.settledAgain { return true }
        return false
    }

    // A settlement.json of format 2, written by the version before format 3 (Fixtures/format-2-settlement.json)
    // of small-fieldlab with a sharing rate of 0.5 %, a minimum quality score of 0.9 and no Wlz claims,
    // accepted as incomplete: its warnings (the contract's, two files' unreadable lines, the failed gate),
    // its gate failure and its finding were English sentences. Settled again by this version in that format,
    // it is the same byte for byte: the sentences are said as they were.
    @Test func verifiesASettlementOfFormat2ByteForByte() async throws {
        let folder = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { folder.remove() }
        let contract = try String(contentsOfFile: folder.path("contract.xml"), encoding: .utf8)
            .replacing("<sharingRate percent=\"50\"", with: "<sharingRate percent=\"0.5\"")
            .replacing("minimumScore=\"0.40\"", with: "minimumScore=\"0.90\"")
        try folder.write("contract.xml", contract)
        try FileManager.default.removeItem(atPath: folder.path("claims/wlz.csv"))
        let fixture = TemporaryFolder.repository.appendingPathComponent(
            "Tests/SettlementRunnerTests/Fixtures/format-2-settlement.json"
        )
        let text = try String(contentsOf: fixture, encoding: .utf8)
        #expect(text.hasPrefix("{\n  \"format\": \"capitation-settlement/2\""))
        #expect(text.contains("\"the score 0.64666 is below the minimum 0.9\""))
        try folder.write("old/settlement.json", text)
        let outcome = try await Self.verify(folder.path("old/settlement.json"), inputs: folder.path)
        #expect(outcome.discrepancies.isEmpty, "\(outcome.discrepancies)")
        // The same bytes; once the program's version moves on, the same but for the version.
        switch outcome.settledAgain {
        case .identical?, .identicalButVersion?: break
        default: Issue.record("settled again: \(String(describing: outcome.settledAgain))")
        }
    }

    // Each shipped settlement folder, settled, verifies against a copy of its inputs somewhere else: every
    // step recomputed, every input's SHA-256 as recorded, and the settlement made again byte for byte,
    // though the copy's paths are not those recorded.
    @Test(arguments: ["small-fieldlab", "native-formats"])
    func verifiesEachExampleAgainstACopyOfItsInputs(name: String) async throws {
        let folder = try TemporaryFolder.copyOfExample(name)
        let copy = try TemporaryFolder.copyOfExample(name)
        defer {
            folder.remove()
            copy.remove()
        }
        _ = try await folder.settle(threads: 2)
        let outcome = try await Self.verify(folder.path("settlement/settlement.json"), inputs: copy.path)
        #expect(outcome.discrepancies.isEmpty, "\(outcome.discrepancies)")
        #expect(Self.isIdentical(outcome))
        #expect(outcome.inputs.count > 3 && outcome.inputs.allSatisfy { $0.status == .matches })
        #expect(outcome.inputs.allSatisfy { $0.path.hasPrefix(copy.path) && !$0.recordedPath.hasPrefix(copy.path) })
        #expect(outcome.report.checks > 150)
        #expect(outcome.unrecorded.isEmpty)
    }

    // A provisional settlement (with its estimate from the baseline years) and the final one trued up
    // against it as issued both verify; the issued provisional settlement is an input like the others.
    @Test func verifiesAProvisionalAndAFinalSettlement() async throws {
        let folder = try RunOutRunTests.fieldlab()
        defer { folder.remove() }
        let provisional = folder.path("provisional")
        _ = try await folder.settle(threads: 2, stage: .provisional, output: provisional)
        _ = try await folder.settle(
            threads: 2,
            stage: .final,
            output: folder.path("final"),
            provisional: provisional + "/settlement.json"
        )
        let first = try await Self.verify(provisional + "/settlement.json", inputs: folder.path)
        #expect(first.discrepancies.isEmpty, "\(first.discrepancies)")
        #expect(first.report.stepsRecomputed.contains("completion.Zvw"))
        #expect(Self.isIdentical(first))
        let final = try await Self.verify(folder.path("final/settlement.json"), inputs: folder.path)
        #expect(final.discrepancies.isEmpty, "\(final.discrepancies)")
        #expect(final.inputs.contains { $0.role == "provisional settlement" && $0.status == .matches })
        #expect(Self.isIdentical(final))
    }

    // An issued provisional settlement outside the inputs folder is found where it was recorded.
    @Test func findsAProvisionalSettlementWhereItWasRecorded() async throws {
        let folder = try RunOutRunTests.fieldlab()
        let elsewhere = try TemporaryFolder()
        defer {
            folder.remove()
            elsewhere.remove()
        }
        _ = try await folder.settle(threads: 2, stage: .provisional, output: elsewhere.path)
        _ = try await folder.settle(
            threads: 2,
            stage: .final,
            output: folder.path("final"),
            provisional: elsewhere.path("settlement.json")
        )
        let final = try await Self.verify(folder.path("final/settlement.json"), inputs: folder.path)
        #expect(final.discrepancies.isEmpty, "\(final.discrepancies)")
        #expect(final.inputs.contains { $0.path == elsewhere.path("settlement.json") })
    }

    // A settlement made on claims accepted as incomplete is made again with the reason it records; without
    // that record, settling again is refused, which is a discrepancy and not a failure of the verification.
    @Test func settlesAgainWithTheAcceptanceItRecords() async throws {
        let folder = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: folder.path("claims/wlz.csv"))
        _ = try await folder.settle(threads: 1, acceptIncomplete: "the Wlz claims follow")
        let path = folder.path("settlement/settlement.json")
        let accepted = try await Self.verify(path, inputs: folder.path)
        #expect(accepted.discrepancies.isEmpty, "\(accepted.discrepancies)")
        #expect(Self.isIdentical(accepted))
        let json = try String(contentsOfFile: path, encoding: .utf8)
        let start = try #require(json.range(of: "\"acceptance\": {"))
        let end = try #require(json.range(of: "\n  \"population\"", range: start.upperBound..<json.endIndex))
        try folder.write(
            "withdrawn.json",
            json.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "\"acceptance\": null,")
        )
        let withdrawn = try await Self.verify(folder.path("withdrawn.json"), inputs: folder.path)
        guard case .refused(let message)? = withdrawn.settledAgain else {
            Issue.record("settled again: \(String(describing: withdrawn.settledAgain))")
            return
        }
        #expect(message.contains("look incomplete"), "\(message)")
        #expect(!withdrawn.verifies)
    }

    // Each year of a contract rebased on the years before it verifies, its benchmark steps recomputed.
    @Test func verifiesEachYearOfARebasedContract() async throws {
        let folder = try MultiYearTests.folder()
        defer { folder.remove() }
        _ = try await MultiYearRun(folder: folder.path, threads: 2).run()
        for year in [2026, 2027] {
            let outcome = try await Self.verify(folder.path("settlement/\(year)/settlement.json"), inputs: folder.path)
            #expect(outcome.discrepancies.isEmpty, "\(year): \(outcome.discrepancies)")
            #expect(outcome.report.stepsRecomputed.contains("benchmark.Zvw"))
            #expect(Self.isIdentical(outcome), "\(year)")
            // The other year's files are no inputs of this one, and not noted as missing from it.
            #expect(outcome.unrecorded.isEmpty, "\(year): \(outcome.unrecorded)")
        }
    }

    // A claim file changed by one euro: its SHA-256 differs, and settling again shows what it changes.
    @Test func findsAChangedInputAndWhatItChanges() async throws {
        let folder = try TemporaryFolder.copyOfExample("small-fieldlab")
        let copy = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer {
            folder.remove()
            copy.remove()
        }
        _ = try await folder.settle(threads: 1)
        // Z001, the first Zvw line, 120.00 → 121.00: accepted, so the Zvw claims rise by 1.00.
        let claims = try String(contentsOfFile: copy.path("claims/zvw.csv"), encoding: .utf8)
        try copy.write("claims/zvw.csv", claims.replacing(",120.00,D,", with: ",121.00,D,", maxReplacements: 1))
        let outcome = try await Self.verify(folder.path("settlement/settlement.json"), inputs: copy.path)
        #expect(!outcome.verifies)
        let changed = try #require(outcome.inputs.first { $0.status != .matches })
        #expect(changed.recordedPath.hasSuffix("claims/zvw.csv"))
        guard case .differs(let differences)? = outcome.settledAgain else {
            Issue.record("not settled again")
            return
        }
        // 4,773,050 cents of Zvw claims before, 4,773,150 after.
        #expect(
            differences.contains {
                $0.field == "regimes[Zvw].claimsCents" && $0.recorded == "4773050" && $0.recomputed == "4773150"
            }
        )
    }

    // A figure no step recomputes (a claim code's lines) is found only by settling again.
    @Test func findsByItsInputsWhatTheDocumentCannotShow() async throws {
        let folder = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { folder.remove() }
        _ = try await folder.settle(threads: 1)
        let path = folder.path("settlement/settlement.json")
        let json = try String(contentsOfFile: path, encoding: .utf8)
        let codes = try #require(json.range(of: "\"codes\""))
        let lines = try #require(json.range(of: "\"lines\": 1", range: codes.upperBound..<json.endIndex))
        try folder.write("settlement/settlement.json", json.replacingCharacters(in: lines, with: "\"lines\": 2"))
        let alone = try await Self.verify(path, inputs: nil)
        #expect(alone.verifies)
        let settled = try await Self.verify(path, inputs: folder.path)
        #expect(
            settled.discrepancies.map(\.description) == [
                "settled again: reconciliation.codes[0].accepted.lines: recorded 2, recomputed 1"
            ]
        )
    }

    // A recorded input missing from the folder is named with where it was looked for; the settlement is not
    // made again without it. A file in the folder that the settlement did not read is noted.
    @Test func namesAMissingInputAndNotesAnUnrecordedOne() async throws {
        let folder = try TemporaryFolder.copyOfExample("small-fieldlab")
        let copy = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer {
            folder.remove()
            copy.remove()
        }
        _ = try await folder.settle(threads: 1)
        try FileManager.default.removeItem(atPath: copy.path("claims/wlz.csv"))
        try copy.write("claims/late.csv", try String(contentsOfFile: copy.path("claims/wmo.csv"), encoding: .utf8))
        let outcome = try await Self.verify(folder.path("settlement/settlement.json"), inputs: copy.path)
        #expect(outcome.settledAgain == nil)
        #expect(
            outcome.discrepancies.map(\.recomputed) == ["no file at \(copy.path("claims/wlz.csv"))"]
        )
        #expect(outcome.unrecorded == [copy.path("claims/late.csv")])
    }

    // What is not a settlement.json is refused as invalid input, naming the file and the reason.
    @Test func refusesWhatIsNotASettlement() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("broken.json", "{\"format\": \"capitation-settlement/1\",\n  \"contract\": }")
        try folder.write("totals.json", "{\"format\": \"capitation-totals-settlement/1\"}")
        for (name, location) in [
            ("broken.json", SourceLocation(path: folder.path("broken.json"), line: 2, column: 15)),
            ("totals.json", SourceLocation(path: folder.path("totals.json"))),
        ] {
            let error = await #expect(throws: RunError.self) {
                _ = try await Self.verify(folder.path(name), inputs: nil)
            }
            #expect(error?.code == .invalidInput)
            #expect(error?.location == location, "\(String(describing: error))")
        }
    }
}
