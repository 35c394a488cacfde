import CapitationCore
import Testing

struct IdentifierTests {
    @Test func ordersByBytesOnEveryMachine() {
        let ids: [PartyID] = ["zk-achterhoek", "Coop", "coop", "ärzte", "10", "9"]
        #expect(ids.sorted().map(\.rawValue) == ["10", "9", "Coop", "coop", "zk-achterhoek", "ärzte"])
    }

    @Test func regimesKnowTheirFinanciers() {
        #expect(Regime.allCases.map(\.rawValue) == ["Zvw", "Wmo", "Wlz"])
        #expect(Regime.zvw.financierRole == .insurer)
        #expect(Regime.wmo.financierRole == .municipality)
        #expect(Regime.wlz.financierRole == .careOffice)
        #expect(PartyRole.careOffice.financedRegime == .wlz)
        #expect(PartyRole.provider.financedRegime == nil)
        #expect(!PartyRole.fund.isFinancier)
    }

    /// Regimes and rejection reasons order, and hash, by their position among all cases.
    @Test func regimesAndReasonsOrderByTheirPosition() {
        #expect(Regime.allCases.reversed().sorted() == Regime.allCases)
        #expect(RejectionReason.allCases.map(\.ordinal) == Array(0..<RejectionReason.allCases.count))
        #expect(RejectionReason.allCases.sorted() == RejectionReason.allCases)
        #expect(RejectionReason.allCases.reversed().sorted() == RejectionReason.allCases)
        #expect(Set(RejectionReason.allCases).count == RejectionReason.allCases.count)
        #expect(Set(Regime.allCases).count == 3)
    }

    @Test func sexesAreTheRosterCodes() {
        #expect(Sex.allCases.map(\.rawValue) == ["F", "M", "X"])
    }
}
