public import CapitationCore

/// An insured person as an AW319 insured-person record (02) writes them.
public struct AW319Person: Hashable, Sendable {
    public var bsn: BSN
    /// Field 204, the UZOVI number of the insurer or care office; the person's claim records repeat it.
    public var uzovi: String
    public var birthDate: CalendarDate
    /// Field 208.
    public var sex: Sex
    /// Field 210, the surname.
    public var name: String
    /// Field 215, the initials: letters only, without dots.
    public var initials: String
    /// Fields 217–221.
    public var address: Address
    /// Field 223: whether the person has died.
    public var isDeceased: Bool
    /// Fields 224 and 225, and 408–411 of the person's claim records: the Wlz indication, when the person
    /// has one.
    public var indication: Indication?

    public init(
        bsn: BSN,
        uzovi: String,
        birthDate: CalendarDate,
        sex: Sex,
        name: String,
        initials: String,
        address: Address,
        isDeceased: Bool = false,
        indication: Indication? = nil
    ) {
        self.bsn = bsn
        self.uzovi = uzovi
        self.birthDate = birthDate
        self.sex = sex
        self.name = name
        self.initials = initials
        self.address = address
        self.isDeceased = isDeceased
        self.indication = indication
    }

    /// Field 208, which holds `1` or `2` only: the table leaves no code for an unknown or unspecified sex.
    public enum Sex: Int, Hashable, Sendable {
        case male = 1
        case female = 2
    }

    /// Where the person lives.
    public enum Address: Hashable, Sendable {
        /// In the Netherlands: the postcode `1234AB` (field 217), the house number (219, `0` when the
        /// address has no official one) and its addition (220, empty when none).
        case netherlands(postcode: String, houseNumber: Int, addition: String = "")
        /// Abroad: the ISO 3166 alpha-2 country code (221) and the foreign postcode (218, which may be
        /// empty).
        case abroad(country: String, postcode: String = "")
    }

    /// A Wlz indication by the indication body (the CIZ).
    ///
    /// A claim record under a care profile (413) or function (412) is a claim under an indication, and the
    /// table then wants the indication's fields: its body and client number on the insured-person record
    /// (224, 225) and again on each claim record (408, 409), with the request and decision numbers (410,
    /// 411).
    public struct Indication: Hashable, Sendable {
        /// Fields 224 and 408: four digits `xxyy`, the care office region and the body's number in it;
        /// `0000` when not known.
        public var body: String
        /// Fields 225 and 409: the person's number at the indication body.
        public var client: String
        /// Field 410: the indication request number, 1 through 999,999,999.
        public var request: Int
        /// Field 411: the indication decision number, 1 through 999,999,999.
        public var decision: Int

        public init(body: String, client: String, request: Int, decision: Int) {
            self.body = body
            self.client = client
            self.request = request
            self.decision = decision
        }
    }
}
