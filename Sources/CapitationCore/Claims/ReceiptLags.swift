/// Accepted claims by regime, month of service and months until the financier received them: the lag
/// triangle from which a provisional settlement estimates the claims not yet received (see
/// ``ClaimCompletion``).
///
/// A line's month of service is the month its service ends (the period's last for a service that ends
/// after it, the first for one that ends before it), counted from the period's first month (0 for January
/// of a calendar year): care is claimed once it is given, so a quarter's fee is claimed after its third
/// month. Its lag is the months from that month to the month it was received (0 when received in the month
/// of service, and never less). Credits count with their negative amount in the month they were received.
/// Lines that do not say when they were received are totalled apart, per regime.
public struct ReceiptLags: Hashable, Sendable {
    /// A regime, a month of service and a lag.
    public struct Key: Hashable, Comparable, Sendable {
        public var regime: Regime
        /// The month of service, from the period's first month (0).
        public var month: Int
        /// The months from the month of service to the month of receipt.
        public var lag: Int

        public init(regime: Regime, month: Int, lag: Int) {
            self.regime = regime
            self.month = month
            self.lag = lag
        }

        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.regime.rank, lhs.month, lhs.lag) < (rhs.regime.rank, rhs.month, rhs.lag)
        }
    }

    /// The accepted amount of each regime, month of service and lag.
    public private(set) var amounts: [Key: Cents] = [:]
    /// The accepted amount and lines of each regime that do not say when they were received.
    public private(set) var undated: [Regime: LineTotal] = [:]

    public init() {}

    /// Whether nothing was added.
    public var isEmpty: Bool { amounts.isEmpty && undated.isEmpty }

    /// Adds `amount` of a line of `regime` whose service ends on day `end` and that was received on day
    /// `received` (day numbers; ``ClaimBatch/Line/notReceived`` when it does not say), in a period whose
    /// first month is `periodMonth` (year × 12 + month − 1) and whose last is `lastMonth` months after it.
    mutating func add(
        _ amount: Cents,
        regime: Regime,
        end: Int32,
        received: Int32,
        periodMonth: Int,
        lastMonth: Int
    ) throws(ArithmeticError) {
        guard received != ClaimBatch.Line.notReceived else {
            var total = undated[regime] ?? LineTotal()
            try total.add(lines: 1, amount: amount)
            undated[regime] = total
            return
        }
        let month = min(lastMonth, max(0, Self.monthNumber(Int(end)) - periodMonth))
        let lag = max(0, Self.monthNumber(Int(received)) - periodMonth - month)
        let key = Key(regime: regime, month: month, lag: lag)
        amounts[key] = try (amounts[key] ?? .zero) + amount
    }

    /// Adds `amount` directly under `key`, as a lag triangle built by hand does.
    public mutating func add(_ amount: Cents, at key: Key) throws(ArithmeticError) {
        amounts[key] = try (amounts[key] ?? .zero) + amount
    }

    /// Adds another triangle of the same period.
    public mutating func merge(_ other: ReceiptLags) throws(ArithmeticError) {
        for (key, amount) in other.amounts { amounts[key] = try (amounts[key] ?? .zero) + amount }
        for (regime, total) in other.undated {
            var sum = undated[regime] ?? LineTotal()
            try sum.add(lines: total.lines, amount: total.amount)
            undated[regime] = sum
        }
    }

    /// Year × 12 + month − 1 of day number `day`.
    static func monthNumber(_ day: Int) -> Int {
        guard let date = CalendarDate(dayNumber: day) else { preconditionFailure("day \(day) is no date") }
        return monthNumber(date)
    }

    /// Year × 12 + month − 1 of `date`.
    package static func monthNumber(_ date: CalendarDate) -> Int {
        date.year * 12 + date.month - 1
    }
}
