/// What a contract agrees for one regime: who finances it, the per-capita budget and what it covers.
public struct RegimeTerms: Hashable, Sendable {
    /// The regime.
    public var regime: Regime
    /// The party that finances the regime's claims and budget.
    public var financier: PartyID
    /// The risk model that weights the per-capita amount; `nil` means every member weighs 1.
    public var riskModel: RiskModelID?
    /// The annual amount per person-year at risk score 1, before trend and discount.
    public var perCapitaAnnual: Cents
    /// The care that counts against this regime's budget.
    public var scope: Scope
    /// Trend and indexation factors, compounded in order.
    public var trends: [Trend]
    /// A discount off the budget, if any (as in ACO REACH).
    public var discount: Percentage?
    /// A retrospective adjustment of the budget to the actual trend, if any (as in ACO REACH).
    public var trendAdjustment: TrendAdjustment?

    public init(
        regime: Regime,
        financier: PartyID,
        riskModel: RiskModelID? = nil,
        perCapitaAnnual: Cents,
        scope: Scope,
        trends: [Trend] = [],
        discount: Percentage? = nil,
        trendAdjustment: TrendAdjustment? = nil
    ) {
        self.regime = regime
        self.financier = financier
        self.riskModel = riskModel
        self.perCapitaAnnual = perCapitaAnnual
        self.scope = scope
        self.trends = trends
        self.discount = discount
        self.trendAdjustment = trendAdjustment
    }
}

/// The care covered by a regime's budget: whole categories, single product codes and Wlz care profiles.
///
/// A claim line is in scope when its category is listed, or its product code is listed (for the given
/// category, when the entry names one), or its care profile is listed. Codes are those of the claim's
/// own format: a Wmo product category such as `02`, an AW319 prestatiecode, a ZZP code such as `754`.
/// Everything else the population uses in the regime is out of scope: not counted against the budget,
/// but totalled so that cost shifting shows.
public struct Scope: Hashable, Sendable {
    /// Whole categories of care, for example `wijkverpleging` or the Wmo product category `02`.
    public var categories: [ScopeCategory]
    /// Single products, for example the Wmo product code `02A01`.
    public var products: [ScopeProduct]
    /// Wlz care profiles (ZZP), matched against the care profile of AW319 claim lines.
    public var careProfiles: [ScopeCareProfile]

    public init(
        categories: [ScopeCategory] = [],
        products: [ScopeProduct] = [],
        careProfiles: [ScopeCareProfile] = []
    ) {
        self.categories = categories
        self.products = products
        self.careProfiles = careProfiles
    }

    /// Whether the scope lists nothing at all.
    public var isEmpty: Bool { categories.isEmpty && products.isEmpty && careProfiles.isEmpty }

    /// Whether a claim with `category`, `product` and `careProfile` is in scope.
    public func includes(category: CategoryCode, product: ProductCode, careProfile: CareProfileCode? = nil) -> Bool {
        categories.contains { $0.code == category }
            || products.contains { $0.code == product && ($0.category == nil || $0.category == category) }
            || careProfile.map { profile in careProfiles.contains { $0.code == profile } } ?? false
    }
}

/// A Wlz care profile (ZZP) in a scope.
public struct ScopeCareProfile: Hashable, Sendable {
    public var code: CareProfileCode
    public var label: String?

    public init(code: CareProfileCode, label: String? = nil) {
        self.code = code
        self.label = label
    }
}

/// A category of care in a scope.
public struct ScopeCategory: Hashable, Sendable {
    public var code: CategoryCode
    public var label: String?

    public init(code: CategoryCode, label: String? = nil) {
        self.code = code
        self.label = label
    }
}

/// A single product in a scope, optionally only within one category.
public struct ScopeProduct: Hashable, Sendable {
    public var code: ProductCode
    public var category: CategoryCode?
    public var label: String?

    public init(code: ProductCode, category: CategoryCode? = nil, label: String? = nil) {
        self.code = code
        self.category = category
        self.label = label
    }
}

/// A trend or indexation factor applied to a per-capita amount: +3.1 % multiplies it by 1.031.
///
/// Without a year the factor applies to the budget of every performance year. With a year it is the
/// growth from the year before to that year: it trends baseline years to a performance year and indexes
/// fixed per-capita amounts (those of the first performance year) in the years after the first.
public struct Trend: Hashable, Sendable {
    /// The change in percent; negative for a decline.
    public var percent: Percentage
    /// The year the growth leads to, for a dated trend.
    public var year: Int?
    /// What the factor stands for, for example `OVA 2026`.
    public var label: String?

    public init(percent: Percentage, year: Int? = nil, label: String? = nil) {
        self.percent = percent
        self.year = year
        self.label = label
    }
}
