/// A calendar date without a time or a time zone, such as `2026-12-31`.
///
/// Periods, birth dates, enrolment and service dates are all calendar dates: a settlement never depends on
/// the time zone of the machine that computes it. Dates from year 1 to 9999 of the proleptic Gregorian
/// calendar are supported.
public struct CalendarDate: Hashable, Comparable, Sendable {
    /// The year, `1...9999`.
    public let year: Int
    /// The month, `1...12`.
    public let month: Int
    /// The day of the month, `1...daysInMonth`.
    public let day: Int

    /// Creates a date, or returns `nil` when there is no such day (for example 2026-02-29).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= CalendarDate.daysIn(month: month, year: year)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Whether `year` has a 29 February.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year.isMultiple(of: 4) && !year.isMultiple(of: 100)) || year.isMultiple(of: 400)
    }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension CalendarDate {
    /// Days since 1970-01-01, negative before it.
    ///
    /// Howard Hinnant's `days_from_civil`.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date with the given day number, or `nil` outside years 1...9999.
    ///
    /// Hinnant's `civil_from_days`.
    public init?(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }

    /// The date `days` days later (earlier when negative), or `nil` outside years 1...9999.
    public func adding(days: Int) -> CalendarDate? {
        CalendarDate(dayNumber: dayNumber + days)
    }

    /// The number of days from `earlier` to this date: `2026-01-02` is 1 day from `2026-01-01`.
    public func days(since earlier: CalendarDate) -> Int {
        dayNumber - earlier.dayNumber
    }

    /// The age in whole years on `date` of a person born on this date.
    ///
    /// A person is a year older on their birthday. Someone born on 29 February turns a year older on
    /// 1 March in years without a 29 February, the Dutch civil-law reading. Before the birth date the age is negative.
    public func age(on date: CalendarDate) -> Int {
        var age = date.year - year
        // Comparing (month, day) puts 29 February after 28 February and before 1 March, which is the rule above.
        if (date.month, date.day) < (month, day) { age -= 1 }
        return age
    }
}

extension CalendarDate: CustomStringConvertible {
    /// The ISO 8601 form `YYYY-MM-DD`.
    public var description: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

extension CalendarDate {
    /// The same day `years` years later (earlier when negative).
    ///
    /// 29 February becomes 28 February in a year without it; `nil` outside the supported years.
    public func shifted(years: Int) -> CalendarDate? {
        let target = year + years
        guard (1...9999).contains(target) else { return nil }
        return CalendarDate(year: target, month: month, day: min(day, CalendarDate.daysIn(month: month, year: target)))
    }
}
