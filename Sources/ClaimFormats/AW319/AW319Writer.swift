public import CapitationCore

/// An insured person as an AW319 insured-person record (02) writes them.
public struct AW319Person: Hashable, Sendable {
    public var bsn: BSN
    /// Field 204, the UZOVI number of the insurer or care office.
    public var uzovi: String
    public var birthDate: CalendarDate
    /// Field 208: 0 unknown, 1 male, 2 female, 9 unspecified.
    public var sex: Int
    /// Field 210, the surname.
    public var name: String
    /// Field 215, the initials.
    public var initials: String

    public init(bsn: BSN, uzovi: String, birthDate: CalendarDate, sex: Int, name: String, initials: String) {
        self.bsn = bsn
        self.uzovi = uzovi
        self.birthDate = birthDate
        self.sex = sex
        self.name = name
        self.initials = initials
    }
}

/// Why a value cannot be written into an AW319 record.
public struct AW319WriteError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
}

/// Writes AW319 v1.4 files record by record, keeping the counts and the total that its trailer needs.
///
/// Records end in CR LF. Numeric fields are zero-padded, text fields space-padded; a value that does not
/// fit its field is refused, never cut.
public struct AW319Writer: Sendable {
    private var insured = 0
    private var claims = 0
    private var comments = 0
    private var total = Cents.zero
    private var detailNumber = 0
    /// The BSN of the last insured-person record written: the claim records that follow are theirs.
    private var person: BSN?

    public init() {}

    /// The header record (01).
    public func header(_ header: AW319Header, into bytes: inout [UInt8]) throws(AW319WriteError) {
        var record = Self.blank(.header)
        let field = AW319Layout.field
        try Self.set(field(101), "01", &record)
        try Self.set(field(102), String(header.messageCode), &record)
        try Self.set(field(103), String(header.version), &record)
        try Self.set(field(104), String(header.subversion), &record)
        try Self.set(field(105), header.messageKind, &record)
        try Self.set(field(108), header.uzovi, &record)
        try Self.set(field(110), header.provider, &record)
        try Self.set(field(112), header.institution, &record)
        try Self.set(field(113), String(header.payTo), &record)
        try Self.set(field(114), Self.date(header.period.start), &record)
        try Self.set(field(115), Self.date(header.period.end), &record)
        try Self.set(field(116), header.invoiceNumber, &record)
        try Self.set(field(117), Self.date(header.invoiceDate), &record)
        try Self.set(field(119), "EUR", &record)
        Self.finish(record, into: &bytes)
    }

    /// An insured-person record (02); the claim records of this person follow it.
    public mutating func person(_ person: AW319Person, into bytes: inout [UInt8]) throws(AW319WriteError) {
        var record = Self.blank(.insured)
        let field = AW319Layout.field
        detailNumber += 1
        try Self.set(field(201), "02", &record)
        try Self.set(field(202), String(detailNumber), &record)
        try Self.set(field(203), person.bsn.digits, &record)
        try Self.set(field(204), person.uzovi, &record)
        try Self.set(field(207), Self.date(person.birthDate), &record)
        try Self.set(field(208), String(person.sex), &record)
        try Self.set(field(209), "1", &record)
        try Self.set(field(210), person.name, &record)
        try Self.set(field(215), person.initials, &record)
        try Self.set(field(223), "2", &record)
        insured += 1
        self.person = person.bsn
        Self.finish(record, into: &bytes)
    }

    /// A claim record (04) for `line`, whose member must be the BSN of the last person written.
    ///
    /// The line's payer is written as the UZOVI number (404), its provider as the performer's AGB code
    /// (420), its category as the prestatiecodelijst (416), its product as the prestatiecode (417), its
    /// care profile as the ZZP code (413, `000` for none) and its volume in fields 418–419 (one unit `00`
    /// when it has none). The tariff (425) is the amount divided by the count, rounded down.
    public mutating func claim(_ line: ClaimLine, into bytes: inout [UInt8]) throws(AW319WriteError) {
        guard let bsn = BSN(utf8: line.member.rawValue.utf8) else {
            throw AW319WriteError(
                description: "claim \(line.claimID): the member is not a BSN; AW319 names members by BSN"
            )
        }
        guard bsn == person else {
            throw AW319WriteError(
                description:
                    "claim \(line.claimID): a claim record belongs to the insured-person record before it; write the member's record first"
            )
        }
        var record = Self.blank(.claim)
        let field = AW319Layout.field
        let volume = line.volume ?? ClaimLine.Volume(count: 1, unit: "00")
        let side = line.side.rawValue
        detailNumber += 1
        try Self.set(field(401), "04", &record)
        try Self.set(field(402), String(detailNumber), &record)
        try Self.set(field(403), bsn.digits, &record)
        try Self.set(field(404), line.payer, &record)
        try Self.set(field(407), "1", &record)
        try Self.set(field(413), line.careProfile?.rawValue ?? "000", &record)
        try Self.set(field(414), Self.date(line.service.start), &record)
        try Self.set(field(415), Self.date(line.service.end), &record)
        try Self.set(field(416), line.category.rawValue, &record)
        try Self.set(field(417), line.product.rawValue, &record)
        try Self.set(field(418), String(volume.count), &record)
        try Self.set(field(419), volume.unit, &record)
        try Self.set(field(420), line.provider, &record)
        try Self.set(field(424), "10000", &record)
        let tariff = volume.count > 0 ? line.amount.rawValue / volume.count : line.amount.rawValue
        try Self.set(field(425), String(tariff), &record)
        try Self.set(field(426), String(line.amount.rawValue), &record)
        try Self.set(field(427), side, &record)
        try Self.set(field(429), String(line.amount.rawValue), &record)
        try Self.set(field(430), side, &record)
        try Self.set(field(431), line.claimID, &record)
        if line.side == .credit { try Self.set(field(432), line.corrects ?? "", &record) }
        claims += 1
        do {
            total = try total + line.signedAmount
        } catch {
            throw AW319WriteError(description: "the file's total does not fit: \(error)")
        }
        Self.finish(record, into: &bytes)
    }

    /// A comment record (98) with one line of free text.
    public mutating func comment(_ text: String, line: Int = 1, into bytes: inout [UInt8]) throws(AW319WriteError) {
        var record = Self.blank(.comment)
        let field = AW319Layout.field
        detailNumber += 1
        try Self.set(field(9801), "98", &record)
        try Self.set(field(9802), String(detailNumber), &record)
        try Self.set(field(9803), String(line), &record)
        try Self.set(field(9804), text, &record)
        comments += 1
        Self.finish(record, into: &bytes)
    }

    /// The trailer record (99) with the counts and total of everything written.
    public func trailer(into bytes: inout [UInt8]) throws(AW319WriteError) {
        var record = Self.blank(.trailer)
        let field = AW319Layout.field
        try Self.set(field(9901), "99", &record)
        try Self.set(field(9902), String(insured), &record)
        try Self.set(field(9904), String(claims), &record)
        try Self.set(field(9905), String(comments), &record)
        try Self.set(field(9906), String(insured + claims + comments), &record)
        try Self.set(field(9907), String(total.rawValue.magnitude), &record)
        try Self.set(field(9908), total.isNegative ? "C" : "D", &record)
        Self.finish(record, into: &bytes)
    }

    /// A record of `kind` with its numeric fields zero and everything else spaces, as characters.
    static func blank(_ kind: AW319RecordKind) -> [Unicode.Scalar] {
        switch kind {
        case .header: blankHeader
        case .insured: blankInsured
        case .claim: blankClaim
        case .comment: blankComment
        case .trailer: blankTrailer
        }
    }

    private static let blankHeader = template(.header)
    private static let blankInsured = template(.insured)
    private static let blankClaim = template(.claim)
    private static let blankComment = template(.comment)
    private static let blankTrailer = template(.trailer)

    private static func template(_ kind: AW319RecordKind) -> [Unicode.Scalar] {
        var record = [Unicode.Scalar](repeating: " ", count: AW319Layout.recordLength)
        for field in AW319Layout.fields(of: kind) where field.kind == .numeric {
            record.replaceSubrange(field.offsets, with: repeatElement("0", count: field.length))
        }
        return record
    }

    /// Writes `value` into `field`: digits zero-padded on the left, text space-padded on the right.
    static func set(_ field: AW319Field, _ value: String, _ record: inout [Unicode.Scalar]) throws(AW319WriteError) {
        let characters = Array(value.unicodeScalars)
        guard characters.count <= field.length else {
            throw AW319WriteError(
                description: "\(field.label) holds \(field.length) characters; '\(value)' has \(characters.count)"
            )
        }
        if let control = characters.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw AW319WriteError(
                description:
                    "\(field.label) cannot hold the control character U+\(String(control.value, radix: 16, uppercase: true))"
            )
        }
        let isNumeric = field.kind == .numeric || field.kind == .date
        if isNumeric, value.isEmpty || !characters.allSatisfy({ $0 >= "0" && $0 <= "9" }) {
            throw AW319WriteError(description: "\(field.label) holds digits, not '\(value)'")
        }
        let pad: Unicode.Scalar = isNumeric ? "0" : " "
        let padding = Array(repeatElement(pad, count: field.length - characters.count))
        record.replaceSubrange(field.offsets, with: isNumeric ? padding + characters : characters + padding)
    }

    static func date(_ date: CalendarDate) -> String {
        let value = date.year * 10_000 + date.month * 100 + date.day
        let digits = String(value)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    static func finish(_ record: [Unicode.Scalar], into bytes: inout [UInt8]) {
        for scalar in record {
            if scalar.isASCII {
                bytes.append(UInt8(scalar.value))
            } else {
                bytes += String(Character(scalar)).utf8
            }
        }
        bytes += [UInt8(ascii: "\r"), UInt8(ascii: "\n")]
    }
}
