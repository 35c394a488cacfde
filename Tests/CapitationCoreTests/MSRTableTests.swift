import CapitationCore
import Testing

struct MSRTableTests {
    // The MSSP table gives MSR(n) = a + (b − a) × (n − lo) / (hi − lo), six decimals of a percent, half-even.
    //
    // 34,601: 2.5 − 0.3 × 14,601 / 29,999 = 2.3539851… → 2.353985 (the reference's worked check).
    // 7,500: 3.4 − 0.2 × 500 / 999 = 3.2998999… → 3.299900 (3.3 to one decimal, as in the rule text).
    // 2,000: 8.7 − 3.7 × 1,000 / 1,999 = 6.8490745… → 6.849075.
    @Test(arguments: [
        (34_601, "2.353985"), (7_500, "3.2999"), (0, "12.2"), (499, "12.2"), (500, "12.2"),
        (999, "8.7"), (1_000, "8.7"), (2_000, "6.849075"), (60_000, "2"), (1_500_000, "2"), (49_999, "2.2"),
    ])
    func interpolatesTheMSSPTable(size: Int, expected: String) throws {
        #expect(try MSRTable.mssp.rate(forPopulation: size) == Percentage(parsing: expected))
    }

    @Test func hasNoRateOutsideItsBands() throws {
        let table = MSRTable(id: "small", bands: [MSRBand(from: 0, to: 99, atLowEnd: 10, atHighEnd: 5)])
        #expect(try table.rate(forPopulation: 100) == nil)
        // 0 → 10; 99 → 5; 33 → 10 − 5 × 33/99 = 8.333333…
        #expect(try table.rate(forPopulation: 33) == Percentage(parsing: "8.333333"))
    }
}
