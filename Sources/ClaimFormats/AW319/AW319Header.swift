public import CapitationCore

/// What the header record (01) of an AW319 file says about all its claims.
///
/// Who sends the file and who is paid are fields 109–113: an institution (the usual sender of Wlz,
/// district nursing and ELV claims) fills its AGB code in 112, leaves the provider (110) and practice (111)
/// zero and is paid as `04`; a practice fills 111 with 110, its provider, and is paid as `03`. Field 112 is
/// always an AGB code: the standard asks for one even from a practice.
public struct AW319Header: Hashable, Sendable {
    /// Field 102: `187` Wlz, `428` district nursing and ELV, `430` sensory-impaired care.
    public var messageCode: Int
    /// Fields 103 and 104.
    public var version: Int
    public var subversion: Int
    /// Field 105, soort bericht: `P` production, `T` test.
    public var messageKind: String
    /// Field 108, the UZOVI number of the insurer or care office the file is sent to (`0000` when absent).
    public var uzovi: String
    /// Field 109, the service bureau's AGB code (`00000000` when none).
    public var serviceBureau: String
    /// Field 110, the provider's AGB code, filled with a practice code only (`00000000` when absent).
    public var provider: String
    /// Field 111, the practice's AGB code (`00000000` when the care comes from an institution).
    public var practice: String
    /// Field 112, the institution's AGB code.
    public var institution: String
    /// Field 113, who is paid: `1` the service bureau (109), `2` the provider (110), `3` the practice
    /// (111), `4` the institution (112).
    public var payTo: Int
    /// Fields 114 and 115, the period the claims cover.
    public var period: DatePeriod
    /// Field 116, the provider's invoice number.
    public var invoiceNumber: String
    /// Field 117, the invoice date.
    public var invoiceDate: CalendarDate

    public init(
        messageCode: Int,
        version: Int = 1,
        subversion: Int = 4,
        messageKind: String = "P",
        uzovi: String,
        serviceBureau: String = "00000000",
        provider: String = "00000000",
        practice: String = "00000000",
        institution: String,
        payTo: Int = AW319Codes.payInstitution,
        period: DatePeriod,
        invoiceNumber: String,
        invoiceDate: CalendarDate
    ) {
        self.messageCode = messageCode
        self.version = version
        self.subversion = subversion
        self.messageKind = messageKind
        self.uzovi = uzovi
        self.serviceBureau = serviceBureau
        self.provider = provider
        self.practice = practice
        self.institution = institution
        self.payTo = payTo
        self.period = period
        self.invoiceNumber = invoiceNumber
        self.invoiceDate = invoiceDate
    }

    /// The regime of a message code, `nil` for a code that is not one of AW319's.
    ///
    /// `187` is the Wlz; `428` (district nursing and ELV) and `430` (sensory-impaired care) are the Zvw.
    public static func regime(ofMessageCode code: Int) -> Regime? {
        switch code {
        case 187: .wlz
        case 428, 430: .zvw
        default: nil
        }
    }

    /// The regime of the file's claims.
    public var regime: Regime {
        Self.regime(ofMessageCode: messageCode) ?? .zvw
    }
}
