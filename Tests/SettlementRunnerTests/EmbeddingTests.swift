import CapitationCore
import Foundation
import Testing

// The embedding example settles, and the article and the README show it as it is.
struct EmbeddingTests {
    // Two members aged 85, in Winterswijk all year: 730 days, 2 person-years. Budgets 2 × 4,210.00 =
    // 8,420.00 (Zvw), 2 × 1,185.00 = 2,370.00 (Wmo), 2 × 7,350.00 = 14,700.00 (Wlz): 25,490.00. Claims
    // 6,000.00, 2,000.00 and 12,000.00: savings 2,420.00, 370.00 and 2,700.00, in total 5,490.00 =
    // 21.5379 % of the budget, beyond the 2 % minimum. 50 % of 5,490.00 is 2,745.00, capped at 10 % of the
    // budget: 2,549.00. By budget the insurer pays 842.00, the municipality 237.00 and the care office
    // 1,470.00, each 80/20 to the cooperative (673.60 + 189.60 + 1,176.00 = 2,039.20) and the fund
    // (168.40 + 47.40 + 294.00 = 509.80). The care office keeps 2,700.00 − 1,470.00 = 1,230.00 of its
    // savings and passes 25 % of that, 307.50, to the municipality. Nets: insurer −842.00, municipality
    // −237.00 + 307.50 = 70.50, care office −1,777.50, cooperative 2,039.20, fund 509.80; they sum to 0.
    @Test func settlesTheExample() throws {
        let path = TemporaryFolder.repository.appendingPathComponent("Examples/shared-losses/contract.xml").path
        let settlement = try settleInMemory(contractAt: path)
        #expect(settlement.regimes.map(\.budget) == [Cents(842_000), Cents(237_000), Cents(1_470_000)])
        #expect(settlement.totals.savings == Cents(549_000))
        #expect(settlement.totals.savingsRate == (try ExactDecimal(parsing: "0.215379")))
        #expect(settlement.sharing.earned == Cents(274_500))
        #expect(settlement.sharing.payout == Cents(254_900))
        let nets = Dictionary(uniqueKeysWithValues: settlement.parties.map { ($0.party.rawValue, $0.net) })
        #expect(
            nets == [
                "insurer-a": Cents(-84_200), "winterswijk": Cents(7_050), "zk-achterhoek": Cents(-177_750),
                "coop": Cents(203_920), "prevention-fund": Cents(50_980),
            ]
        )
        #expect(settlement.reconciliation.accepted.lines == 3)
    }

    /// The lines between the markers of EmbeddingExample.swift.
    static func example() throws -> String {
        let source = try String(
            contentsOf: TemporaryFolder.repository.appendingPathComponent(
                "Tests/SettlementRunnerTests/EmbeddingExample.swift"
            ),
            encoding: .utf8
        )
        let start = try #require(source.range(of: "// embedding-example:start\n"))
        let end = try #require(source.range(of: "// embedding-example:end"))
        return String(source[start.upperBound..<end.lowerBound])
    }

    @Test func theArticleAndTheREADMEShowTheExampleAsItIs() throws {
        let example = try Self.example()
        for document in ["Sources/CapitationCore/Documentation.docc/EmbeddingCapitationCore.md", "README.md"] {
            let text = try String(
                contentsOf: TemporaryFolder.repository.appendingPathComponent(document),
                encoding: .utf8
            )
            #expect(
                text.contains("```swift\nimport CapitationCore\nimport ContractXML\n\n" + example + "```"),
                "\(document)"
            )
        }
    }
}
