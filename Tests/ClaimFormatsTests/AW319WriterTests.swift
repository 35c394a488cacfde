import CapitationCore
import ClaimFormats
import Testing

/// The writer refuses what the AW319 v1.4 field table does not allow, instead of writing it.
struct AW319WriterTests {
    private static func refusal(_ body: (inout AW319Writer, inout [UInt8]) throws -> Void) -> String? {
        var writer = AW319Writer()
        var bytes: [UInt8] = []
        do {
            try body(&writer, &bytes)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The refusal of `body` after the sample's header.
    private static func refusalAfterHeader(_ body: (inout AW319Writer, inout [UInt8]) throws -> Void) -> String? {
        refusal { writer, bytes in
            try writer.header(AW319Sample.header(), into: &bytes)
            try body(&writer, &bytes)
        }
    }

    @Test func refusesAHeaderThatBreaksTheTable() throws {
        var header = AW319Sample.header()
        header.payTo = AW319Codes.payPractice
        #expect(
            Self.refusal { try $0.header(header, into: &$1) }
                == "field 113 (identificatiecode betaling aan, positions 63–64) is 03, which pays field 111 (praktijkcode, positions 47–54), but that field is empty"
        )
        header = AW319Sample.header()
        header.provider = "47470001"
        #expect(
            Self.refusal { try $0.header(header, into: &$1) }
                == "field 110 (zorgverlenerscode, positions 39–46) is filled when field 111 (praktijkcode, positions 47–54) is, and only then: an institution fills 112 instead"
        )
        header = AW319Sample.header()
        header.institution = "00000000"
        #expect(Self.refusal { try $0.header(header, into: &$1) }?.hasPrefix("field 112 (instellingscode") == true)
        #expect(Self.refusal { try $0.header(AW319Sample.header(code: 429), into: &$1) }?.contains("is 429") == true)
        header = AW319Sample.header()
        header.subversion = 3
        #expect(Self.refusal { try $0.header(header, into: &$1) }?.contains("v1.4") == true)
        // A practice is paid through its own code, with its provider's.
        header = AW319Sample.header()
        (header.provider, header.practice, header.payTo) = ("01012345", "01023456", AW319Codes.payPractice)
        #expect(Self.refusal { try $0.header(header, into: &$1) } == nil)
        #expect(Self.refusalAfterHeader { try $0.header(header, into: &$1) } != nil)
    }

    @Test func refusesAPersonThatBreaksTheTable() throws {
        var person = try AW319Sample.secondPerson()
        person.initials = "J.H."
        #expect(Self.refusalAfterHeader { try $0.person(person, into: &$1) } != nil)
        person = try AW319Sample.secondPerson()
        person.address = .netherlands(postcode: "0123AB", houseNumber: 1)
        #expect(
            Self.refusalAfterHeader { try $0.person(person, into: &$1) }
                == "field 217 (postcode (huisadres) verzekerde, positions 142–147) is a Dutch postcode such as 7101AB, not '0123AB'"
        )
        person.address = .abroad(country: "NL")
        #expect(Self.refusalAfterHeader { try $0.person(person, into: &$1) } != nil)
        // Before the header; and a person without claims before the next person or the trailer.
        #expect(Self.refusal { try $0.person(try AW319Sample.secondPerson(), into: &$1) } != nil)
        let withoutClaims =
            "the insured-person record 02 written last has no claim record 04; the table wants at least one"
        #expect(
            Self.refusal {
                try $0.header(AW319Sample.header(), into: &$1)
                try $0.person(try AW319Sample.secondPerson(), into: &$1)
                try $0.trailer(into: &$1)
            } == withoutClaims
        )
        #expect(Self.refusalAfterHeader { try $0.trailer(into: &$1) } != nil)
    }

    /// Writes the sample's header and second person, then `line`.
    private static func refusal(of line: ClaimLine, function: String? = nil, indication: Bool = true) -> String? {
        refusal { writer, bytes in
            try writer.header(AW319Sample.header(), into: &bytes)
            var person = try AW319Sample.secondPerson()
            if !indication { person.indication = nil }
            try writer.person(person, into: &bytes)
            try writer.claim(line, function: function, into: &bytes)
        }
    }

    @Test func refusesAClaimThatBreaksTheTable() throws {
        let good = AW319Sample.lines[3]
        #expect(Self.refusal(of: good) == nil)
        var line = good
        line.category = "045"
        #expect(
            Self.refusal(of: line)
                == "claim WLZ-0004: field 416 (aanduiding prestatiecodelijst, positions 122–124) is '045'; in message 187 it is 055, 990"
        )
        line.category = "065"
        #expect(Self.refusal(of: line) != nil)
        line = good
        line.volume = ClaimLine.Volume(count: 1, unit: "31")
        #expect(
            Self.refusal(of: line)
                == "claim WLZ-0004: field 419 (tijdseenheid zorgperiode, positions 134–135) 31 is for district nursing (list 065) only"
        )
        line.volume = ClaimLine.Volume(count: 1, unit: "02")
        #expect(Self.refusal(of: line) != nil)
        // A care profile is claimed under an indication; a person with one claims under a profile or function.
        #expect(
            Self.refusal(of: good, indication: false)
                == "claim WLZ-0004: a care profile (413) or function (412) is claimed under a Wlz indication, which its insured-person record lacks (224, 225)"
        )
        line = good
        line.careProfile = nil
        #expect(Self.refusal(of: line) != nil)
        #expect(Self.refusal(of: line, function: "63") == nil)
        #expect(Self.refusal(of: line, function: "00") != nil)
        line = good
        line.side = .credit
        #expect(Self.refusal(of: line) != nil)
        line.corrects = "WLZ-0003"
        #expect(Self.refusal(of: line) == nil)
        line = good
        line.service = AW319Sample.period("2012-12-01", "2012-12-31")
        #expect(Self.refusal(of: line) != nil)
        line = good
        line.provider = "00000000"
        #expect(Self.refusal(of: line) != nil)
        line = good
        line.regime = .zvw
        #expect(Self.refusal(of: line) == "claim WLZ-0004 is a Zvw claim, not one of message 187")
    }

    @Test func numbersCommentsByTheRecordTheyAreAbout() throws {
        let records = try AW319Sample.records()
        // Record 6 is the comment on the third claim (detail record 4); person 2 is detail record 5.
        #expect(records[5].prefix(18) == "98" + "000000000004" + "0001")
        #expect(records[6].prefix(14) == "02" + "000000000005")
        #expect(Self.refusalAfterHeader { try $0.comment("x", into: &$1) } != nil)
        #expect(
            Self.refusal {
                try $0.header(AW319Sample.header(), into: &$1)
                try $0.person(try AW319Sample.secondPerson(), into: &$1)
                try $0.comment(" leading space", into: &$1)
            } != nil
        )
    }

    /// The tariff is the amount per unit rounded down, the calculated amount the tariff times the count,
    /// and the declared amount the line's: 6,123.45 over 31 days is 197.53 a day, 6,123.43 calculated.
    @Test func writesTheCalculatedAmountAsTariffTimesCount() throws {
        let claim = Array(try AW319Sample.records()[2])
        func field(_ number: Int) -> String { String(claim[AW319Layout.field(number).offsets]) }
        #expect(field(418) == "0031")
        #expect(field(425) == "00019753")
        #expect(field(426) == "00612343")
        #expect(field(429) == "00612345")
        #expect(field(424) == "00000")
    }
}
