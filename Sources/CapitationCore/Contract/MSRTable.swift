/// A minimum-savings-rate table by population size, interpolated linearly within each band.
///
/// Within a band from `lo` to `hi` whose rate runs from `a` to `b`,
/// `MSR(n) = a + (b − a) × (n − lo) ÷ (hi − lo)`, rounded to six decimals of a percent, half-even.
/// The MSSP one-sided table ships built in as ``mssp``: 34,601 people give 2.353985 %.
public struct MSRTable: Hashable, Sendable {
    /// The table's name, referred to by `<minimumSavingsRate table="…"/>`.
    public var id: MSRTableID
    /// The bands, in ascending order of population size, without gaps.
    public var bands: [MSRBand]

    public init(id: MSRTableID, bands: [MSRBand]) {
        self.id = id
        self.bands = bands
    }

    /// How many decimals of a percent an interpolated rate keeps.
    public static let rateScale = 6

    /// The rate for a population of `size` people, or `nil` when no band contains `size`.
    ///
    /// - Throws: ``ArithmeticError`` only for absurd table values that overflow.
    public func rate(forPopulation size: Int) throws(ArithmeticError) -> Percentage? {
        guard let band = bands.first(where: { $0.contains(size) }) else { return nil }
        guard let upper = band.to, upper > band.from, band.atLowEnd != band.atHighEnd else {
            return try Percentage(band.atLowEnd.value.rounded(toScale: Self.rateScale, rule: .halfEven))
        }
        let step = try band.atHighEnd.value - band.atLowEnd.value
        let position = ExactDecimal(size - band.from)
        let width = ExactDecimal(upper - band.from)
        // Interpolate in one exact division so that the rate is rounded once.
        let numerator = try band.atLowEnd.value * width + step * position
        return Percentage(try numerator.divided(by: width, scale: Self.rateScale, rounding: .halfEven))
    }

    /// The MSSP one-sided minimum savings rates (42 CFR 425.604), 0 to 60,000+ people.
    public static let mssp = MSRTable(
        id: "mssp",
        bands: [
            (0, 499, "12.2", "12.2"), (500, 999, "12.2", "8.7"), (1_000, 2_999, "8.7", "5.0"),
            (3_000, 4_999, "5.0", "3.9"), (5_000, 5_999, "3.9", "3.6"), (6_000, 6_999, "3.6", "3.4"),
            (7_000, 7_999, "3.4", "3.2"), (8_000, 8_999, "3.2", "3.1"), (9_000, 9_999, "3.1", "3.0"),
            (10_000, 14_999, "3.0", "2.7"), (15_000, 19_999, "2.7", "2.5"), (20_000, 49_999, "2.5", "2.2"),
            (50_000, 59_999, "2.2", "2.0"),
        ].map { MSRBand(from: $0.0, to: $0.1, atLowEnd: .init(literal: $0.2), atHighEnd: .init(literal: $0.3)) }
            + [MSRBand(from: 60_000, to: nil, atLowEnd: Percentage(2), atHighEnd: Percentage(2))]
    )

    /// The tables every contract can name without defining them.
    public static let builtIn: [MSRTable] = [mssp]
}

/// One band of a minimum-savings-rate table.
public struct MSRBand: Hashable, Sendable {
    /// The smallest population size in the band.
    public var from: Int
    /// The largest population size in the band; `nil` for the last, open band.
    public var to: Int?
    /// The rate at `from`.
    public var atLowEnd: Percentage
    /// The rate at `to`.
    public var atHighEnd: Percentage

    public init(from: Int, to: Int?, atLowEnd: Percentage, atHighEnd: Percentage) {
        self.from = from
        self.to = to
        self.atLowEnd = atLowEnd
        self.atHighEnd = atHighEnd
    }

    /// Whether a population of `size` people falls in the band.
    public func contains(_ size: Int) -> Bool {
        size >= from && (to.map { size <= $0 } ?? true)
    }
}

extension Percentage {
    /// A percentage from a literal known to be valid; for built-in tables only.
    init(literal: StaticString) {
        guard let value = try? ExactDecimal(parsing: literal.description) else {
            preconditionFailure("invalid built-in percentage \(literal)")
        }
        self.init(value)
    }
}
