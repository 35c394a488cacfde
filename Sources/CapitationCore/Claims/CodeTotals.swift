/// Spending per claim code: for each regime, category, product, care profile and unit, the lines, amount
/// and volume that were accepted and those that were out of scope.
///
/// Auditors read from it which codes count against the budget and which of the population's care the
/// scope leaves out. The totals of a set of members add up exactly, in any order.
public struct CodeTotals: Sendable {
    /// The totals per code.
    public private(set) var entries: [Key: Entry] = [:]

    public init() {}

    /// A claim code: a regime, a category, a product, and, where the format carries them, a care profile
    /// and the unit of the volume.
    public struct Key: Hashable, Comparable, Sendable {
        public var regime: Regime
        public var category: CategoryCode
        public var product: ProductCode
        public var careProfile: CareProfileCode?
        public var unit: String?

        public init(
            regime: Regime,
            category: CategoryCode,
            product: ProductCode,
            careProfile: CareProfileCode? = nil,
            unit: String? = nil
        ) {
            self.regime = regime
            self.category = category
            self.product = product
            self.careProfile = careProfile
            self.unit = unit
        }

        /// The code of `line`.
        public init(_ line: ClaimLine) {
            self.init(
                regime: line.regime,
                category: line.category,
                product: line.product,
                careProfile: line.careProfile,
                unit: line.volume?.unit
            )
        }

        public static func < (lhs: Key, rhs: Key) -> Bool {
            if lhs.regime != rhs.regime { return lhs.regime < rhs.regime }
            if lhs.category != rhs.category { return lhs.category < rhs.category }
            if lhs.product != rhs.product { return lhs.product < rhs.product }
            if lhs.careProfile != rhs.careProfile {
                return ByteOrder.precedes(lhs.careProfile?.rawValue, rhs.careProfile?.rawValue)
            }
            return ByteOrder.precedes(lhs.unit, rhs.unit)
        }
    }

    /// What was accepted and what was out of scope under one code.
    public struct Entry: Hashable, Sendable {
        public var accepted = Tally()
        public var outOfScope = Tally()

        public init(accepted: Tally = Tally(), outOfScope: Tally = Tally()) {
            self.accepted = accepted
            self.outOfScope = outOfScope
        }
    }

    /// Lines, their counted amount and their volume (credits subtract; volumes are not pro-rated).
    public struct Tally: Hashable, Sendable {
        public var lines = 0
        public var amount = Cents.zero
        /// The net volume, `nil` when no line carried one.
        public var volume: Int64?

        public init(lines: Int = 0, amount: Cents = .zero, volume: Int64? = nil) {
            self.lines = lines
            self.amount = amount
            self.volume = volume
        }

        mutating func add(_ other: Tally) throws(ArithmeticError) {
            lines += other.lines
            amount = try amount + other.amount
            if let more = other.volume {
                let (sum, overflow) = (volume ?? 0).addingReportingOverflow(more)
                guard !overflow else { throw ArithmeticError(.overflow, in: "volume \(volume ?? 0) + \(more)") }
                volume = sum
            }
        }
    }

    /// Which of the two tallies a line goes to.
    public enum Outcome: Sendable {
        case accepted, outOfScope
    }

    /// Adds the totals `entry` of code `key`.
    mutating func add(_ entry: Entry, to key: Key) throws(ArithmeticError) {
        try add(entry.accepted, to: key, as: .accepted)
        try add(entry.outOfScope, to: key, as: .outOfScope)
    }

    private mutating func add(_ tally: Tally, to key: Key, as outcome: Outcome) throws(ArithmeticError) {
        switch outcome {
        case .accepted: try entries[key, default: Entry()].accepted.add(tally)
        case .outOfScope: try entries[key, default: Entry()].outOfScope.add(tally)
        }
    }

    /// Adds the totals of other members.
    package mutating func merge(_ other: CodeTotals) throws(ArithmeticError) {
        for (key, entry) in other.entries { try add(entry, to: key) }
    }

    /// The codes in order, each with its totals.
    public var sorted: [(key: Key, entry: Entry)] {
        entries.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
