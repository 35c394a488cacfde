/// One of the three Dutch regimes that pay for the care of the elderly.
///
/// Each regime has its own law, financier and claims: a contract budgets and reconciles them separately
/// and can move money between them.
public enum Regime: String, CaseIterable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Zorgverzekeringswet: the health insurer pays (GP, district nursing, ELV, GRZ, hospital, pharmacy).
    case zvw = "Zvw"
    /// Wet maatschappelijke ondersteuning 2015: the municipality pays (household help, support, day care).
    case wmo = "Wmo"
    /// Wet langdurige zorg: the care office pays (nursing home, VPT/MPT, personal budget).
    case wlz = "Wlz"

    /// The role of the party that finances this regime.
    public var financierRole: PartyRole {
        switch self {
        case .zvw: .insurer
        case .wmo: .municipality
        case .wlz: .careOffice
        }
    }

    /// The position in ``allCases``: Zvw, Wmo, Wlz.
    var rank: UInt8 {
        switch self {
        case .zvw: 0
        case .wmo: 1
        case .wlz: 2
        }
    }

    public static func < (lhs: Regime, rhs: Regime) -> Bool {
        lhs.rank < rhs.rank
    }

    // By rank rather than by the raw value's text, which a raw-value enum hashes by default.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rank)
    }

    public var description: String { rawValue }
}

/// A person's registered sex, as in the population roster.
public enum Sex: String, CaseIterable, Hashable, Sendable, CustomStringConvertible {
    /// Female.
    case female = "F"
    /// Male.
    case male = "M"
    /// Neither, or not recorded.
    case unspecified = "X"

    public var description: String { rawValue }
}
