import CapitationCore
import Testing

/// Terms that are valid but almost certainly a mistake are warned about, never refused.
struct PlausibilityTests {
    static func warnings(_ contract: Contract) -> [ContractViolation] {
        contract.validate().filter { $0.severity == .warning }
    }

    @Test func aPercentageBelowOneIsWarnedAbout() throws {
        var contract = try SampleContract.make()
        guard case .sharedSavings(var terms) = contract.settlement else { throw SampleContract.Unexpected() }
        terms.sharingRate.rate = try Percentage(parsing: "0.5")
        contract.settlement = .sharedSavings(terms)
        let warnings = Self.warnings(contract)
        #expect(warnings.map(\.element) == [.sharingRate])
        #expect(warnings.first?.attribute == "percent")
        #expect(
            warnings.first?.message
                == "a sharing rate of 0.5 % is less than one percent; the attribute is in percent, not a fraction, "
                + "so if 50 % was meant, write percent=\"50\""
        )
        // Still valid: a warning, not an error.
        #expect(contract.validate().allSatisfy { $0.severity == .warning })
    }

    @Test func wholePercentagesAndZeroAreNotWarnedAbout() throws {
        var contract = try SampleContract.make()
        guard case .sharedSavings(var terms) = contract.settlement else { throw SampleContract.Unexpected() }
        terms.sharingRate.rate = Percentage(1)
        terms.savingsCap = Percentage(0)
        contract.settlement = .sharedSavings(terms)
        #expect(Self.warnings(contract).isEmpty)
    }

    @Test func aSavingsCapBelowTheMinimumSavingsRateIsWarnedAbout() throws {
        var contract = try SampleContract.make()
        guard case .sharedSavings(var terms) = contract.settlement else { throw SampleContract.Unexpected() }
        terms.minimumSavingsRate = .fixed(Percentage(3))
        terms.savingsCap = Percentage(2)
        contract.settlement = .sharedSavings(terms)
        #expect(Self.warnings(contract).map(\.element) == [.savingsCap])
    }

    /// The checked ranges: Zvw € 500 to € 50,000 a year; below and above them a warning, at the bounds none.
    @Test(arguments: [("499.99", true), ("500.00", false), ("50000.00", false), ("50000.01", true), ("350.83", true)])
    func aPerCapitaAmountFarOutsideTheRegimesCostIsWarnedAbout(annual: String, warned: Bool) throws {
        var contract = try SampleContract.make()
        contract.regimes[0].perCapitaAnnual = try Cents(parsing: annual)
        let warnings = Self.warnings(contract)
        #expect(warnings.map(\.element) == (warned ? [.perCapita(regime: 0)] : []))
        #expect(warnings.allSatisfy { $0.attribute == "annual" })
    }

    /// A Wlz amount entered per month: 7,300.00 a year is 608.33 a month, below the € 1,000 the check expects.
    @Test func aMonthlyWlzAmountIsWarnedAbout() throws {
        var contract = try SampleContract.make()
        contract.regimes[0].regime = .wlz
        contract.regimes[0].perCapitaAnnual = try Cents(parsing: "608.33")
        #expect(Self.warnings(contract).map(\.element).contains(.perCapita(regime: 0)))
        contract.regimes[0].perCapitaAnnual = try Cents(parsing: "7300.00")
        #expect(!Self.warnings(contract).map(\.element).contains(.perCapita(regime: 0)))
    }
}
