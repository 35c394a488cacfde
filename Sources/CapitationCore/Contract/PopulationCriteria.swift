/// Who belongs to a contract's population.
///
/// A person is a member when, on the days counted, they meet every criterion given: their age on the
/// reference date, where they live (a postcode range or a municipality), with whom they are insured, and
/// their enrolment and life. Criteria left out do not restrict.
public struct PopulationCriteria: Hashable, Sendable {
    /// The date on which ages are measured, for eligibility and for the age/sex risk cells.
    public var referenceDate: CalendarDate
    /// The lowest age in whole years on the reference date, if any.
    public var minimumAge: Int?
    /// The highest age in whole years on the reference date, if any.
    public var maximumAge: Int?
    /// Ranges of four-digit postcodes (PC4), both ends included.
    public var postcodeRanges: [PostcodeRange]
    /// CBS municipality codes (four digits).
    public var municipalities: [String]
    /// UZOVI numbers of participating insurers; empty means any insurer.
    public var insurers: [String]

    public init(
        referenceDate: CalendarDate,
        minimumAge: Int? = nil,
        maximumAge: Int? = nil,
        postcodeRanges: [PostcodeRange] = [],
        municipalities: [String] = [],
        insurers: [String] = []
    ) {
        self.referenceDate = referenceDate
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.postcodeRanges = postcodeRanges
        self.municipalities = municipalities
        self.insurers = insurers
    }

    /// Whether the area is restricted at all (by postcode or municipality).
    public var restrictsArea: Bool { !postcodeRanges.isEmpty || !municipalities.isEmpty }

    /// The ages the population can have: from the minimum (or 0) to the maximum (or no limit).
    public var ageRange: AgeRange { AgeRange(minimum: minimumAge ?? 0, maximum: maximumAge) }
}

/// A range of four-digit Dutch postcodes (PC4), for example 7100–7109, both ends included.
public struct PostcodeRange: Hashable, Sendable, CustomStringConvertible {
    /// The first postcode, `1000...9999`.
    public var from: Int
    /// The last postcode, included.
    public var to: Int

    public init(from: Int, to: Int) {
        self.from = from
        self.to = to
    }

    /// Whether the range includes the four-digit postcode `pc4`.
    public func contains(_ pc4: Int) -> Bool { from <= pc4 && pc4 <= to }

    public var description: String { from == to ? String(from) : "\(from)–\(to)" }
}

/// A range of ages in whole years; an absent maximum means no upper limit.
public struct AgeRange: Hashable, Sendable, CustomStringConvertible {
    /// The lowest age included.
    public var minimum: Int
    /// The highest age included, or `nil` for no limit.
    public var maximum: Int?

    public init(minimum: Int, maximum: Int?) {
        self.minimum = minimum
        self.maximum = maximum
    }

    /// Whether `age` lies in the range.
    public func contains(_ age: Int) -> Bool {
        age >= minimum && (maximum.map { age <= $0 } ?? true)
    }

    /// Whether the two ranges share an age.
    public func overlaps(_ other: AgeRange) -> Bool {
        let lowerOfMaxima = [maximum, other.maximum].compactMap { $0 }.min()
        return max(minimum, other.minimum) <= (lowerOfMaxima ?? Int.max)
    }

    /// `75–79`, or `95+` when open-ended.
    public var description: String {
        guard let maximum else { return "\(minimum)+" }
        return minimum == maximum ? "\(minimum)" : "\(minimum)–\(maximum)"
    }
}
