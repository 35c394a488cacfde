public import CapitationCore

/// Why a value cannot be written into an AW319 record.
public struct AW319WriteError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
}

/// Writes AW319 v1.4 files record by record, keeping the counts and the total that its trailer needs.
///
/// Records end in CR LF. Numeric fields are zero-padded, text fields space-padded; a value that does not
/// fit its field is refused, never cut. So is anything else the v1.4 field table does not allow: a code
/// outside its list, a mandatory field left empty, a field its condition requires left empty or one it
/// forbids filled, and records out of the table's order (the header first; each insured-person record
/// followed by at least one claim record; comments after the record they are about; the trailer last).
///
/// Detail records (02 and 04) are numbered from 1 in fields 202 and 402; a comment record (98) repeats the
/// number of the record it is about in 9802 and counts its lines in 9803.
public struct AW319Writer: Sendable {
    /// Field 102 of the header written, `nil` before it.
    private var messageCode: Int?
    private var insured = 0
    private var claims = 0
    private var comments = 0
    private var total = Cents.zero
    /// The number of the last detail record (02 or 04) written.
    private var detailNumber = 0
    /// The comment lines written about the last detail record.
    private var commentLines = 0
    /// The last insured-person record written: the claim records that follow are theirs.
    private var person: AW319Person?
    /// The claim records written after it.
    private var personClaims = 0

    public init() {}

    /// The header record (01).
    ///
    /// - Throws: ``AW319WriteError`` when a header was written before, or when the header breaks the
    ///   table: a message code other than 187, 428 or 430, a version other than 1.4, who is paid (113)
    ///   pointing at an empty field, a provider code (110) without a practice code (111) or the other way
    ///   round, no institution code (112), or an empty invoice number.
    public mutating func header(_ header: AW319Header, into bytes: inout [UInt8]) throws(AW319WriteError) {
        guard messageCode == nil else {
            throw AW319WriteError(description: "an AW319 file has one header record 01, and it was written")
        }
        try Self.check(header)
        var record = Self.blank(.header)
        let field = AW319Layout.field
        try Self.set(field(101), "01", &record)
        try Self.set(field(102), String(header.messageCode), &record)
        try Self.set(field(103), String(header.version), &record)
        try Self.set(field(104), String(header.subversion), &record)
        try Self.set(field(105), header.messageKind, &record)
        try Self.set(field(108), header.uzovi, &record)
        try Self.set(field(109), header.serviceBureau, &record)
        try Self.set(field(110), header.provider, &record)
        try Self.set(field(111), header.practice, &record)
        try Self.set(field(112), header.institution, &record)
        try Self.set(field(113), String(header.payTo), &record)
        try Self.set(field(114), Self.date(header.period.start), &record)
        try Self.set(field(115), Self.date(header.period.end), &record)
        try Self.set(field(116), header.invoiceNumber, &record)
        try Self.set(field(117), Self.date(header.invoiceDate), &record)
        try Self.set(field(119), "EUR", &record)
        messageCode = header.messageCode
        Self.finish(record, into: &bytes)
    }

    /// An insured-person record (02); the claim records of this person follow it.
    ///
    /// The partner's name (212–214) and the debtor number (222) are left empty; the address is written as
    /// the table wants it for someone living in the Netherlands (postcode, house number and addition) or
    /// abroad (country and foreign postcode), and the indication, when the person has one, in 224 and 225.
    ///
    /// - Throws: ``AW319WriteError`` before the header, after a person without claim records, or when a
    ///   value breaks the table (an empty name, initials that are not letters, a postcode not of the form
    ///   `1234AB`, an incomplete indication).
    public mutating func person(_ person: AW319Person, into bytes: inout [UInt8]) throws(AW319WriteError) {
        guard messageCode != nil else {
            throw AW319WriteError(description: "the header record 01 comes before any insured-person record")
        }
        try checkPreviousPersonHasClaims()
        try Self.check(person)
        var record = Self.blank(.insured)
        let field = AW319Layout.field
        try Self.set(field(201), "02", &record)
        try Self.set(field(202), String(detailNumber + 1), &record)
        try Self.set(field(203), person.bsn.digits, &record)
        try Self.set(field(204), person.uzovi, &record)
        try Self.set(field(207), Self.date(person.birthDate), &record)
        try Self.set(field(208), String(person.sex.rawValue), &record)
        try Self.set(field(209), "1", &record)
        try Self.set(field(210), person.name, &record)
        try Self.set(field(215), person.initials, &record)
        switch person.address {
        case .netherlands(let postcode, let houseNumber, let addition):
            try Self.set(field(217), postcode, &record)
            try Self.set(field(219), String(houseNumber), &record)
            try Self.set(field(220), addition, &record)
        case .abroad(let country, let postcode):
            try Self.set(field(218), postcode, &record)
            try Self.set(field(221), country, &record)
        }
        try Self.set(field(223), person.isDeceased ? "1" : "2", &record)
        if let indication = person.indication {
            try Self.set(field(224), indication.body, &record)
            try Self.set(field(225), indication.client, &record)
        }
        detailNumber += 1
        commentLines = 0
        insured += 1
        self.person = person
        personClaims = 0
        Self.finish(record, into: &bytes)
    }

    /// A claim record (04) for `line`, whose member must be the BSN of the last person written.
    ///
    /// The line's payer is written as the UZOVI number (404), which must be the person's (204); its
    /// provider as the performer's AGB code (420), its category as the prestatiecodelijst (416), its
    /// product as the prestatiecode (417), its care profile as the ZZP code (413, `000` for none) and its
    /// volume in fields 418–419 (one unit `00` when it has none). The tariff (425) is the amount divided by
    /// the count, rounded down; the calculated amount (426) is the tariff times the count, as the standard
    /// defines it, and the declared amount (429) the line's amount. A claim of a person with an indication
    /// repeats its fields (408–411) and names its care profile (413) or, when it has none, its `function`
    /// (412, a code such as `63` for individual treatment); a claim of a person without one names neither.
    ///
    /// - Throws: ``AW319WriteError`` when the line is not the last person's, its payer or regime is not
    ///   the file's, or a value breaks the table (a list in 416 other than the message's, a unit in 419
    ///   outside its list, a service before 2013, a credit that names no line, a care profile without an
    ///   indication).
    public mutating func claim(
        _ line: ClaimLine,
        function: String? = nil,
        into bytes: inout [UInt8]
    ) throws(AW319WriteError) {
        guard let bsn = BSN(utf8: line.member.rawValue.utf8) else {
            throw AW319WriteError(
                description: "claim \(line.claimID): the member is not a BSN; AW319 names members by BSN"
            )
        }
        guard let person, bsn == person.bsn, let messageCode else {
            throw AW319WriteError(
                description:
                    "claim \(line.claimID): a claim record belongs to the insured-person record before it; write the member's record first"
            )
        }
        let volume = line.volume ?? ClaimLine.Volume(count: 1, unit: "00")
        try Self.check(line, volume: volume, function: function, of: person, messageCode: messageCode)
        var record = Self.blank(.claim)
        let field = AW319Layout.field
        let side = line.side.rawValue
        try Self.set(field(401), "04", &record)
        try Self.set(field(402), String(detailNumber + 1), &record)
        try Self.set(field(403), bsn.digits, &record)
        try Self.set(field(404), person.uzovi, &record)
        try Self.set(field(407), "1", &record)
        if let indication = person.indication {
            try Self.set(field(408), indication.body, &record)
            try Self.set(field(409), indication.client, &record)
            try Self.set(field(410), String(indication.request), &record)
            try Self.set(field(411), String(indication.decision), &record)
        }
        try Self.set(field(412), function ?? "00", &record)
        try Self.set(field(413), line.careProfile?.rawValue ?? "000", &record)
        try Self.set(field(414), Self.date(line.service.start), &record)
        try Self.set(field(415), Self.date(line.service.end), &record)
        try Self.set(field(416), line.category.rawValue, &record)
        try Self.set(field(417), line.product.rawValue, &record)
        try Self.set(field(418), String(volume.count), &record)
        try Self.set(field(419), volume.unit, &record)
        try Self.set(field(420), line.provider, &record)
        // 421, 423 and 424 stay zero, as the table requires; 422 and 428 zero for unknown and no VAT.
        let tariff = volume.count > 0 ? line.amount.rawValue / volume.count : 0
        try Self.set(field(425), String(tariff), &record)
        try Self.set(field(426), String(tariff * volume.count), &record)
        try Self.set(field(427), side, &record)
        try Self.set(field(429), String(line.amount.rawValue), &record)
        try Self.set(field(430), side, &record)
        try Self.set(field(431), line.claimID, &record)
        if line.side == .credit { try Self.set(field(432), line.corrects ?? "", &record) }
        do {
            total = try total + line.signedAmount
        } catch {
            throw AW319WriteError(description: "the file's total does not fit: \(error)")
        }
        detailNumber += 1
        commentLines = 0
        claims += 1
        personClaims += 1
        Self.finish(record, into: &bytes)
    }

    /// A comment record (98) with one line of free text about the detail record written last (02 or 04).
    ///
    /// - Throws: ``AW319WriteError`` before any detail record, or for text that is empty, starts with a
    ///   space or is longer than 140 characters.
    public mutating func comment(_ text: String, into bytes: inout [UInt8]) throws(AW319WriteError) {
        guard detailNumber > 0 else {
            throw AW319WriteError(
                description:
                    "a comment record 98 is about the insured-person or claim record before it; write one first"
            )
        }
        let field = AW319Layout.field
        try Self.requireLeadingText(text, field(9804))
        var record = Self.blank(.comment)
        try Self.set(field(9801), "98", &record)
        try Self.set(field(9802), String(detailNumber), &record)
        try Self.set(field(9803), String(commentLines + 1), &record)
        try Self.set(field(9804), text, &record)
        commentLines += 1
        comments += 1
        Self.finish(record, into: &bytes)
    }

    /// The trailer record (99) with the counts and total of everything written.
    ///
    /// - Throws: ``AW319WriteError`` when no insured-person record was written, or the last one has no
    ///   claim record: the table wants at least one of each.
    public func trailer(into bytes: inout [UInt8]) throws(AW319WriteError) {
        guard insured > 0 else {
            throw AW319WriteError(
                description: "an AW319 file holds at least one insured-person record 02 with its claim records 04"
            )
        }
        try checkPreviousPersonHasClaims()
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

    private func checkPreviousPersonHasClaims() throws(AW319WriteError) {
        if person != nil, personClaims == 0 {
            throw AW319WriteError(
                description:
                    "the insured-person record 02 written last has no claim record 04; the table wants at least one"
            )
        }
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
