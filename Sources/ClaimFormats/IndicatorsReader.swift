public import CapitationCore

/// One indicator file: events (`member_id,indicator,date`) or measured values (`indicator,value,respondents`),
/// recognised by its header.
public enum IndicatorFile: Sendable {
    /// Events, such as each acute admission: counted per 1,000 person-years of eligible exposure; and the
    /// indicators the file declares to have had no events at all (rows `,indicator,none`).
    case events([IndicatorEvent], noEvents: [IndicatorNoEvents])
    /// Measured values, such as a survey's percentage with its number of respondents.
    case measures([IndicatorMeasure])
}

/// A row of an events file that says an indicator was measured and had no events: an empty `member_id`
/// and the date `none`, as in `,hip-fractures,none`.
///
/// Without it, an event indicator without any row is not observed at all, which the contract may refuse;
/// with it, zero events is a measurement (a rate of 0 per 1,000 person-years).
public struct IndicatorNoEvents: Hashable, Sendable {
    public var indicator: IndicatorID
    /// The line in the file.
    public var line: Int

    public init(indicator: IndicatorID, line: Int) {
        self.indicator = indicator
        self.line = line
    }
}

/// One event of an indicator for a member on a date.
public struct IndicatorEvent: Hashable, Sendable {
    public var member: MemberID
    public var indicator: IndicatorID
    public var date: CalendarDate
    /// The line in the file.
    public var line: Int

    public init(member: MemberID, indicator: IndicatorID, date: CalendarDate, line: Int) {
        self.member = member
        self.indicator = indicator
        self.date = date
        self.line = line
    }
}

/// One measured value of an indicator from a number of respondents.
public struct IndicatorMeasure: Hashable, Sendable {
    public var indicator: IndicatorID
    public var value: ExactDecimal
    public var respondents: Int
    /// The line in the file.
    public var line: Int

    public init(indicator: IndicatorID, value: ExactDecimal, respondents: Int, line: Int) {
        self.indicator = indicator
        self.value = value
        self.respondents = respondents
        self.line = line
    }
}

/// Reads indicator files.
///
/// Every row must read: a problem is an error of the whole settlement, because a
/// dropped observation would change the quality score. In an events file, a row with an empty `member_id`
/// and the date `none` declares that an indicator had no events in the population and period; whether
/// the declaration holds against the events of all files is checked where they come together.
public enum IndicatorsReader: Sendable {
    /// The observations in `bytes`.
    ///
    /// - Throws: ``InputError`` listing each problem with its line and column name.
    public static func read(_ bytes: [UInt8], path: String) throws(InputError) -> IndicatorFile {
        var problems = ProblemCollector(path: path)
        var events: [IndicatorEvent] = []
        var noEvents: [IndicatorNoEvents] = []
        var measures: [IndicatorMeasure] = []
        var isEvents = true
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = CSVScanner(buffer)
            guard scanner.next() else {
                problems.add(
                    line: nil,
                    "the file is empty; expected the header \(CSVColumns.events.joined(separator: ",")) or \(CSVColumns.measures.joined(separator: ","))"
                )
                return
            }
            let header: CSVHeader
            let names = Set(scanner.fields.map { scanner.string($0)?.trimmingSpaces() ?? "" })
            isEvents = names.contains("member_id") || names.contains("date")
            switch CSVHeader.match(scanner, expected: isEvents ? CSVColumns.events : CSVColumns.measures) {
            case .success(let matched): header = matched
            case .failure(let error):
                for problem in error.problems { problems.add(line: scanner.line, "header: \(problem)") }
                return
            }
            let column = header.positions
            while scanner.nextRecord(shapedLike: header, &problems) {
                var issues: [String] = []
                if isEvents {
                    let dateText = scanner.text(column[2], "date", &issues)
                    let isNone = dateText == IndicatorObservations.noEventsDate
                    if isNone, scanner.optional(column[0], "member_id", &issues) == nil {
                        let indicator = self.indicator(scanner.required(column[1], "indicator", &issues), &issues)
                        if issues.isEmpty, let indicator {
                            noEvents.append(IndicatorNoEvents(indicator: indicator, line: scanner.line))
                        }
                        for issue in issues { problems.add(line: scanner.line, issue) }
                        continue
                    }
                    let member = scanner.required(column[0], "member_id", &issues)
                    if let member, let problem = BSN.problem(withMemberID: member) {
                        issues.append("column member_id \(problem)")
                    }
                    let indicator = self.indicator(scanner.required(column[1], "indicator", &issues), &issues)
                    let date: CalendarDate?
                    if isNone {
                        issues.append(
                            "column date: 'none' declares that the indicator had no events, which a row of a member cannot; leave member_id empty"
                        )
                        date = nil
                    } else {
                        date = scanner.date(column[2], "date", &issues)
                    }
                    if issues.isEmpty, let member, let indicator, let date {
                        events.append(
                            IndicatorEvent(
                                member: MemberID(member),
                                indicator: indicator,
                                date: date,
                                line: scanner.line
                            )
                        )
                    }
                } else {
                    let indicator = self.indicator(scanner.required(column[0], "indicator", &issues), &issues)
                    let value = scanner.decimal(column[1], "value", &issues)
                    let respondents = scanner.required(column[2], "respondents", &issues)
                    let count = respondents.flatMap { Int($0) }
                    if let respondents, count.map({ $0 < 1 }) ?? true {
                        issues.append(
                            "column respondents: '\(respondents.abbreviatedForMessage)' is not a whole number of at least 1"
                        )
                    }
                    if issues.isEmpty, let indicator, let value, let count {
                        measures.append(
                            IndicatorMeasure(indicator: indicator, value: value, respondents: count, line: scanner.line)
                        )
                    }
                }
                for issue in issues { problems.add(line: scanner.line, issue) }
            }
        }
        if let error = problems.error { throw error }
        return isEvents ? .events(events, noEvents: noEvents) : .measures(measures)
    }

    private static func indicator(_ text: String?, _ issues: inout [String]) -> IndicatorID? {
        guard let text else { return nil }
        guard text.isIdentifier else {
            issues.append("column indicator: '\(text.abbreviatedForMessage)' is not an indicator id")
            return nil
        }
        return IndicatorID(text)
    }
}
