import CapitationCore
import ClaimFormats
import Pseudonymisation
import Testing

enum Keys {
    static func make(_ text: String) throws -> PseudonymKey {
        try PseudonymKey(Array(text.utf8), source: "test")
    }

    static let first = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
    static let second = "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"
}

struct BSNPseudonymsTests {
    @Test func keepsTheElfproefClassAndIsTheSameForTheSameKey() throws {
        var pseudonyms = BSNPseudonyms(key: try Keys.make(Keys.first))
        var again = BSNPseudonyms(key: try Keys.make(Keys.first))
        var other = BSNPseudonyms(key: try Keys.make(Keys.second))
        var generator = SeededGenerator(seed: 11)
        var differentUnderOtherKey = 0
        for _ in 0..<2_000 {
            let number = Int(generator.next() % 1_000_000_000)
            let pseudonym = pseudonyms.pseudonym(of: number)
            #expect((0..<1_000_000_000).contains(pseudonym))
            #expect(BSN.passesElfproef(pseudonym) == BSN.passesElfproef(number), "\(number)")
            #expect(again.pseudonym(of: number) == pseudonym)
            if other.pseudonym(of: number) != pseudonym { differentUnderOtherKey += 1 }
        }
        #expect(differentUnderOtherKey == 2_000)
    }

    // A permutation never gives two people the same pseudonym. 30,000 valid BSNs in a row (the consecutive
    // prefixes from 10,000,000) and as many invalid numbers all get distinct pseudonyms.
    @Test func neverMapsTwoNumbersToOne() throws {
        var pseudonyms = BSNPseudonyms(key: try Keys.make(Keys.first))
        var valid: Set<Int> = []
        var invalid: Set<Int> = []
        var prefix = 10_000_000
        while valid.count < 30_000 {
            if let digit = BSN.checkDigit(prefix: prefix) {
                #expect(valid.insert(pseudonyms.pseudonym(of: prefix * 10 + digit)).inserted)
            }
            prefix += 1
        }
        var number = 200_000_000
        while invalid.count < 30_000 {
            if !BSN.passesElfproef(number) { #expect(invalid.insert(pseudonyms.pseudonym(of: number)).inserted) }
            number += 1
        }
        #expect(valid.isDisjoint(with: invalid))
        #expect(pseudonyms.count == 60_000)
    }

    /// The dummy BSN of a person without one is no one's: it stays, and no other number becomes it.
    @Test func keepsTheDummyBSN() throws {
        var pseudonyms = BSNPseudonyms(key: try Keys.make(Keys.first))
        #expect(pseudonyms.pseudonym(of: BSN.dummy) == BSN.dummy)
        for number in 999_900_000..<999_999_999 where !BSN.passesElfproef(number) {
            #expect(pseudonyms.pseudonym(of: number) != BSN.dummy)
        }
    }

    @Test func replacesOnlyNineDigits() throws {
        var pseudonyms = BSNPseudonyms(key: try Keys.make(Keys.first))
        #expect(pseudonyms.pseudonym(of: Array("m0001".utf8)) == nil)
        #expect(pseudonyms.pseudonym(of: Array("12345678".utf8)) == nil)
        let digits = pseudonyms.pseudonym(of: Array("111222333".utf8))
        let replaced = try #require(digits)
        #expect(BSN(utf8: replaced) != nil)
        #expect(replaced != Array("111222333".utf8))
    }

    @Test func refusesAShortKeyAndIgnoresTheLastLineEnd() throws {
        let error = #expect(throws: PseudonymKeyError.self) { try Keys.make("too short") }
        #expect(
            error?.description
                == "the key in test has 9 bytes; a key needs at least 32 (for example the 64 characters of `openssl rand -hex 32`)"
        )
        var fromFile = BSNPseudonyms(key: try PseudonymKey(Array((Keys.first + "\n").utf8), source: "file"))
        var fromVariable = BSNPseudonyms(key: try Keys.make(Keys.first))
        #expect(fromFile.pseudonym(of: 111_222_333) == fromVariable.pseudonym(of: 111_222_333))
    }
}
