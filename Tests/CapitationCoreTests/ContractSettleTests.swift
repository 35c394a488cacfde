import CapitationCore
import SettlementReports
import Testing

// The entry point for data held in memory settles as the engine does, whatever the order of the lines,
// and refuses misuse with a code rather than giving a wrong settlement.
struct ContractSettleTests {
    // The scenario's settlement (budgets 36,500.00 and 73,000.00, claims 30,000.00 and 60,000.00, payout
    // 9,555.00) made through the entry point: the same figures as reconciling member by member by hand.
    @Test func settlesAsTheEngineDoes() throws {
        var scenario = SettlementScenario()
        scenario.claim(1, .zvw, 1_000_000)
        scenario.claim(2, .zvw, 2_000_000)
        scenario.claim(3, .wlz, 6_000_000)
        let byHand = try scenario.settle()
        let settlement = try scenario.contract.settle(
            members: scenario.members,
            claims: scenario.lines,
            observations: scenario.observations
        )
        #expect(settlement.sharing.payout == Cents(955_500))
        #expect(SettlementJSON.render(settlement).serialized() == SettlementJSON.render(byHand).serialized())
        try SettlementScenario.checkInvariants(settlement)
        // In another order, each line numbered by its new position, the settlement is the same.
        let reversed = try scenario.contract.settle(
            members: scenario.members,
            claims: scenario.lines.reversed(),
            observations: scenario.observations
        )
        #expect(SettlementJSON.render(reversed).serialized() == SettlementJSON.render(settlement).serialized())
    }

    @Test func refusesAContractThatBreaksItsRules() throws {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        scenario.contract.regimes[1].financier = "nobody"
        let error = #expect(throws: SettlementError.self) {
            try scenario.contract.settle(members: scenario.members, claims: scenario.lines)
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.location == .contract(.regime(1), attribute: "financier"))
        #expect(
            error?.message.hasPrefix("the contract breaks one of its rules, the first: attribute 'financier'") == true
        )
    }

    // A member twice on the roster would be counted twice; the message names rows, never the id (a BSN).
    @Test func refusesAMemberTwiceOnTheRoster() throws {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        let twice = scenario.members + [scenario.members[3]]
        let error = #expect(throws: SettlementError.self) {
            try scenario.contract.settle(members: twice, claims: scenario.lines)
        }
        #expect(error?.code == .invalidInput)
        #expect(error?.location == .member(index: 10))
        #expect(error?.location?.description == "members[10]")
        #expect(error?.message == "member 11 of the roster has the id of member 4; each member is on it once")
    }

    // What a file reader would refuse is refused by position: a negative amount (a debit of −20,000.00 would
    // lower the expenditure and raise the payout), a credit without the line it corrects, dates out of
    // order, the dummy BSN, and an observation of an indicator the contract does not have.
    @Test func refusesWhatAFileReaderWouldRefuse() throws {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        func refusal(
            members: [Member]? = nil,
            claims: [ClaimLine]? = nil,
            observations: IndicatorObservations = IndicatorObservations()
        ) -> SettlementError? {
            do {
                _ = try scenario.contract.settle(
                    members: members ?? scenario.members,
                    claims: claims ?? scenario.lines,
                    observations: observations
                )
                return nil
            } catch {
                #expect(error.code == .invalidInput)
                return error
            }
        }
        var negative = scenario.lines
        negative[1].amount = Cents(-2_000_000)
        #expect(refusal(claims: negative)?.location == .claim(index: 1))
        #expect(
            refusal(claims: negative)?.message
                == "claim line 2: its amount is negative; give the amount without a sign, and side .credit for a credit"
        )
        var credit = scenario.lines
        credit[0].side = .credit
        #expect(refusal(claims: credit)?.location == .claim(index: 0))
        var debit = scenario.lines
        debit[1].corrects = "c1"
        #expect(refusal(claims: debit)?.location == .claim(index: 1))
        var enrolment = scenario.members
        enrolment[2].enrolledFrom = SettlementScenario.date("2026-06-01")
        enrolment[2].enrolledTo = SettlementScenario.date("2026-05-31")
        #expect(refusal(members: enrolment)?.location == .member(index: 2))
        var death = scenario.members
        death[5].deathDate = SettlementScenario.date("1930-01-01")
        #expect(refusal(members: death)?.location == .member(index: 5))
        var dummy = scenario.members
        dummy[0].id = "999999999"
        #expect(refusal(members: dummy)?.location == .member(index: 0))
        #expect(refusal(members: dummy)?.message.contains("999999999") == true)
        var mistyped = scenario.members
        mistyped[4].id = "123456789"
        #expect(refusal(members: mistyped)?.location == .member(index: 4))
        #expect(refusal(members: mistyped)?.message.contains("123456789") == false)
        var mistypedLine = scenario.lines
        mistypedLine[1].member = "123456789"
        #expect(refusal(claims: mistypedLine)?.location == .claim(index: 1))
        var answered = scenario.lines
        answered[0].answer = FinancierAnswer(approved: Cents(-100), codes: ["X"], explanation: "")
        #expect(refusal(claims: answered)?.location == .claim(index: 0))
        var observations = IndicatorObservations()
        observations.declareNoEvents("falls")
        #expect(refusal(observations: observations)?.location == .indicator("falls"))
        #expect(refusal(observations: observations)?.location?.description == "indicator 'falls'")
    }

    // A rebased benchmark without its baseline would settle on the per-capita amounts written in the
    // contract: refused, as capitation settle refuses it.
    @Test func refusesARebasedBenchmarkWithoutItsBaseline() throws {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        scenario.contract.term.benchmark = .rebased
        scenario.contract.term.baselineWeights = [1, 1]
        let error = #expect(throws: SettlementError.self) {
            try scenario.contract.settle(members: scenario.members, claims: scenario.lines)
        }
        #expect(error?.code == .baselineRequired)
        #expect(error?.location == nil)
    }

    // Without a Wlz claim the Wlz's expenditure would be 0.00 against its whole budget: refused, unless a
    // reason is given, which the settlement records with the finding.
    @Test func refusesIncompleteClaimsUnlessAReasonIsGiven() throws {
        var scenario = SettlementScenario()
        scenario.claim(1, .zvw, 3_000_000)
        let error = #expect(throws: SettlementError.self) {
            try scenario.contract.settle(members: scenario.members, claims: scenario.lines)
        }
        #expect(error?.code == .incompleteClaims)
        #expect(error?.message.contains("regime Wlz: no accepted claim line") == true)
        let accepted = try scenario.contract.settle(
            members: scenario.members,
            claims: scenario.lines,
            acceptingIncomplete: "the Wlz claims follow in March"
        )
        #expect(accepted.acceptance?.reason == "the Wlz claims follow in March")
        #expect(accepted.acceptance?.findings.map(\.kind) == [.regimeWithoutClaims(regime: .wlz)])
        #expect(accepted.regimes[1].claims == .zero)
    }

    // Each line that does not count is listed by its index in `claims`, with its reason and signed amount.
    // Lines 0 and 3 share member 1's reference c1: of the two the first in canonical order stands, which
    // (all else equal) is the smaller amount, 300.00, so line 0 (10,000.00) is the duplicate, wherever it
    // stands in `claims`. Line 2 is of someone not on the roster (500.00), line 4 of a category outside
    // the scope (400.00), line 5 lies in 2025 (700.00), and line 6 credits 100.00 of a line that does not
    // exist (−100.00). Lines 1 and 3 count: 60,000.00 + 300.00 = 60,300.00.
    @Test func listsTheLinesThatDoNotCountByTheirIndex() throws {
        var scenario = SettlementScenario()
        scenario.claim(1, .zvw, 1_000_000)
        scenario.claim(2, .wlz, 6_000_000)
        scenario.claim(99, .zvw, 50_000)
        scenario.claim(1, .zvw, 30_000)
        scenario.lines[3].claimID = "c1"
        scenario.claim(4, .zvw, 40_000)
        scenario.lines[4].category = "other"
        scenario.claim(5, .wlz, 70_000)
        scenario.lines[5].service = DatePeriod(day: SettlementScenario.date("2025-12-01"))
        scenario.claim(6, .zvw, 10_000)
        scenario.lines[6].side = .credit
        scenario.lines[6].corrects = "c404"
        let settlement = try scenario.contract.settle(members: scenario.members, claims: scenario.lines)
        let rejected = try #require(settlement.rejectedClaims)
        #expect(rejected.map(\.index) == [0, 2, 4, 5, 6])
        #expect(
            rejected.map(\.reason) == [
                .duplicate, .outsidePopulation, .outOfScope, .outsidePeriod, .creditWithoutDebit,
            ]
        )
        #expect(
            rejected.map(\.amount) == [Cents(1_000_000), Cents(50_000), Cents(40_000), Cents(70_000), Cents(-10_000)]
        )
        #expect(rejected.allSatisfy { $0.isWholeLine })
        #expect(rejected.allSatisfy { !$0.detail.isEmpty })
        // The list adds up to the settlement's totals by reason.
        for (reason, total) in settlement.reconciliation.rejected {
            let listed = rejected.filter { $0.reason == reason }
            #expect(listed.count == total.lines, "\(reason)")
            #expect(try listed.map(\.amount).sum() == total.amount, "\(reason)")
        }
        #expect(settlement.reconciliation.accepted == LineTotal(lines: 2, amount: Cents(6_030_000)))
    }

    // Events given by member are counted by the member's days in the population, which the entry point
    // works out itself: the figures of SettlementCalculatorTests.multipliesTheSharingRateByTheQualityScore
    // (3 admissions of members 1–3 in 10 person-years, 300.0 per 1,000 → 1 point; control 70 → 0.5 points;
    // score 0.833333; earned 19,500.00 × 41.66665 % = 8,125.00), with two events excluded: member 4's
    // before the period and one of someone not among the members.
    @Test func countsEventsByTheMembersDaysInThePopulation() throws {
        var scenario = SettlementScenario()
        scenario.contract.quality = try SettlementCalculatorTests.qualityTerms(mandatory: false)
        scenario.vary { $0.sharingRate.quality = .multiply }
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        var observations = IndicatorObservations()
        for member in ["m1", "m2", "m3"] {
            observations.addEvent("admissions", of: MemberID(member), on: SettlementScenario.date("2026-05-01"))
        }
        observations.addEvent("admissions", of: "m4", on: SettlementScenario.date("2025-05-01"))
        observations.addEvent("admissions", of: "m99", on: SettlementScenario.date("2026-05-01"))
        try observations.addMeasure("control", value: 70, respondents: 40)
        let settlement = try scenario.contract.settle(
            members: scenario.members,
            claims: scenario.lines,
            observations: observations
        )
        let quality = try #require(settlement.quality)
        #expect(quality.indicators.map(\.value) == [try ExactDecimal(parsing: "300"), 70])
        #expect(quality.indicators.first?.excludedEvents == 2)
        #expect(quality.score == (try ExactDecimal(parsing: "0.833333")))
        #expect(settlement.sharing.earned == Cents(812_500))
        // A measured indicator declared to have had no events, and an event of a mistyped BSN, are refused.
        var declared = observations
        declared.declareNoEvents("control")
        let noEvents = #expect(throws: SettlementError.self) {
            try scenario.contract.settle(members: scenario.members, claims: scenario.lines, observations: declared)
        }
        #expect(noEvents?.location == .indicator("control"))
        var mistyped = observations
        mistyped.addEvent("admissions", of: "123456789", on: SettlementScenario.date("2026-05-01"))
        let event = #expect(throws: SettlementError.self) {
            try scenario.contract.settle(members: scenario.members, claims: scenario.lines, observations: mistyped)
        }
        #expect(event?.location == .indicator("admissions"))
        #expect(event?.message.contains("123456789") == false)
        // An event of an indicator the contract does not have is refused, given by member too.
        observations.addEvent("falls", of: "m1", on: SettlementScenario.date("2026-05-01"))
        let error = #expect(throws: SettlementError.self) {
            try scenario.contract.settle(members: scenario.members, claims: scenario.lines, observations: observations)
        }
        #expect(error?.location == .indicator("falls"))
    }

    @Test func refusesAnEmptyPopulationByItsCode() throws {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        scenario.contract.population.minimumAge = 110
        let error = #expect(throws: SettlementError.self) {
            try scenario.contract.settle(members: scenario.members, claims: scenario.lines)
        }
        #expect(error?.code == .emptyPopulation)
    }
}
