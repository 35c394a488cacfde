/// A value for each regime: Zvw, Wmo and Wlz.
public struct PerRegime<Value: Sendable>: Sendable {
    public var zvw: Value
    public var wmo: Value
    public var wlz: Value

    public subscript(regime: Regime) -> Value {
        get {
            switch regime {
            case .zvw: zvw
            case .wmo: wmo
            case .wlz: wlz
            }
        }
        set {
            switch regime {
            case .zvw: zvw = newValue
            case .wmo: wmo = newValue
            case .wlz: wlz = newValue
            }
        }
    }
}

extension PerRegime: Equatable where Value: Equatable {}
extension PerRegime: Hashable where Value: Hashable {}

/// An amount for each regime.
public typealias RegimeAmounts = PerRegime<Cents>

/// A count for each regime.
public typealias RegimeCounts = PerRegime<Int>

extension PerRegime where Value == Cents {
    /// Zero for every regime.
    public init() {
        self.init(zvw: .zero, wmo: .zero, wlz: .zero)
    }

    /// The amounts given; zero for the regimes not given.
    public init(_ amounts: [Regime: Cents]) {
        self.init()
        for (regime, amount) in amounts { self[regime] = amount }
    }

    /// The sum over the regimes.
    public func total() throws(ArithmeticError) -> Cents { try zvw + wmo + wlz }

    public var isZero: Bool { zvw.isZero && wmo.isZero && wlz.isZero }

    mutating func add(_ amount: Cents, to regime: Regime) throws(ArithmeticError) {
        self[regime] = try self[regime] + amount
    }

    mutating func add(_ other: RegimeAmounts) throws(ArithmeticError) {
        for regime in Regime.allCases { try add(other[regime], to: regime) }
    }
}

extension PerRegime where Value == Int {
    /// Zero for every regime.
    public init() {
        self.init(zvw: 0, wmo: 0, wlz: 0)
    }
}
