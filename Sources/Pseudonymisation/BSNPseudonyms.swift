import CapitationCore
import Crypto

/// Replaces BSNs by pseudonyms that are BSNs too, with a keyed permutation, so that pseudonymised files
/// stay valid in every format and still match each other.
///
/// The pseudonym of a nine-digit number is computed from the number and the key alone, so the same BSN
/// gets the same pseudonym in every file and every run with the same key. Two different numbers never
/// get the same pseudonym: the mapping is a permutation, not a truncated hash, so two people are never
/// merged (a 9-digit hash would collide for thousands of people in a national population). It is
/// format-preserving: a BSN that passes the elfproef becomes one that passes it, and a nine-digit number
/// that fails it becomes one that fails it, so that `settle` rejects the same lines after pseudonymisation
/// as before.
///
/// The permutation is a ten-round Feistel network whose round function is HMAC-SHA256 under the key,
/// over the eight digits before the check digit for valid BSNs (the check digit is then recomputed) and
/// over all nine digits for the rest, with cycle-walking to stay within each class.
public struct BSNPseudonyms {
    /// HMAC-SHA256 keyed once; each round function copies it.
    private let keyed: HMAC<SHA256>
    private var cache: [Int: Int] = [:]

    public init(key: PseudonymKey) {
        keyed = HMAC<SHA256>(key: SymmetricKey(data: key.bytes))
    }

    /// The number of distinct numbers pseudonymised so far.
    public var count: Int { cache.count }

    /// The pseudonym of `text` when it is nine digits; `nil` for anything else.
    public mutating func pseudonym(of text: some Collection<UInt8>) -> [UInt8]? {
        guard let number = BSN.nineDigitNumber(text) else { return nil }
        return BSN.digitBytes(pseudonym(of: number))
    }

    /// The pseudonym of `number` when it was pseudonymised before; `nil` otherwise.
    public func knownPseudonym(of number: Int) -> Int? {
        cache[number]
    }

    /// The pseudonym of a nine-digit number, 0 through 999,999,999.
    public mutating func pseudonym(of number: Int) -> Int {
        if let known = cache[number] { return known }
        // The dummy BSN of a person without one is no one's, and stays as it is; no number becomes it.
        guard number != BSN.dummy else { return number }
        let result: Int
        if BSN.passesElfproef(number) {
            // Permute the eight digits before the check digit within the prefixes that have one.
            var prefix = number / 10
            repeat {
                prefix = permute(prefix, halves: (10_000, 10_000), domain: 0x01)
            } while prefix == 0 || BSN.checkDigit(prefix: prefix) == nil
            result = prefix * 10 + (BSN.checkDigit(prefix: prefix) ?? 0)
        } else {
            var value = number
            repeat {
                value = permute(value, halves: (10_000, 100_000), domain: 0x02)
            } while BSN.passesElfproef(value) || value == BSN.dummy
            result = value
        }
        cache[number] = result
        return result
    }

    /// One application of the Feistel permutation of `value` in `0..<(halves.0 × halves.1)`.
    private func permute(_ value: Int, halves: (Int, Int), domain: UInt8) -> Int {
        var left = value / halves.1
        var right = value % halves.1
        for round in 0..<10 {
            if round % 2 == 0 {
                left = (left + roundValue(round, of: right, domain: domain)) % halves.0
            } else {
                right = (right + roundValue(round, of: left, domain: domain)) % halves.1
            }
        }
        return left * halves.1 + right
    }

    /// Separates these HMACs from any other use of the key.
    private static let label = Array("capitation-bsn-pseudonym-1".utf8)

    /// The round function: the first eight bytes of HMAC-SHA256(key, domain ‖ round ‖ value), as a number.
    private func roundValue(_ round: Int, of value: Int, domain: UInt8) -> Int {
        var message = Self.label + [domain, UInt8(round)]
        withUnsafeBytes(of: UInt64(value).bigEndian) { message += $0 }
        var hmac = keyed
        hmac.update(data: message)
        let code = hmac.finalize()
        var number: UInt64 = 0
        for byte in code.prefix(8) { number = number << 8 | UInt64(byte) }
        return Int(number % (1 << 62))
    }
}

/// Pseudonyms keep a cache and a keyed HMAC state; each thread makes its own.
@available(*, unavailable)
extension BSNPseudonyms: Sendable {}
