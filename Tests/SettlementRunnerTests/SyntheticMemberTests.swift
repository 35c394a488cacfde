import Testing

@testable import SyntheticData

/// Generated people are named apart however many there are: the national 75+ population is about
/// 1.6 million people.
struct SyntheticMemberTests {
    @Test func namesEveryPersonApartPastAMillion() {
        #expect(SyntheticMember.memberCode(0) == "P000000")
        #expect(SyntheticMember.memberCode(42) == "P000042")
        #expect(SyntheticMember.memberCode(999_999) == "P999999")
        #expect(SyntheticMember.memberCode(1_000_000) == "P1000000")
        #expect(SyntheticMember.memberCode(1_600_001) == "P1600001")
        // Person 1,000,001 was once named like person 1 (the number's leading digit was cut off).
        #expect(SyntheticMember.memberCode(1_000_001) != SyntheticMember.memberCode(1))
        let codes =
            (0..<2_000).map { SyntheticMember.memberCode($0) }
            + (999_000..<1_002_000).map { SyntheticMember.memberCode($0) }
        #expect(Set(codes).count == codes.count)
    }
}
