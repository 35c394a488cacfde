/// The record layouts of Vektis AW319 v1.4 ("Declaratie Wlz, WV, ELV en ZG zorg"): every record is 310
/// characters, and each field has a fixed place.
///
/// Field numbers and names are those of the standard, so that a message about a record can be checked
/// against the standard's own text. Positions are 1-based and inclusive, as in the standard.
public enum AW319Layout: Sendable {
    /// The length of every record, in characters.
    public static let recordLength = 310

    /// Record 01.
    public static let header: [AW319Field] = [
        AW319Field(101, "kenmerk record", from: 1, length: 2, .numeric, .mandatory),
        AW319Field(102, "code externe-integratiebericht", from: 3, length: 3, .numeric, .mandatory),
        AW319Field(103, "versienummer berichtstandaard", from: 6, length: 2, .numeric, .mandatory),
        AW319Field(104, "subversienummer berichtstandaard", from: 8, length: 2, .numeric, .conditional),
        AW319Field(105, "soort bericht", from: 10, length: 1, .alphanumeric, .mandatory),
        AW319Field(106, "code informatiesysteem softwareleverancier", from: 11, length: 6, .numeric, .optional),
        AW319Field(
            107,
            "versieaanduiding informatiesysteem softwareleverancier",
            from: 17,
            length: 10,
            .alphanumeric,
            .conditional
        ),
        AW319Field(108, "uzovi-nummer", from: 27, length: 4, .numeric, .conditional),
        AW319Field(109, "code servicebureau", from: 31, length: 8, .numeric, .conditional),
        AW319Field(110, "zorgverlenerscode", from: 39, length: 8, .numeric, .conditional),
        AW319Field(111, "praktijkcode", from: 47, length: 8, .numeric, .conditional),
        AW319Field(112, "instellingscode", from: 55, length: 8, .numeric, .conditional),
        AW319Field(113, "identificatiecode betaling aan", from: 63, length: 2, .numeric, .mandatory),
        AW319Field(114, "begindatum declaratieperiode", from: 65, length: 8, .date, .mandatory),
        AW319Field(115, "einddatum declaratieperiode", from: 73, length: 8, .date, .mandatory),
        AW319Field(116, "factuurnummer declarant", from: 81, length: 12, .alphanumeric, .mandatory),
        AW319Field(117, "dagtekening factuur", from: 93, length: 8, .date, .mandatory),
        AW319Field(118, "btw-identificatienummer", from: 101, length: 14, .alphanumeric, .conditional),
        AW319Field(119, "valutacode", from: 115, length: 3, .alphanumeric, .mandatory),
        AW319Field(180, "reserve", from: 118, length: 193, .reserve, .optional),
    ]

    /// Record 02.
    public static let insured: [AW319Field] = [
        AW319Field(201, "kenmerk record", from: 1, length: 2, .numeric, .mandatory),
        AW319Field(202, "identificatie detailrecord", from: 3, length: 12, .numeric, .mandatory),
        AW319Field(
            203,
            "burgerservicenummer (bsn) verzekerde",
            from: 15,
            length: 9,
            .numeric,
            .mandatory,
            personal: true
        ),
        AW319Field(204, "uzovi-nummer", from: 24, length: 4, .numeric, .mandatory),
        AW319Field(
            205,
            "verzekerdennummer (inschrijvingsnummer, relatienummer)",
            from: 28,
            length: 15,
            .alphanumeric,
            .conditional,
            personal: true
        ),
        AW319Field(206, "patient(identificatie)nummer", from: 43, length: 11, .alphanumeric, .optional, personal: true),
        AW319Field(207, "datum geboorte verzekerde", from: 54, length: 8, .date, .mandatory, personal: true),
        AW319Field(208, "code geslacht verzekerde", from: 62, length: 1, .numeric, .mandatory),
        AW319Field(209, "naamcode/naamgebruik (01)", from: 63, length: 1, .numeric, .mandatory),
        AW319Field(210, "naam verzekerde (01)", from: 64, length: 25, .alphanumeric, .mandatory, personal: true),
        AW319Field(
            211,
            "voorvoegsel verzekerde (01)",
            from: 89,
            length: 10,
            .alphanumeric,
            .conditional,
            personal: true
        ),
        AW319Field(212, "naamcode/naamgebruik (02)", from: 99, length: 1, .numeric, .conditional),
        AW319Field(213, "naam verzekerde (02)", from: 100, length: 25, .alphanumeric, .conditional, personal: true),
        AW319Field(
            214,
            "voorvoegsel verzekerde (02)",
            from: 125,
            length: 10,
            .alphanumeric,
            .conditional,
            personal: true
        ),
        AW319Field(215, "voorletters verzekerde", from: 135, length: 6, .alphanumeric, .mandatory, personal: true),
        AW319Field(216, "naamcode/naamgebruik (03)", from: 141, length: 1, .numeric, .conditional),
        AW319Field(
            217,
            "postcode (huisadres) verzekerde",
            from: 142,
            length: 6,
            .alphanumeric,
            .conditional,
            personal: true
        ),
        AW319Field(218, "postcode buitenland", from: 148, length: 9, .alphanumeric, .conditional, personal: true),
        AW319Field(
            219,
            "huisnummer (huisadres) verzekerde",
            from: 157,
            length: 5,
            .numeric,
            .conditional,
            personal: true
        ),
        AW319Field(
            220,
            "huisnummertoevoeging (huisadres) verzekerde",
            from: 162,
            length: 6,
            .alphanumeric,
            .conditional,
            personal: true
        ),
        AW319Field(221, "code land verzekerde", from: 168, length: 2, .alphanumeric, .conditional),
        AW319Field(222, "debiteurnummer", from: 170, length: 11, .alphanumeric, .conditional, personal: true),
        AW319Field(223, "indicatie client overleden", from: 181, length: 1, .numeric, .mandatory),
        AW319Field(224, "code indicatieorgaan", from: 182, length: 4, .numeric, .conditional),
        AW319Field(
            225,
            "cliëntnummer indicatieorgaan",
            from: 186,
            length: 20,
            .alphanumeric,
            .conditional,
            personal: true
        ),
        AW319Field(280, "reserve", from: 206, length: 105, .reserve, .optional),
    ]

    /// Record 04.
    public static let claim: [AW319Field] = [
        AW319Field(401, "kenmerk record", from: 1, length: 2, .numeric, .mandatory),
        AW319Field(402, "identificatie detailrecord", from: 3, length: 12, .numeric, .mandatory),
        AW319Field(
            403,
            "burgerservicenummer (bsn) verzekerde",
            from: 15,
            length: 9,
            .numeric,
            .mandatory,
            personal: true
        ),
        AW319Field(404, "uzovi-nummer", from: 24, length: 4, .numeric, .mandatory),
        AW319Field(
            405,
            "verzekerdennummer (inschrijvingsnummer, relatienummer)",
            from: 28,
            length: 15,
            .alphanumeric,
            .conditional,
            personal: true
        ),
        AW319Field(406, "machtigingsnummer", from: 43, length: 15, .alphanumeric, .conditional, personal: true),
        AW319Field(407, "doorsturen toegestaan", from: 58, length: 1, .numeric, .mandatory),
        AW319Field(408, "code indicatieorgaan", from: 59, length: 4, .numeric, .conditional),
        AW319Field(
            409,
            "cliëntnummer indicatieorgaan",
            from: 63,
            length: 20,
            .alphanumeric,
            .conditional,
            personal: true
        ),
        AW319Field(
            410,
            "indicatie-aanvraagnummer indicatieorgaan",
            from: 83,
            length: 9,
            .numeric,
            .conditional,
            personal: true
        ),
        AW319Field(
            411,
            "indicatiebesluitnummer indicatieorgaan",
            from: 92,
            length: 9,
            .numeric,
            .conditional,
            personal: true
        ),
        AW319Field(412, "functiecode", from: 101, length: 2, .numeric, .conditional),
        AW319Field(413, "zorgzwaartepakketcode", from: 103, length: 3, .numeric, .conditional),
        AW319Field(414, "begindatum prestatie", from: 106, length: 8, .date, .mandatory),
        AW319Field(415, "einddatum prestatie", from: 114, length: 8, .date, .mandatory),
        AW319Field(416, "aanduiding prestatiecodelijst", from: 122, length: 3, .numeric, .mandatory),
        AW319Field(417, "prestatiecode", from: 125, length: 5, .alphanumeric, .mandatory),
        AW319Field(418, "aantal uitgevoerde prestaties", from: 130, length: 4, .numeric, .mandatory),
        AW319Field(419, "tijdseenheid zorgperiode", from: 134, length: 2, .numeric, .conditional),
        AW319Field(420, "zorgverlenerscode behandelaar/uitvoerder", from: 136, length: 8, .numeric, .mandatory),
        AW319Field(421, "specialisme behandelaar/uitvoerder", from: 144, length: 4, .numeric, .conditional),
        AW319Field(422, "zorgverlenerscode voorschrijver/verwijzer", from: 148, length: 8, .numeric, .conditional),
        AW319Field(423, "specialisme voorschrijver/verwijzer", from: 156, length: 4, .numeric, .conditional),
        AW319Field(424, "verrekenpercentage", from: 160, length: 5, .numeric, .conditional),
        AW319Field(425, "tarief prestatie (incl. btw)", from: 165, length: 8, .numeric, .mandatory),
        AW319Field(426, "berekend bedrag (incl. btw)", from: 173, length: 8, .numeric, .mandatory),
        AW319Field(427, "indicatie debet/credit (01)", from: 181, length: 1, .alphanumeric, .mandatory),
        AW319Field(428, "btw-percentage declaratiebedrag", from: 182, length: 4, .numeric, .conditional),
        AW319Field(429, "declaratiebedrag (incl. btw)", from: 186, length: 8, .numeric, .mandatory),
        AW319Field(430, "indicatie debet/credit (02)", from: 194, length: 1, .alphanumeric, .mandatory),
        AW319Field(431, "referentienummer dit prestatierecord", from: 195, length: 20, .alphanumeric, .mandatory),
        AW319Field(
            432,
            "referentienummer voorgaande gerelateerde prestatierecord",
            from: 215,
            length: 20,
            .alphanumeric,
            .conditional
        ),
        AW319Field(480, "reserve", from: 235, length: 76, .reserve, .optional),
    ]

    /// Record 98.
    public static let comment: [AW319Field] = [
        AW319Field(9801, "kenmerk record", from: 1, length: 2, .numeric, .mandatory),
        AW319Field(9802, "identificatie detailrecord", from: 3, length: 12, .numeric, .mandatory),
        AW319Field(9803, "regelnummer vrije tekst", from: 15, length: 4, .numeric, .mandatory),
        AW319Field(9804, "vrije tekst", from: 19, length: 140, .alphanumeric, .mandatory, personal: true),
        AW319Field(9880, "reserve", from: 159, length: 152, .reserve, .optional),
    ]

    /// Record 99.
    public static let trailer: [AW319Field] = [
        AW319Field(9901, "kenmerk record", from: 1, length: 2, .numeric, .mandatory),
        AW319Field(9902, "aantal verzekerdenrecords", from: 3, length: 6, .numeric, .mandatory),
        AW319Field(9903, "aantal debiteurrecords", from: 9, length: 6, .numeric, .conditional),
        AW319Field(9904, "aantal prestatierecords", from: 15, length: 6, .numeric, .mandatory),
        AW319Field(9905, "aantal commentaarrecords", from: 21, length: 6, .numeric, .conditional),
        AW319Field(9906, "totaal aantal detailrecords", from: 27, length: 7, .numeric, .mandatory),
        AW319Field(9907, "totaal declaratiebedrag", from: 34, length: 11, .numeric, .conditional),
        AW319Field(9908, "indicatie debet/credit", from: 45, length: 1, .alphanumeric, .mandatory),
        AW319Field(9980, "reserve", from: 46, length: 265, .reserve, .optional),
    ]

    /// The layout of each record kind.
    public static func fields(of kind: AW319RecordKind) -> [AW319Field] {
        switch kind {
        case .header: header
        case .insured: insured
        case .claim: claim
        case .comment: comment
        case .trailer: trailer
        }
    }

    /// The checks of each record kind's shape: its fields without their names.
    package static func checks(of kind: AW319RecordKind) -> [ShapeCheck] {
        switch kind {
        case .header: headerChecks
        case .insured: insuredChecks
        case .claim: claimChecks
        case .comment: commentChecks
        case .trailer: trailerChecks
        }
    }

    private static let headerChecks = header.map(ShapeCheck.init)
    private static let insuredChecks = insured.map(ShapeCheck.init)
    private static let claimChecks = claim.map(ShapeCheck.init)
    private static let commentChecks = comment.map(ShapeCheck.init)
    private static let trailerChecks = trailer.map(ShapeCheck.init)

    /// A field's place and what it must hold, without its name: what the check of every record reads,
    /// without copying (and counting references to) the names.
    package struct ShapeCheck: Sendable {
        /// The field's character offsets, 0-based.
        package let offsets: Range<Int>
        package let kind: AW319Field.Kind
        package let isMandatory: Bool

        init(_ field: AW319Field) {
            offsets = field.offsets
            kind = field.kind
            isMandatory = field.presence == .mandatory
        }
    }

    /// The field with the standard's number, for example 403.
    public static func field(_ number: Int) -> AW319Field {
        guard number >= 0, number < byNumber.count, let field = byNumber[number] else {
            preconditionFailure("AW319 has no field \(number)")
        }
        return field
    }

    /// The fields indexed by their number (at most 9980), so that finding one on a record's path costs an
    /// array index, not a hash.
    private static let byNumber: [AW319Field?] = {
        var table = [AW319Field?](repeating: nil, count: 10_000)
        for field in header + insured + claim + comment + trailer { table[field.number] = field }
        return table
    }()
}

/// The kinds of AW319 records, by their first two characters.
public enum AW319RecordKind: String, CaseIterable, Sendable {
    /// Voorlooprecord: the file's header.
    case header = "01"
    /// Verzekerdenrecord: the insured person whose claim lines follow.
    case insured = "02"
    /// Prestatierecord: one claim line.
    case claim = "04"
    /// Commentaarrecord: free text.
    case comment = "98"
    /// Sluitrecord: the trailer with the file's counts and total.
    case trailer = "99"
}

/// One field of an AW319 record.
public struct AW319Field: Sendable {
    /// What a field holds.
    public enum Kind: Sendable {
        /// Digits, zero-padded on the left.
        case numeric
        /// Text, padded with spaces on the right.
        case alphanumeric
        /// A date as eight digits, EEJJMMDD.
        case date
        /// Reserved: spaces only.
        case reserve
    }

    /// Whether the standard requires the field.
    public enum Presence: Sendable {
        case mandatory, conditional, optional
    }

    /// The field's number in the standard, for example 403.
    public let number: Int
    /// The field's name in the standard.
    public let name: String
    /// The first character, 1-based.
    public let start: Int
    /// The number of characters.
    public let length: Int
    public let kind: Kind
    public let presence: Presence
    /// Whether the field holds personal data, which messages never repeat.
    public let isPersonal: Bool

    init(
        _ number: Int,
        _ name: String,
        from start: Int,
        length: Int,
        _ kind: Kind,
        _ presence: Presence,
        personal: Bool = false
    ) {
        self.number = number
        self.name = name
        self.start = start
        self.length = length
        self.kind = kind
        self.presence = presence
        self.isPersonal = personal
    }

    /// The character offsets of the field, 0-based.
    public var offsets: Range<Int> { (start - 1)..<(start - 1 + length) }

    /// The field as messages name it: `field 414 (begindatum prestatie, positions 106–113)`.
    public var label: String {
        length == 1
            ? "field \(number) (\(name), position \(start))"
            : "field \(number) (\(name), positions \(start)–\(start + length - 1))"
    }
}
