/// A person on the population roster.
///
/// The roster lists everyone who might belong to the population; the contract's criteria decide who does,
/// and on which days. The member id is a pseudonym (or a BSN, which never leaves the inputs).
public struct Member: Hashable, Sendable {
    /// The member's identifier, as in claims and indicator events.
    public var id: MemberID
    /// The date of birth.
    public var birthDate: CalendarDate
    /// The registered sex.
    public var sex: Sex
    /// The four-digit postcode (PC4) of the home address, if known.
    public var postcode: Int?
    /// The CBS municipality code, if known.
    public var municipality: String?
    /// The UZOVI number of the member's health insurer, if known.
    public var insurer: String?
    /// The first day of enrolment; `nil` when enrolled since before the period.
    public var enrolledFrom: CalendarDate?
    /// The last day of enrolment; `nil` when still enrolled.
    public var enrolledTo: CalendarDate?
    /// The date of death, if the member died.
    public var deathDate: CalendarDate?
    /// The risk markers the member carries.
    public var markers: [RiskMarkerID]

    public init(
        id: MemberID,
        birthDate: CalendarDate,
        sex: Sex,
        postcode: Int? = nil,
        municipality: String? = nil,
        insurer: String? = nil,
        enrolledFrom: CalendarDate? = nil,
        enrolledTo: CalendarDate? = nil,
        deathDate: CalendarDate? = nil,
        markers: [RiskMarkerID] = []
    ) {
        self.id = id
        self.birthDate = birthDate
        self.sex = sex
        self.postcode = postcode
        self.municipality = municipality
        self.insurer = insurer
        self.enrolledFrom = enrolledFrom
        self.enrolledTo = enrolledTo
        self.deathDate = deathDate
        self.markers = markers
    }
}
