/// The parts of an iWmo 3.2 WMO323 declaration message, as written: every value is the element's text,
/// so that a message can be read, changed (pseudonymised) and written again without losing anything.
///
/// ``WMO323Claims`` checks the values and turns services into claim lines.
public enum WMO323: Sendable {
    /// The namespace of the elements the message schema declares.
    public static let messageNamespace = "http://www.istandaarden.nl/iwmo/3_2/wmo323/schema"
    /// The namespace of the children of the shared complex types (the basisschema).
    public static let baseNamespace = "http://www.istandaarden.nl/iwmo/3_2/basisschema/schema"
    /// The message code of a declaration (BerichtCode).
    public static let messageCode = "484"
    /// The version of the iWmo 3.2 WMO323 schema and of its basisschema, which XsdVersie copies.
    public static let schemaVersion = "1.0.0"
}

/// The header (`Header`) and the declaration's totals (`Declaratie` without its clients).
public struct WMO323Header: Hashable, Sendable {
    /// BerichtCode, `484`.
    public var messageCode: String
    /// BerichtVersie and BerichtSubversie: `3` and `2`.
    public var version: String
    public var subversion: String
    /// Afzender: the provider's AGB code (8 digits).
    public var sender: String
    /// Ontvanger: the municipality code (4 digits).
    public var receiver: String
    /// BerichtIdentificatie: Identificatie and Dagtekening.
    public var identification: String
    public var messageDate: String
    /// XsdVersie: BasisschemaXsdVersie and BerichtXsdVersie.
    public var baseSchemaVersion: String
    public var messageSchemaVersion: String
    /// DeclaratieNummer.
    public var declarationNumber: String
    /// DeclaratiePeriode: Begindatum and Einddatum.
    public var periodStart: String
    public var periodEnd: String
    /// DeclaratieDagtekening.
    public var declarationDate: String
    /// TotaalIngediendBedrag: TotaalBedrag (cents) and DebetCredit.
    public var totalAmount: String
    public var totalSide: String
    /// The line of each element read, by its path below Bericht (for example
    /// `Declaratie/TotaalIngediendBedrag/TotaalBedrag`), for messages; empty for a header built in memory.
    public var lines: [String: Int]

    public init(
        messageCode: String = WMO323.messageCode,
        version: String = "3",
        subversion: String = "2",
        sender: String,
        receiver: String,
        identification: String,
        messageDate: String,
        baseSchemaVersion: String = WMO323.schemaVersion,
        messageSchemaVersion: String = WMO323.schemaVersion,
        declarationNumber: String,
        periodStart: String,
        periodEnd: String,
        declarationDate: String,
        totalAmount: String,
        totalSide: String,
        lines: [String: Int] = [:]
    ) {
        self.messageCode = messageCode
        self.version = version
        self.subversion = subversion
        self.sender = sender
        self.receiver = receiver
        self.identification = identification
        self.messageDate = messageDate
        self.baseSchemaVersion = baseSchemaVersion
        self.messageSchemaVersion = messageSchemaVersion
        self.declarationNumber = declarationNumber
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.declarationDate = declarationDate
        self.totalAmount = totalAmount
        self.totalSide = totalSide
        self.lines = lines
    }
}

/// A client (`Client`) with their services.
public struct WMO323Client: Hashable, Sendable {
    /// Bsn.
    public var bsn: String
    /// The line of the Bsn element.
    public var line: Int
    public var services: [WMO323Service]

    public init(bsn: String, line: Int = 0, services: [WMO323Service]) {
        self.bsn = bsn
        self.line = line
        self.services = services
    }
}

extension WMO323Service {
    /// The elements of a Prestatie that hold text, by their path below it, in a fixed order: the slots of
    /// ``init(slots:line:)``.
    static let textPaths = [
        "ProductReferentie/ReferentieNummer", "ProductReferentie/VorigReferentieNummer", "ToewijzingNummer",
        "ProductCategorie", "ProductCode", "ProductPeriode/Begindatum", "ProductPeriode/Einddatum", "GeleverdVolume",
        "Eenheid", "ProductTarief", "IngediendBedrag/Bedrag", "IngediendBedrag/DebetCredit",
    ]

    /// The service whose element texts are `slots`, in the order of ``textPaths`` (`nil` where an
    /// element is absent), as the WMO323 and WMO325 readers collect them.
    init(slots: [String?], line: Int) {
        self.init(
            line: line,
            reference: slots[0] ?? "",
            previousReference: slots[1],
            assignment: slots[2] ?? "",
            category: slots[3] ?? "",
            product: slots[4] ?? "",
            start: slots[5] ?? "",
            end: slots[6] ?? "",
            volume: slots[7] ?? "",
            unit: slots[8] ?? "",
            tariff: slots[9],
            amount: slots[10] ?? "",
            side: slots[11] ?? ""
        )
    }
}

/// One service (`Prestatie`): one claim line.
public struct WMO323Service: Hashable, Sendable {
    /// The line of the Prestatie element.
    public var line: Int
    /// ProductReferentie: ReferentieNummer and the optional VorigReferentieNummer.
    public var reference: String
    public var previousReference: String?
    /// ToewijzingNummer.
    public var assignment: String
    /// ProductCategorie and ProductCode.
    public var category: String
    public var product: String
    /// ProductPeriode: Begindatum and Einddatum.
    public var start: String
    public var end: String
    /// GeleverdVolume and Eenheid.
    public var volume: String
    public var unit: String
    /// ProductTarief, optional.
    public var tariff: String?
    /// IngediendBedrag: Bedrag (cents) and DebetCredit.
    public var amount: String
    public var side: String

    public init(
        line: Int = 0,
        reference: String,
        previousReference: String? = nil,
        assignment: String,
        category: String,
        product: String,
        start: String,
        end: String,
        volume: String,
        unit: String,
        tariff: String? = nil,
        amount: String,
        side: String
    ) {
        self.line = line
        self.reference = reference
        self.previousReference = previousReference
        self.assignment = assignment
        self.category = category
        self.product = product
        self.start = start
        self.end = end
        self.volume = volume
        self.unit = unit
        self.tariff = tariff
        self.amount = amount
        self.side = side
    }
}
