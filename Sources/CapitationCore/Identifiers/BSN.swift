/// A Dutch citizen service number (burgerservicenummer): nine digits that pass the elfproef.
///
/// The elfproef: 9·d1 + 8·d2 + 7·d3 + 6·d4 + 5·d5 + 4·d6 + 3·d7 + 2·d8 − 1·d9 is divisible by 11 and the
/// number is not 0. A BSN is personal data: it may be read, matched and pseudonymised, but never printed.
/// The type therefore has no description, and messages about a BSN name its file, line and field instead
/// of its digits.
public struct BSN: Hashable, Sendable {
    /// The number, 1 through 999,999,999.
    public let number: Int

    /// A BSN from nine ASCII digits that pass the elfproef; `nil` for anything else.
    public init?(utf8 bytes: some Collection<UInt8>) {
        guard let number = Self.nineDigitNumber(bytes), Self.passesElfproef(number) else { return nil }
        self.number = number
    }

    /// A BSN from nine ASCII digits in memory that pass the elfproef; `nil` for anything else.
    ///
    /// The same as the generic form, compiled for the buffers that file readers hold.
    package init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let number = Self.nineDigitNumber(bytes), Self.passesElfproef(number) else { return nil }
        self.number = number
    }

    /// A BSN from its number; `nil` unless it passes the elfproef.
    public init?(number: Int) {
        guard (0..<1_000_000_000).contains(number), Self.passesElfproef(number) else { return nil }
        self.number = number
    }

    /// The nine digits, with leading zeros.
    public var digits: String {
        String(decoding: Self.digitBytes(number), as: UTF8.self)
    }

    /// Whether `number` (0 through 999,999,999, read as nine digits) passes the elfproef.
    public static func passesElfproef(_ number: Int) -> Bool {
        guard number > 0, number < 1_000_000_000 else { return false }
        return checkDigit(prefix: number / 10) == number % 10
    }

    /// The ninth digit that makes the eight digits of `prefix` (0 through 99,999,999) a BSN, or `nil` when
    /// no digit does (the weighted sum leaves 10 after division by 11).
    public static func checkDigit(prefix: Int) -> Int? {
        var rest = prefix
        var sum = 0
        for weight in 2...9 {
            sum += weight * (rest % 10)
            rest /= 10
        }
        let digit = sum % 11
        return digit == 10 ? nil : digit
    }

    /// The number written in `bytes` when they are exactly nine ASCII digits.
    package static func nineDigitNumber(_ bytes: some Collection<UInt8>) -> Int? {
        guard bytes.count == 9 else { return nil }
        var number = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            number = number * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return number
    }

    /// The nine ASCII digits of `number`, with leading zeros.
    package static func digitBytes(_ number: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: UInt8(ascii: "0"), count: 9)
        var rest = number
        for index in stride(from: 8, through: 0, by: -1) {
            bytes[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        return bytes
    }
}

extension BSN {
    /// The number that the Vektis standards (AW319) write for a person without a BSN: 999999999.
    ///
    /// It fails the elfproef and is no one's: its lines are read, and rejected because they cannot be
    /// matched to a member of the population.
    public static let dummy = 999_999_999

    /// The dummy number as a member id.
    public static let dummyMemberID = "999999999"

    /// The problem with a member id, or `nil` when there is none.
    ///
    /// A member id may be any pseudonym, but one of exactly nine digits is read as a BSN and must pass the
    /// elfproef: a mistyped BSN would otherwise silently become another person. The message does not
    /// repeat the digits.
    public static func problem(withMemberID text: String) -> String? {
        problem(withMemberID: text.utf8)
    }

    /// The problem with a member id written as UTF-8 `bytes`, or `nil` when there is none.
    public static func problem(withMemberID bytes: some Collection<UInt8>) -> String? {
        guard let number = nineDigitNumber(bytes), !passesElfproef(number), number != dummy else { return nil }
        return "is nine digits but fails the elfproef, so it is not a valid BSN"
    }

    /// Whether a member id written as UTF-8 `bytes` has a problem: whether
    /// `problem(withMemberID:)` of bytes has one, without the message, compiled for the
    /// buffers that readers check every line in.
    package static func hasProblem(memberID bytes: UnsafeRawBufferPointer) -> Bool {
        guard let number = nineDigitNumber(bytes) else { return false }
        return !passesElfproef(number) && number != dummy
    }
}
