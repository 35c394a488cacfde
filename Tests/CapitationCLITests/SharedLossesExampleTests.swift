import Testing

/// `Examples/shared-losses`: every net position its README derives by hand, under both of its contracts.
struct SharedLossesExampleTests {
    static let columns = [
        "owed", "net_insurer-a", "net_winterswijk", "net_zk-achterhoek", "net_coop", "net_prevention-fund",
    ]

    @Test(arguments: [
        (
            "contract.xml",
            [
                "all-lose": ["627160.53", "261728.44", "40493.82", "324938.27", "-501728.43", "-125432.10"],
                // The care office saved, so it receives nothing of the loss and passes 25 % of its savings on.
                "wlz-saves": ["380000.00", "297391.30", "132608.70", "-50000.00", "-304000.00", "-76000.00"],
                "cap-binds": ["2250000.00", "714285.71", "107142.86", "1428571.43", "-1800000.00", "-450000.00"],
                "payout": ["0.00", "-213333.34", "-53333.33", "-533333.33", "639999.99", "160000.01"],
            ]
        ),
        (
            "contract-losses-by-budget.xml",
            [
                "all-lose": ["627160.53", "167242.81", "41810.70", "418107.02", "-501728.43", "-125432.10"],
                // Said explicitly: the care office receives two thirds of the loss payment although it saved.
                "wlz-saves": ["380000.00", "101333.34", "138666.66", "140000.00", "-303999.99", "-76000.01"],
                "cap-binds": ["2250000.00", "600000.00", "150000.00", "1500000.00", "-1800000.00", "-450000.00"],
                "payout": ["0.00", "-213333.34", "-53333.33", "-533333.33", "639999.99", "160000.01"],
            ]
        ),
    ])
    func settlesEveryCaseAsTheREADMEDerivesIt(contract: String, expected: [String: [String]]) throws {
        let result = try CLI.run([
            "settle", "--contract", "Examples/shared-losses/\(contract)", "--totals",
            "Examples/shared-losses/totals.csv",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let rows = result.standardOutput.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = try #require(rows.first)
        let positions = try Self.columns.map { column in try #require(header.firstIndex(of: column), "\(column)") }
        #expect(rows.count == 1 + expected.count)
        for row in rows.dropFirst() {
            let figures = positions.map { row[$0] }
            #expect(figures == expected[row[0]], "\(contract) \(row[0])")
        }
    }
}
