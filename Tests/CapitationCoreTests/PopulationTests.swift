import CapitationCore
import Testing

struct PopulationTests {
    private func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    private func year2026() throws -> DatePeriod {
        try #require(DatePeriod(start: date("2026-01-01"), end: date("2026-12-31")))
    }

    private func criteria() throws -> PopulationCriteria {
        PopulationCriteria(
            referenceDate: try date("2026-01-01"),
            minimumAge: 75,
            maximumAge: 99,
            postcodeRanges: [PostcodeRange(from: 7100, to: 7109)],
            municipalities: ["0294"],
            insurers: ["3311"]
        )
    }

    private func member(
        born: String = "1948-03-10",
        postcode: Int? = 7101,
        municipality: String? = nil,
        insurer: String? = "3311",
        from: String? = nil,
        to: String? = nil,
        died: String? = nil
    ) throws -> Member {
        Member(
            id: "m",
            birthDate: try date(born),
            sex: .female,
            postcode: postcode,
            municipality: municipality,
            insurer: insurer,
            enrolledFrom: try from.map(date),
            enrolledTo: try to.map(date),
            deathDate: try died.map(date)
        )
    }

    @Test func countsDaysOfEnrolmentAndLife() throws {
        let period = try year2026()
        let criteria = try criteria()
        #expect(criteria.eligibility(of: try member(), during: period).window?.dayCount == 365)
        // Dies on 31 March: 1 January to 31 March, 90 days, the day of death included.
        #expect(criteria.eligibility(of: try member(died: "2026-03-31"), during: period).window?.dayCount == 90)
        // Moves in on 1 July: 184 days.
        #expect(criteria.eligibility(of: try member(from: "2026-07-01"), during: period).window?.dayCount == 184)
        // Moves out after 30 September: 273 days.
        #expect(criteria.eligibility(of: try member(to: "2026-09-30"), during: period).window?.dayCount == 273)
        // Enrolled before the period and dead after it: the whole period.
        #expect(
            criteria.eligibility(of: try member(from: "2020-01-01", died: "2027-05-01"), during: period).window?
                .dayCount == 365
        )
    }

    @Test(arguments: [
        ("1951-06-15", IneligibilityReason.belowMinimumAge),  // 74 on the reference date
        ("1926-01-01", .aboveMaximumAge),  // 100
    ])
    func checksAgeOnTheReferenceDate(born: String, reason: IneligibilityReason) throws {
        #expect(try criteria().eligibility(of: try member(born: born), during: try year2026()) == .ineligible(reason))
    }

    @Test func acceptsTheBoundaryAges() throws {
        // 75 exactly on 1 January 2026 (born 1 January 1951), and 99 the day before turning 100.
        #expect(try criteria().eligibility(of: try member(born: "1951-01-01"), during: try year2026()).window != nil)
        #expect(try criteria().eligibility(of: try member(born: "1926-01-02"), during: try year2026()).window != nil)
    }

    @Test func checksAreaAndInsurer() throws {
        let period = try year2026()
        let criteria = try criteria()
        #expect(criteria.eligibility(of: try member(postcode: 7200), during: period) == .ineligible(.outsideArea))
        // Outside the postcodes, but in a listed municipality.
        #expect(
            criteria.eligibility(of: try member(postcode: 7200, municipality: "0294"), during: period).window != nil
        )
        #expect(criteria.eligibility(of: try member(postcode: nil), during: period) == .ineligible(.outsideArea))
        #expect(criteria.eligibility(of: try member(insurer: "3399"), during: period) == .ineligible(.otherInsurer))
        #expect(criteria.eligibility(of: try member(insurer: nil), during: period) == .ineligible(.otherInsurer))
    }

    @Test func refusesThoseNotEnrolledInThePeriod() throws {
        let period = try year2026()
        let criteria = try criteria()
        #expect(
            criteria.eligibility(of: try member(died: "2025-12-15"), during: period)
                == .ineligible(.notEnrolledInPeriod)
        )
        #expect(
            criteria.eligibility(of: try member(from: "2027-01-01"), during: period)
                == .ineligible(.notEnrolledInPeriod)
        )
    }
}

struct RiskScoreTests {
    private func model() throws -> RiskModel {
        RiskModel(
            id: "m",
            cells: [
                AgeSexCell(
                    sex: .female,
                    ages: AgeRange(minimum: 75, maximum: 84),
                    weight: try ExactDecimal(parsing: "1.0")
                ),
                AgeSexCell(
                    sex: .female,
                    ages: AgeRange(minimum: 85, maximum: nil),
                    weight: try ExactDecimal(parsing: "1.5")
                ),
                AgeSexCell(
                    sex: .male,
                    ages: AgeRange(minimum: 75, maximum: nil),
                    weight: try ExactDecimal(parsing: "0.9")
                ),
            ],
            markers: [
                RiskMarker(id: "frailty-low", weight: try ExactDecimal(parsing: "0.1")),
                RiskMarker(id: "frailty-mid", weight: try ExactDecimal(parsing: "0.2"), supersedes: ["frailty-low"]),
                RiskMarker(id: "frailty-high", weight: try ExactDecimal(parsing: "0.4"), supersedes: ["frailty-mid"]),
                RiskMarker(id: "dementia", weight: try ExactDecimal(parsing: "0.5")),
            ],
            interactions: [
                RiskInteraction(markers: ["dementia", "frailty-high"], weight: try ExactDecimal(parsing: "0.3")),
                RiskInteraction(markers: ["dementia", "frailty-mid"], weight: try ExactDecimal(parsing: "0.7")),
            ],
            normalisationFactor: try ExactDecimal(parsing: "1.25"),
            unspecifiedSexUses: .female
        )
    }

    // F 86: cell 1.5; frailty-high supersedes frailty-mid, which supersedes frailty-low (a chain), so only
    // 0.4 counts; dementia 0.5; the interaction dementia + frailty-high 0.3 counts, dementia + frailty-mid
    // does not (frailty-mid is superseded). Raw 1.5 + 0.4 + 0.5 + 0.3 = 2.7; × 1.25 = 3.375.
    @Test func appliesSupersessionChainsAndInteractions() throws {
        let score = try model().score(
            sex: .female,
            age: 86,
            markers: ["frailty-low", "frailty-mid", "frailty-high", "dementia"]
        )
        #expect(score.cellWeight == (try ExactDecimal(parsing: "1.5")))
        #expect(score.markers == ["frailty-high", "dementia"])
        #expect(score.raw == (try ExactDecimal(parsing: "2.7")))
        #expect(score.normalised == (try ExactDecimal(parsing: "3.375")))
    }

    /// X takes the female cells: X 80 is 1.0; an unknown marker is ignored: × 1.25 = 1.25.
    @Test func scoresSexXWithTheSubstituteCellsAndIgnoresUnknownMarkers() throws {
        let score = try model().score(sex: .unspecified, age: 80, markers: ["smoker"])
        #expect(score.normalised == (try ExactDecimal(parsing: "1.25")))
        #expect(score.markers.isEmpty)
    }

    @Test func refusesAnAgeWithoutACell() throws {
        #expect(throws: RiskScoringError.noCell(model: "m", sex: .female, age: 70)) {
            try model().score(sex: .female, age: 70, markers: [])
        }
    }
}
