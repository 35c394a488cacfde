/// An iWmo 3.2 WMO325 *declaratie-antwoord*: the municipality's answer to one WMO323 declaration.
///
/// Every value is the element's text, as written, so that an answer can be read, pseudonymised and written
/// again without losing anything. What an answer means for a settlement (invulinstructie IV087):
///
/// - a Header with a return code other than `0200` (for example `0001`, a message refused on its content)
///   and no DeclaratieAntwoord: the declaration was never processed, every service of it is refused;
/// - a DeclaratieAntwoord with code `8001`: the declaration is approved in full;
/// - a DeclaratieAntwoord with another code than `0200` (for example `9333`, a declaration number used
///   before) and TotaalToegekendBedrag 0: the declaration is refused as a whole;
/// - a DeclaratieAntwoord with code `0200`: the services listed under Clienten are refused, each in full,
///   with their own codes (`0233` under a client refused with a code of its own), and every service not
///   listed is approved (rule TR342: only refused services are sent back).
public struct WMO325Answer: Hashable, Sendable {
    /// The namespace of the elements the answer's schema declares.
    public static let messageNamespace = "http://www.istandaarden.nl/iwmo/3_2/wmo325/schema"
    /// The message code of a declaration answer (BerichtCode).
    public static let messageCode = "485"

    /// BerichtCode, BerichtVersie and BerichtSubversie: `485`, `3` and `2`.
    public var messageCode: String
    public var version: String
    public var subversion: String
    /// Afzender: the municipality code (4 digits); Ontvanger: the provider's AGB code (8 digits).
    public var sender: String
    public var receiver: String
    /// BerichtIdentificatie of the answer: Identificatie and Dagtekening.
    public var identification: String
    public var messageDate: String
    /// XsdVersie of the answer and XsdVersieDeclaratie, the declaration's (both `1.0.0`).
    public var baseSchemaVersion: String
    public var messageSchemaVersion: String
    /// DeclaratieIdentificatie: the BerichtIdentificatie (Identificatie and Dagtekening) of the
    /// declaration answered.
    public var declarationIdentification: String
    public var declarationMessageDate: String
    public var declarationBaseSchemaVersion: String
    public var declarationMessageSchemaVersion: String
    /// The Header's return codes.
    public var headerCodes: [String]
    /// DeclaratieAntwoord, when the declaration was processed.
    public var declaration: Declaration?
    /// The line of each element read, by its path below Bericht; empty for an answer built in memory.
    public var lines: [String: Int]

    /// DeclaratieAntwoord: the declaration's number, its totals, the refused services and its codes.
    public struct Declaration: Hashable, Sendable {
        /// DeclaratieNummer of the declaration answered.
        public var number: String
        /// TotaalIngediendBedrag and TotaalToegekendBedrag, each TotaalBedrag (cents) and DebetCredit.
        public var declaredAmount: String
        public var declaredSide: String
        public var awardedAmount: String
        public var awardedSide: String
        /// The clients with services refused.
        public var clients: [Client]
        /// The declaration's return codes.
        public var codes: [String]

        public init(
            number: String,
            declaredAmount: String,
            declaredSide: String,
            awardedAmount: String,
            awardedSide: String,
            clients: [Client] = [],
            codes: [String]
        ) {
            self.number = number
            self.declaredAmount = declaredAmount
            self.declaredSide = declaredSide
            self.awardedAmount = awardedAmount
            self.awardedSide = awardedSide
            self.clients = clients
            self.codes = codes
        }
    }

    /// A client with refused services, and the client's own return codes.
    public struct Client: Hashable, Sendable {
        /// Bsn, and the line of the Client element.
        public var bsn: String
        public var line: Int
        /// The services refused, as declared, each with its return codes.
        public var services: [Service]
        public var codes: [String]

        public init(bsn: String, line: Int = 0, services: [Service], codes: [String]) {
            self.bsn = bsn
            self.line = line
            self.services = services
            self.codes = codes
        }
    }

    /// A refused service: the declared Prestatie, copied, with its return codes.
    public struct Service: Hashable, Sendable {
        public var declared: WMO323Service
        public var codes: [String]

        public init(declared: WMO323Service, codes: [String]) {
            self.declared = declared
            self.codes = codes
        }
    }

    public init(
        messageCode: String = WMO325Answer.messageCode,
        version: String = "3",
        subversion: String = "2",
        sender: String,
        receiver: String,
        identification: String,
        messageDate: String,
        baseSchemaVersion: String = WMO323.schemaVersion,
        messageSchemaVersion: String = WMO323.schemaVersion,
        declarationIdentification: String,
        declarationMessageDate: String,
        declarationBaseSchemaVersion: String = WMO323.schemaVersion,
        declarationMessageSchemaVersion: String = WMO323.schemaVersion,
        headerCodes: [String] = [WJ001.noRemark],
        declaration: Declaration?,
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
        self.declarationIdentification = declarationIdentification
        self.declarationMessageDate = declarationMessageDate
        self.declarationBaseSchemaVersion = declarationBaseSchemaVersion
        self.declarationMessageSchemaVersion = declarationMessageSchemaVersion
        self.headerCodes = headerCodes
        self.declaration = declaration
        self.lines = lines
    }
}

/// The element structure of a WMO325 answer, checked as it is read.
enum WMO325Structure {
    typealias Child = WMO323Structure.Child

    private static let message = WMO325Answer.messageNamespace
    private static let base = WMO323.baseNamespace

    static let structure = MessageStructure(
        root: Child("Bericht", message),
        containers: [
            "Bericht": [Child("Header", message), Child("DeclaratieAntwoord", message, 0)],
            "Header": [
                Child("BerichtCode", message), Child("BerichtVersie", message), Child("BerichtSubversie", message),
                Child("Afzender", message), Child("Ontvanger", message), Child("BerichtIdentificatie", message),
                Child("XsdVersie", message), Child("DeclaratieIdentificatie", message),
                Child("XsltVersie", message, 0), Child("XsdVersieDeclaratie", message), Child("RetourCodes", message),
            ],
            "BerichtIdentificatie": [Child("Identificatie", base), Child("Dagtekening", base)],
            "DeclaratieIdentificatie": [Child("Identificatie", base), Child("Dagtekening", base)],
            "XsdVersie": [Child("BasisschemaXsdVersie", base), Child("BerichtXsdVersie", base)],
            "XsdVersieDeclaratie": [Child("BasisschemaXsdVersie", base), Child("BerichtXsdVersie", base)],
            "RetourCodes": [Child("RetourCode", message, 1, .max)],
            "DeclaratieAntwoord": [
                Child("DeclaratieNummer", message), Child("TotaalIngediendBedrag", message),
                Child("TotaalToegekendBedrag", message), Child("Clienten", message, 0), Child("RetourCodes", message),
            ],
            "TotaalIngediendBedrag": [Child("TotaalBedrag", base), Child("DebetCredit", base)],
            "TotaalToegekendBedrag": [Child("TotaalBedrag", base), Child("DebetCredit", base)],
            "Clienten": [Child("Client", message, 1, .max)],
            "Client": [Child("Bsn", message), Child("Prestaties", message), Child("RetourCodes", message)],
            "Prestaties": [Child("Prestatie", message, 1, .max)],
            "Prestatie": [
                Child("ProductReferentie", message), Child("ToewijzingNummer", message),
                Child("ProductCategorie", message), Child("ProductCode", message), Child("ProductPeriode", message),
                Child("GeleverdVolume", message), Child("Eenheid", message), Child("ProductTarief", message, 0),
                Child("IngediendBedrag", message), Child("RetourCodes", message),
            ],
            "ProductReferentie": [Child("ReferentieNummer", base), Child("VorigReferentieNummer", base, 0)],
            "ProductPeriode": [Child("Begindatum", base), Child("Einddatum", base)],
            "IngediendBedrag": [Child("Bedrag", base), Child("DebetCredit", base)],
        ],
        name: "WMO325"
    )
}
