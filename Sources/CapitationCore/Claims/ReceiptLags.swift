/// Accepted claims by regime, month of service and months until the financier received them: the lag
/// triangle from which completion factors are computed (see ``ClaimCompletion``).
///
/// A line's month of service is the month its service starts (under `pro-rata-days`, the period's first
/// month for a service that starts before it), counted from the period's first month (0 for January of
/// a calendar year); its lag is the months from that month to the month it was received (0 when received
/// in the month of service, and never less). Credits count with their negative amount in the month they
/// were received. Lines that do not say when they were received are totalled apart, per regime.
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
    public private(set) var undated: [Regime: ClaimLedger.LineTotal] = [:]

    public init() {}

    /// Whether nothing was added.
    public var isEmpty: Bool { amounts.isEmpty && undated.isEmpty }

    /// Adds `amount` of a line of `regime` whose service starts on day `start` and that was received on
    /// day `received` (day numbers; ``ClaimBatch/Line/notReceived`` when it does not say), in a period
    /// whose first month is `periodMonth` (year × 12 + month − 1).
    mutating func add(
        _ amount: Cents,
        regime: Regime,
        start: Int32,
        received: Int32,
        periodMonth: Int
    ) throws(ArithmeticError) {
        guard received != ClaimBatch.Line.notReceived else {
            var total = undated[regime] ?? ClaimLedger.LineTotal()
            try total.add(lines: 1, amount: amount)
            undated[regime] = total
            return
        }
        let month = max(0, Self.monthNumber(Int(start)) - periodMonth)
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
            var sum = undated[regime] ?? ClaimLedger.LineTotal()
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
    static func monthNumber(_ date: CalendarDate) -> Int {
        date.year * 12 + date.month - 1
    }
}
