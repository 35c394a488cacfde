import CapitationCore
import ClaimFormats
import Testing

struct TotalsReaderTests {
    @Test func readsCasesWithOptionalColumnsInAnyOrder() throws {
        let text = """
            quality_score,case_id,budget,expenditure,people,person_years,budget_zvw,expenditure_zvw,budget_wlz,expenditure_wlz
            0.9,A,400000000.00,388000000.00,34601,33500.5,,,,
            ,B,,,10,,36500.00,30000.00,73000.00,72000.00

            """
        let cases = try TotalsReader.read(Array(text.utf8), path: "totals.csv")
        #expect(cases.map(\.id) == ["A", "B"])
        #expect(cases[0].people == 34_601)
        #expect(cases[0].personYears == ExactDecimal(significand: 335_005, scale: 1))
        #expect(cases[0].budget == Cents(40_000_000_000))
        #expect(cases[0].qualityScore == ExactDecimal(significand: 9, scale: 1))
        #expect(cases[0].regimes.isEmpty && cases[0].qualityGatePassed == nil)
        // Totals left empty are the sums of the regimes: 36,500.00 + 73,000.00 and 30,000.00 + 72,000.00.
        #expect(cases[1].budget == Cents(10_950_000))
        #expect(cases[1].expenditure == Cents(10_200_000))
        #expect(
            cases[1].regimes == [
                RegimeTotals(regime: .zvw, budget: Cents(3_650_000), expenditure: Cents(3_000_000)),
                RegimeTotals(regime: .wlz, budget: Cents(7_300_000), expenditure: Cents(7_200_000)),
            ]
        )
        #expect(cases[1].line == 3)
    }

    @Test func reportsEveryProblemWithItsLineAndColumn() {
        let text = """
            case_id,people,budget,expenditure,quality_score,quality_gate_passed,person_years
            A,0,1.00,1.00,,,
            B,10,1.001,x,1.5,maybe,0
            A,10,1.00,1.00,,,
            ,10,,1.00,,,
            C,10

            """
        let error = #expect(throws: InputError.self) { try TotalsReader.read(Array(text.utf8), path: "totals.csv") }
        #expect(
            error?.diagnostics.map(\.description) == [
                "totals.csv:2: error: column people: '0' is not a whole number of at least 1",
                "totals.csv:3: error: column budget: '1.001' is not an amount in euros (e.g. 1234.50): more than 2 digits after the decimal point",
                "totals.csv:3: error: column expenditure: 'x' is not an amount in euros (e.g. 1234.50): unexpected 'x' at position 1",
                "totals.csv:3: error: column person_years: 0 is not above zero",
                "totals.csv:3: error: column quality_score: 1.5 is not between 0 and 1",
                "totals.csv:3: error: column quality_gate_passed: 'maybe' is not yes or no",
                "totals.csv:4: error: column case_id: 'A' is also on line 2",
                "totals.csv:5: error: column case_id is empty",
                "totals.csv:5: error: column budget is empty, and no regime's amounts are given",
                "totals.csv:6: error: the line has 2 fields; the header has 7",
            ]
        )
    }

    @Test(arguments: [
        ("", "totals.csv: error: the file is empty; expected the header case_id,people,budget,expenditure"),
        ("case_id,people,budget\n", "totals.csv:1: error: header: column expenditure is missing"),
        (
            "case_id,people,budget,expenditure,budget_wmo\n",
            "totals.csv:1: error: header: the Wmo needs both budget_wmo and expenditure_wmo, or neither"
        ),
        ("case_id,people,budget,expenditure\n", "totals.csv: error: the file has a header but no cases"),
    ])
    func refusesAFileWithoutTheRightHeaderOrCases(text: String, expected: String) {
        let error = #expect(throws: InputError.self) { try TotalsReader.read(Array(text.utf8), path: "totals.csv") }
        #expect(error?.diagnostics.first?.description == expected)
    }
}
