import CapitationCore
import ContractXML
import Foundation
import SettlementRunner
import SyntheticData
import Testing

/// `capitation generate` writes the same bytes for the same seed, a valid folder, and data in which every
/// rejection reason occurs; its calibration agrees with the settlement of what it wrote.
struct SyntheticFieldlabTests {
    private func generate(members: Int, seed: UInt64) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try SyntheticFieldlab(members: members, seed: seed, year: 2026).write(to: folder.path)
        return folder
    }

    private func contents(_ folder: TemporaryFolder) throws -> [String: Data] {
        var result: [String: Data] = [:]
        for name in [
            "contract.xml", "population.csv", "claims/zvw.csv", "claims/wmo.csv", "claims/wlz.csv", "indicators.csv",
            "indicators/survey.csv",
        ] {
            result[name] = try Data(contentsOf: URL(fileURLWithPath: folder.path(name)))
        }
        return result
    }

    @Test func writesTheSameBytesForTheSameSeed() throws {
        let first = try generate(members: 400, seed: 11)
        let second = try generate(members: 400, seed: 11)
        let other = try generate(members: 400, seed: 12)
        defer { for folder in [first, second, other] { folder.remove() } }
        #expect(try contents(first) == contents(second))
        #expect(try contents(first)["claims/zvw.csv"] != contents(other)["claims/zvw.csv"])
    }

    @Test func writesAFolderThatSettlesWithEveryRejectionReason() async throws {
        let folder = try generate(members: 1_500, seed: 5)
        defer { folder.remove() }
        #expect(try ContractLoader().load(contentsOf: folder.path("contract.xml")).warnings.isEmpty)
        let settlement = try await folder.settle(threads: 2).settlement
        for rejected in settlement.reconciliation.rejected {
            #expect(rejected.total.lines > 0, "no line rejected as \(rejected.reason.rawValue)")
        }
        #expect(settlement.population.members > 1_300)
        #expect(settlement.quality?.indicators.allSatisfy(\.measured) == true)
        // The budgets were calibrated at 102 %, 99 % and 105 % of the cost of the lines meant to count: the
        // savings rates are 1 − 1/1.02 = 0.019608, 1 − 1/0.99 = −0.010101 and 1 − 1/1.05 = 0.047619, give or
        // take the rounding of the per-capita amounts to the cent.
        let rates = try settlement.regimes.map { try #require($0.savingsRate) }
        for (rate, expected) in zip(rates, ["0.019608", "-0.010101", "0.047619"]) {
            let difference = try (rate - ExactDecimal(parsing: expected)).magnitude()
            #expect(difference <= (try ExactDecimal(parsing: "0.000005")), "savings rate \(rate), expected \(expected)")
        }
    }
}
