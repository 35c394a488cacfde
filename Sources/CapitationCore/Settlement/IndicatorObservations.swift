/// The indicator observations of a settlement, aggregated as they stream: event counts per indicator,
/// respondent-weighted measured values, and the indicators declared to have had no events.
public struct IndicatorObservations: Sendable {
    /// Per indicator: events counted (member in the population on the event's date) and excluded.
    public private(set) var events: [IndicatorID: (counted: Int, excluded: Int)] = [:]
    /// Per indicator: Σ value × respondents, Σ respondents, and the number of rows.
    public private(set) var measures: [IndicatorID: (weightedSum: ExactDecimal, respondents: Int, rows: Int)] = [:]
    /// The event indicators that an input declares to have been measured with no events at all.
    public private(set) var declaredWithoutEvents: Set<IndicatorID> = []
    /// Events given by member (``addEvent(_:of:on:)``), not yet counted: the entry point counts each by
    /// the member's days in the population.
    package private(set) var memberEvents: [(indicator: IndicatorID, member: MemberID, date: CalendarDate)] = []

    public init() {}

    /// The date that, in an events file row with an empty member, declares that an indicator had no
    /// events: `,hip-fractures,none`.
    public static let noEventsDate = "none"

    /// Adds an event of `indicator` on `date` for a member whose days in the population are `window`, as
    /// the file runner counts them (a caller gives events by member, ``addEvent(_:of:on:)``).
    package mutating func addEvent(_ indicator: IndicatorID, on date: CalendarDate, window: DatePeriod?) {
        var entry = events[indicator] ?? (0, 0)
        if window?.contains(date) ?? false { entry.counted += 1 } else { entry.excluded += 1 }
        events[indicator] = entry
    }

    /// Adds an event of `indicator` on `date` for `member`, to be counted when the contract settles.
    ///
    /// ``Contract/settle(members:claims:observations:year:rebasedOn:acceptingIncomplete:chance:completion:incentives:)``
    /// counts it when `date` lies in the member's days in the population, as the contract determines them
    /// from the members given, and excludes it otherwise (also for someone not among them). Until then it
    /// is not in ``events``, which holds events counted.
    public mutating func addEvent(_ indicator: IndicatorID, of member: MemberID, on date: CalendarDate) {
        memberEvents.append((indicator, member, date))
    }

    /// The events given by member counted by `window`, the member's days in the population.
    package func countingMemberEvents(window: (MemberID) -> DatePeriod?) -> IndicatorObservations {
        var counted = self
        counted.memberEvents = []
        for event in memberEvents { counted.addEvent(event.indicator, on: event.date, window: window(event.member)) }
        return counted
    }

    /// Records that `indicator` was measured and had no events: zero events is then a measurement, not
    /// a missing one.
    public mutating func declareNoEvents(_ indicator: IndicatorID) {
        declaredWithoutEvents.insert(indicator)
    }

    /// Adds a measured value of `indicator` from `respondents` respondents.
    public mutating func addMeasure(
        _ indicator: IndicatorID,
        value: ExactDecimal,
        respondents: Int
    ) throws(ArithmeticError) {
        var entry = measures[indicator] ?? (.zero, 0, 0)
        entry.weightedSum = try entry.weightedSum + value * ExactDecimal(respondents)
        entry.respondents += respondents
        entry.rows += 1
        measures[indicator] = entry
    }

    /// Every indicator mentioned in any observation.
    public var mentionedIndicators: Set<IndicatorID> {
        Set(events.keys).union(measures.keys).union(declaredWithoutEvents).union(memberEvents.map(\.indicator))
    }
}
