/// How a member's expected cost is weighted relative to the average member.
///
/// A member's raw score is the weight of their age/sex cell, plus the weights of their risk markers
/// (a marker that supersedes another removes the other's weight: `frailty-high` supersedes
/// `frailty-mid`), plus the weights of the interactions whose markers they all have. The raw score times
/// the normalisation factor is the risk score. The growth cap limits how far the population's mean score
/// may rise against the baseline (MSSP caps it at +3 %).
public struct RiskModel: Hashable, Sendable {
    /// The model's identifier within the contract.
    public var id: RiskModelID
    /// The age/sex cells; for each sex, every age of the population falls in exactly one cell.
    public var cells: [AgeSexCell]
    /// The risk markers a member can carry.
    public var markers: [RiskMarker]
    /// Extra weights for combinations of markers.
    public var interactions: [RiskInteraction]
    /// The factor that scales raw scores to the reference population (1 when absent).
    public var normalisationFactor: ExactDecimal
    /// The cap on the rise of the mean risk score against the baseline, if any.
    public var growthCap: GrowthCap?
    /// For members of sex `X`: the sex whose cells they take, when the model has no cells for `X`.
    public var unspecifiedSexUses: Sex?

    public init(
        id: RiskModelID,
        cells: [AgeSexCell],
        markers: [RiskMarker] = [],
        interactions: [RiskInteraction] = [],
        normalisationFactor: ExactDecimal = .one,
        growthCap: GrowthCap? = nil,
        unspecifiedSexUses: Sex? = nil
    ) {
        self.id = id
        self.cells = cells
        self.markers = markers
        self.interactions = interactions
        self.normalisationFactor = normalisationFactor
        self.growthCap = growthCap
        self.unspecifiedSexUses = unspecifiedSexUses
    }

    /// The cells that apply to members of `sex`, after ``unspecifiedSexUses``.
    public func cells(for sex: Sex) -> [AgeSexCell] {
        let own = cells.filter { $0.sex == nil || $0.sex == sex }
        if sex == .unspecified, let substitute = unspecifiedSexUses, !own.contains(where: { $0.sex == .unspecified }) {
            return cells.filter { $0.sex == nil || $0.sex == substitute }
        }
        return own
    }

    /// The marker with `id`, if the model has one.
    public func marker(_ id: RiskMarkerID) -> RiskMarker? {
        markers.first { $0.id == id }
    }
}

/// The cap on the growth of a population's mean risk score against the baseline, against coding
/// intensity: risk scores that grow because diagnoses are recorded more must not raise the budget
/// without limit.
///
/// Two limits, either or both:
/// - on the whole score (MSSP agreements before 2024: +3 %): the mean may rise at most ``percent``
///   percent above the baseline mean, to baseline × (1 + percent ÷ 100);
/// - beyond the demographic part (MSSP agreements from 2024: demographic growth + 3 percentage points):
///   the mean may grow at most ``demographicPlus`` percentage points faster than the demographic mean (the
///   model's own age/sex cells alone, normalised; CMS uses a separate demographic-only model), to
///   baseline × (demographic growth + points ÷ 100), where demographic growth is the performance year's
///   demographic mean ÷ the baseline's, rounded half-even to six decimals.
///
/// When the exact mean exceeds the lower limit, every member's score is scaled down so that the mean is
/// exactly that limit.
public struct GrowthCap: Hashable, Sendable {
    /// The largest rise of the whole mean score, in percent of the baseline mean; `nil` for none.
    public var percent: Percentage?
    /// The mean risk score of the baseline population, when known; without it the cap cannot apply.
    public var baselineMeanScore: ExactDecimal?
    /// How many percentage points the mean score may grow beyond the demographic mean's growth; `nil`
    /// for no such limit.
    public var demographicPlus: Percentage?
    /// The demographic mean score of the baseline population (cells only, normalised), when known; the
    /// limit beyond the demographic part needs it.
    public var baselineDemographicMeanScore: ExactDecimal?

    public init(
        percent: Percentage? = nil,
        baselineMeanScore: ExactDecimal? = nil,
        demographicPlus: Percentage? = nil,
        baselineDemographicMeanScore: ExactDecimal? = nil
    ) {
        self.percent = percent
        self.baselineMeanScore = baselineMeanScore
        self.demographicPlus = demographicPlus
        self.baselineDemographicMeanScore = baselineDemographicMeanScore
    }
}

/// The base weight for members of one sex (or all sexes) in a range of ages.
public struct AgeSexCell: Hashable, Sendable {
    /// The sex the cell applies to, or `nil` for every sex.
    public var sex: Sex?
    /// The ages (on the population's reference date) the cell applies to.
    public var ages: AgeRange
    /// The weight, relative to an average member of weight 1.
    public var weight: ExactDecimal

    public init(sex: Sex?, ages: AgeRange, weight: ExactDecimal) {
        self.sex = sex
        self.ages = ages
        self.weight = weight
    }
}

/// A characteristic that adds to a member's risk score, such as `dementia` or a Wlz care profile.
public struct RiskMarker: Hashable, Sendable {
    /// The marker's identifier, as it appears in the population roster.
    public var id: RiskMarkerID
    /// The weight added to the score.
    public var weight: ExactDecimal
    /// Markers whose weight this one replaces when a member has both (a hierarchy, as in CMS-HCC).
    public var supersedes: [RiskMarkerID]
    /// A human-readable label.
    public var label: String?

    public init(id: RiskMarkerID, weight: ExactDecimal, supersedes: [RiskMarkerID] = [], label: String? = nil) {
        self.id = id
        self.weight = weight
        self.supersedes = supersedes
        self.label = label
    }
}

/// An extra weight for members who carry all of two or more markers.
public struct RiskInteraction: Hashable, Sendable {
    /// The markers that must all be present.
    public var markers: [RiskMarkerID]
    /// The weight added to the score.
    public var weight: ExactDecimal

    public init(markers: [RiskMarkerID], weight: ExactDecimal) {
        self.markers = markers
        self.weight = weight
    }
}
