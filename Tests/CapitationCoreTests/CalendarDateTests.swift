import CapitationCore
import Testing

struct CalendarDateTests {
    private func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    @Test func parsesISODates() throws {
        let date = try date("2026-12-31")
        #expect((date.year, date.month, date.day) == (2026, 12, 31))
        #expect(date.description == "2026-12-31")
        #expect(try self.date("2024-02-29").description == "2024-02-29")
    }

    @Test(arguments: ["2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "0000-01-01"])
    func refusesDaysThatDoNotExist(text: String) {
        let error = #expect(throws: DateSyntaxError.self) { try CalendarDate(parsing: text) }
        #expect(error?.isNonexistentDay == true)
        #expect(error?.description == "'\(text)' is not a day of the calendar")
    }

    @Test(arguments: ["2026-1-01", "26-01-01", "2026/01/01", "2026-01-01T00:00", "2026-01-01Z", " 2026-01-01", ""])
    func refusesOtherForms(text: String) {
        let error = #expect(throws: DateSyntaxError.self) { try CalendarDate(parsing: text) }
        #expect(error?.isNonexistentDay == false)
    }

    // Readers parse dates from their buffers, where ten bytes take a short way: it must give what the
    // general reading gives, or refuse as it does, for every day from 1999 to 2030 and for ten-byte texts
    // drawn from a seed out of digits and dashes, most of them no day (month 13, 31 April, 29 February of
    // a common year, year 0000).
    @Test func readsADateInABufferAsItsTextIsRead() throws {
        func agrees(_ text: String) {
            let general = Result { () throws(DateSyntaxError) in try CalendarDate(parsing: text) }
            let buffered = Array(text.utf8).withUnsafeBufferPointer { bytes in
                Result { () throws(DateSyntaxError) in try CalendarDate(utf8: bytes) }
            }
            switch (general, buffered) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(text)")
            case (.failure(let a), .failure(let b)): #expect(a == b, "\(text)")
            default: Issue.record("\(text): \(general) but \(buffered) from a buffer")
            }
        }
        var day = try date("1999-01-01")
        while day.year <= 2030 {
            agrees(day.description)
            day = try #require(day.adding(days: 1))
        }
        let characters = Array("0123456789--")
        var random = SeededGenerator(seed: 5)
        for _ in 0..<20_000 {
            var text = String((0..<10).map { _ in characters[Int.random(in: 0..<characters.count, using: &random)] })
            // Mostly the right shape, so that the digits are what is tried.
            if Bool.random(using: &random) {
                text = String(text.prefix(4)) + "-" + text.dropFirst(5).prefix(2) + "-" + text.suffix(2)
            }
            agrees(text)
        }
    }

    @Test func countsDays() throws {
        #expect(try date("1970-01-01").dayNumber == 0)
        #expect(try date("2000-03-01").dayNumber == 11_017)
        #expect(try date("1969-12-31").dayNumber == -1)
        #expect(try date("2026-03-01").days(since: date("2026-02-28")) == 1)
        #expect(try date("2024-03-01").days(since: date("2024-02-28")) == 2)
        #expect(try date("2026-12-31").adding(days: 1) == date("2027-01-01"))
        for dayNumber in stride(from: -719_162, through: 2_932_896, by: 997) {
            let round = CalendarDate(dayNumber: dayNumber)
            #expect(round?.dayNumber == dayNumber)
        }
    }

    @Test func countsTheDaysOfAPeriod() throws {
        let year2026 = try #require(DatePeriod(start: date("2026-01-01"), end: date("2026-12-31")))
        let year2024 = try #require(DatePeriod(start: date("2024-01-01"), end: date("2024-12-31")))
        #expect(year2026.dayCount == 365)
        #expect(year2024.dayCount == 366)
        let stay = try #require(DatePeriod(start: date("2025-12-20"), end: date("2026-01-10")))
        #expect(stay.intersection(year2026) == DatePeriod(start: try date("2026-01-01"), end: try date("2026-01-10")))
        #expect(stay.intersection(year2026)?.dayCount == 10)
        #expect(DatePeriod(start: try date("2026-02-01"), end: try date("2026-01-31")) == nil)
        #expect(try #require(DatePeriod(start: date("2026-05-05"), end: date("2026-05-05"))).dayCount == 1)
    }

    @Test func agesOnBirthdays() throws {
        let born = try date("1950-06-15")
        #expect(born.age(on: try date("2026-06-14")) == 75)
        #expect(born.age(on: try date("2026-06-15")) == 76)
        #expect(born.age(on: try date("1950-06-15")) == 0)
    }

    /// Born on 29 February: a year older on 1 March in common years, on 29 February in leap years.
    @Test func leapDayBirthdaysTurnOnTheFirstOfMarch() throws {
        let born = try date("1948-02-29")
        #expect(born.age(on: try date("2023-02-28")) == 74)
        #expect(born.age(on: try date("2023-03-01")) == 75)
        #expect(born.age(on: try date("2024-02-28")) == 75)
        #expect(born.age(on: try date("2024-02-29")) == 76)
    }
}
