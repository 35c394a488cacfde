import CapitationCore
import ClaimFormats
import ContractXML
import Foundation
import SettlementRunner
import SyntheticData
import Testing

// A baseline year measured in memory measures what `capitation baseline` measures from the year's files.
struct MeasureBaselineInMemoryTests {
    /// The roster and claim lines of a year's folder read into memory, each line with its financier's
    /// answer, and the number of lines that cannot be read.
    static func read(
        _ paths: SettlementPaths
    ) throws -> (members: [Member], lines: [ClaimLine], invalid: Int) {
        let members = try RosterReader.read(
            Array(try Data(contentsOf: URL(fileURLWithPath: paths.population))),
            path: ""
        )
        var lines: [ClaimLine] = []
        var invalid = 0
        var answers: [ClaimAnswer.Key: FinancierAnswer] = [:]
        for (index, path) in paths.claims.enumerated() {
            let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            if AnswersReader.isAnswers(bytes.prefix(4_096)) {
                for row in try AnswersReader.read(bytes, path: path, file: index) { answers[row.key] = row.answer }
                continue
            }
            for claim in try ClaimFileContents(reading: bytes, path: path, file: index).claims {
                switch claim {
                case .line(let line): lines.append(line)
                case .invalid: invalid += 1
                }
            }
        }
        #expect(!answers.isEmpty)
        for index in lines.indices {
            let key = ClaimAnswer.Key(
                claimID: lines[index].claimID,
                provider: lines[index].provider,
                side: lines[index].side
            )
            lines[index].answer = answers[key]
        }
        return (members, lines, invalid)
    }

    /// The paths of `year`'s folder in `folder`.
    static func paths(_ folder: TemporaryFolder, _ year: String) throws -> SettlementPaths {
        try SettlementPaths.resolve(
            folder: folder.path(year),
            contract: folder.path("contract.xml"),
            population: nil,
            claims: [],
            indicators: [],
            output: nil
        )
    }

    @Test func measuresWhatTheFilesMeasure() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try SyntheticFieldlab(members: 300, seed: 11, year: 2026, baselineYears: 1).write(to: folder.path)
        let contract = try ContractLoader().load(contentsOf: folder.path("contract.xml")).contract
        let paths = try Self.paths(folder, "baseline/2025")
        let fromFiles = try await SettlementRun(paths: paths, threads: 2).measureBaseline(of: contract, year: 2025)
        let (members, lines, invalid) = try Self.read(paths)
        let inMemory = try contract.measureBaseline(year: 2025, members: members, claims: lines)

        var expected = fromFiles
        expected.inputs = []
        expected.rejectedLines -= invalid
        #expect(inMemory == expected)
        #expect(inMemory.costs.contains { !$0.isZero })
    }

    // After a run-out of 3 months (final 18), the lag triangle of 2025 as the provisional settlement of 2026
    // sees it: the same from memory as from the files. Its own final cut-off, 30-06-2027 (18 months after
    // the year), is later than the provisional one of 2026, 31-03-2027, which is what was known when that
    // settlement is made: observed through 26 months, from January 2025 to March 2027.
    @Test func measuresTheLagTriangleTheFilesMeasure() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var fieldlab = SyntheticFieldlab(members: 300, seed: 12, year: 2026, baselineYears: 1)
        fieldlab.runOut = RunOut(months: 3, finalMonths: 18)
        _ = try fieldlab.write(to: folder.path)
        let contract = try ContractLoader().load(contentsOf: folder.path("contract.xml")).contract
        let paths = try Self.paths(folder, "baseline/2025")
        let cutOff = try contract.shifted(toYear: 2026).staged(.provisional).reconciliation.cutOff
        let fromFiles = try await SettlementRun(paths: paths, threads: 2)
            .measureReceiptLags(of: contract, year: 2025, notAfter: cutOff)
        let (members, lines, _) = try Self.read(paths)
        let inMemory = try contract.measureReceiptLags(year: 2025, members: members, claims: lines)
        #expect(inMemory.lags == fromFiles.lags)
        #expect(inMemory.observedThrough == fromFiles.observedThrough)
        #expect(!inMemory.lags.isEmpty)
        #expect(inMemory.observedThrough == 26)
    }

    // Each person of a year, measured for an evaluation: the same from memory as from the files, for a
    // baseline year and for the performance year, and together the same population.
    @Test func measuresEachPersonAsTheFilesDo() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try SyntheticFieldlab(members: 300, seed: 13, year: 2026, baselineYears: 1).write(to: folder.path)
        let contract = try ContractLoader().load(contentsOf: folder.path("contract.xml")).contract
        var measured: [(files: MeasuredEvaluationYear, memory: MeasuredEvaluationYear)] = []
        for (year, subfolder) in [(2025, "baseline/2025"), (2026, "")] {
            let paths = try Self.paths(folder, subfolder)
            var fromFiles = try await SettlementRun(paths: paths, threads: 2)
                .measureEvaluationYear(of: contract, year: year)
            fromFiles.warnings = []
            let (members, lines, _) = try Self.read(paths)
            let inMemory = try contract.measureEvaluationYear(year: year, members: members, claims: lines)
            #expect(inMemory == fromFiles, "\(year)")
            #expect(inMemory.members.count > 200 && inMemory.costs.joined().contains { !$0.isZero }, "\(year)")
            measured.append((fromFiles, inMemory))
        }
        let fromFiles = try EvaluationPopulation(baseline: [measured[0].files], performance: measured[1].files)
        let inMemory = try EvaluationPopulation(baseline: [measured[0].memory], performance: measured[1].memory)
        #expect(inMemory == fromFiles)
    }
}
