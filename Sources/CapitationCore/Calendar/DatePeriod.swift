/// A run of whole days from `start` through `end`, both included.
///
/// The performance year 2026 is `2026-01-01...2026-12-31`: 365 days. Exposure, service periods and
/// enrolment are all date periods, counted in days.
public struct DatePeriod: Hashable, Sendable, CustomStringConvertible {
    /// The first day.
    public let start: CalendarDate
    /// The last day, included.
    public let end: CalendarDate

    /// Creates a period, or returns `nil` when `end` is before `start`.
    public init?(start: CalendarDate, end: CalendarDate) {
        guard start <= end else { return nil }
        self.start = start
        self.end = end
    }

    /// The period of the one day `day`.
    public init(day: CalendarDate) {
        start = day
        end = day
    }

    /// The number of days, both ends included: 365 for a common year.
    public var dayCount: Int { end.days(since: start) + 1 }

    /// Whether `date` lies in the period.
    public func contains(_ date: CalendarDate) -> Bool { start <= date && date <= end }

    /// The days this period shares with `other`, or `nil` when they do not overlap.
    public func intersection(_ other: DatePeriod) -> DatePeriod? {
        DatePeriod(start: max(start, other.start), end: min(end, other.end))
    }

    /// `2026-01-01..2026-12-31`.
    public var description: String { "\(start)..\(end)" }
}
