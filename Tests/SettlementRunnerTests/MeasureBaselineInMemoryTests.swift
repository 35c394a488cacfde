import CapitationCore
import ClaimFormats
import ContractXML
import Foundation
import SettlementRunner
import SyntheticData
import Testing

// A baseline year measured in memory measures what `capitation baseline` measures from the year's files.
struct MeasureBaselineInMemoryTests {
    @Test func measuresWhatTheFilesMeasure() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try SyntheticFieldlab(members: 300, seed: 11, year: 2026, baselineYears: 1).write(to: folder.path)
        let contract = try ContractLoader().load(contentsOf: folder.path("contract.xml")).contract
        let year = folder.path("baseline/2025")
        let paths = try SettlementPaths.resolve(
            folder: year,
            contract: folder.path("contract.xml"),
            population: nil,
            claims: [],
            indicators: [],
            output: nil
        )
        let fromFiles = try await SettlementRun(paths: paths, threads: 2).measureBaseline(of: contract, year: 2025)

        // The same roster and lines read into memory, each line with its financier's answer.
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
        let inMemory = try contract.measureBaseline(year: 2025, members: members, claims: lines)

        var expected = fromFiles
        expected.inputs = []
        expected.rejectedLines -= invalid
        #expect(inMemory == expected)
        #expect(inMemory.costs.contains { !$0.isZero })
    }
}
