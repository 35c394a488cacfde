/// Whether, and on which days of the period, a person belongs to the population.
public enum Eligibility: Hashable, Sendable {
    /// A member on the days of `window`, a part of the performance period.
    case eligible(DatePeriod)
    /// Not a member on any day of the period, for `reason`.
    case ineligible(IneligibilityReason)

    /// The days of membership, if any.
    public var window: DatePeriod? {
        if case .eligible(let window) = self { return window }
        return nil
    }
}

/// Why a person on the roster does not belong to the population.
///
/// The first reason that applies is reported.
public enum IneligibilityReason: String, CaseIterable, Hashable, Sendable {
    /// Younger than the minimum age on the reference date.
    case belowMinimumAge = "below minimum age"
    /// Older than the maximum age on the reference date.
    case aboveMaximumAge = "above maximum age"
    /// Living outside the contract's postcodes and municipalities.
    case outsideArea = "outside area"
    /// Insured with an insurer that does not take part.
    case otherInsurer = "other insurer"
    /// Not enrolled (or not alive) on any day of the period.
    case notEnrolledInPeriod = "not enrolled in period"
}

extension PopulationCriteria {
    /// Whether `member` belongs to the population during `period`, and on which days.
    ///
    /// Age is measured on the reference date; area and insurer are the roster's; the days are those of the
    /// period on which the member is enrolled and alive. Enrolment and death dates are included days:
    /// someone who dies on 10 March counts for 1 January to 10 March, 69 days.
    public func eligibility(of member: Member, during period: DatePeriod) -> Eligibility {
        let age = member.birthDate.age(on: referenceDate)
        if let minimumAge, age < minimumAge { return .ineligible(.belowMinimumAge) }
        if let maximumAge, age > maximumAge { return .ineligible(.aboveMaximumAge) }
        if restrictsArea {
            let inPostcodes = member.postcode.map { pc4 in postcodeRanges.contains { $0.contains(pc4) } } ?? false
            let inMunicipality = member.municipality.map { municipalities.contains($0) } ?? false
            if !inPostcodes && !inMunicipality { return .ineligible(.outsideArea) }
        }
        if !insurers.isEmpty, !(member.insurer.map(insurers.contains) ?? false) {
            return .ineligible(.otherInsurer)
        }
        let first = max(period.start, member.enrolledFrom ?? period.start)
        let last = [period.end, member.enrolledTo, member.deathDate].compactMap { $0 }.min() ?? period.end
        guard let window = DatePeriod(start: first, end: last) else { return .ineligible(.notEnrolledInPeriod) }
        return .eligible(window)
    }
}
