/// The payment model a contract settles under, with its parameters.
public enum SettlementTerms: Hashable, Sendable {
    /// Fee-for-service: financiers pay the claims; nothing is settled beyond them.
    case feeForService
    /// Capitation: providers receive the risk-weighted budget and bear the cost, optionally within corridors.
    case capitation(CapitationTerms)
    /// Shared savings: providers share in savings against the budget (and, two-sided, in losses).
    case sharedSavings(SharedSavingsTerms)

    /// The model's name as written in contracts: `fee-for-service`, `capitation`, `shared-savings`.
    public var modelName: String {
        switch self {
        case .feeForService: "fee-for-service"
        case .capitation: "capitation"
        case .sharedSavings: "shared-savings"
        }
    }
}

/// The parameters of a capitation contract.
public struct CapitationTerms: Hashable, Sendable {
    /// The risk corridors: the share of gross savings or losses the providers keep, band by band.
    ///
    /// Without corridors the providers keep all of the result.
    public var corridors: [CorridorBand]

    public init(corridors: [CorridorBand] = []) {
        self.corridors = corridors
    }
}

/// One band of a risk corridor, in percent of the budget (ACO REACH style).
///
/// With bands 0–5 % at 50 % and 5–10 % at 35 %, a saving of 7 % of the budget leaves the providers
/// 50 % × 5 + 35 % × 2 = 3.2 % of the budget; losses are treated the same way with the opposite sign.
public struct CorridorBand: Hashable, Sendable {
    /// Where the band starts, in percent of the budget.
    public var from: Percentage
    /// Where it ends; `nil` for the last, open band.
    public var to: Percentage?
    /// The share of the result within this band that the providers keep.
    public var providerShare: Percentage

    public init(from: Percentage, to: Percentage?, providerShare: Percentage) {
        self.from = from
        self.to = to
        self.providerShare = providerShare
    }
}

/// The parameters of a shared-savings contract (MSSP style).
public struct SharedSavingsTerms: Hashable, Sendable {
    /// Whether providers share in losses too.
    public var sides: Sides
    /// The savings rate that must be met before savings are shared.
    public var minimumSavingsRate: MinimumRateRule
    /// The loss rate that must be met before losses are shared (two-sided only).
    public var minimumLossRate: MinimumLossRateRule?
    /// The sharing rate and how quality applies to it.
    public var sharingRate: SharingRate
    /// The cap on earned savings, in percent of the budget.
    public var savingsCap: Percentage?
    /// The share of losses the providers bear (two-sided only).
    public var lossSharingRate: LossSharingRate?
    /// The cap on shared losses, in percent of the budget (two-sided only).
    public var lossCap: Percentage?
    /// A reduction of the payout (for example a 2 % sequestration); it does not apply to losses.
    public var paymentReduction: Percentage?

    public init(
        sides: Sides,
        minimumSavingsRate: MinimumRateRule,
        minimumLossRate: MinimumLossRateRule? = nil,
        sharingRate: SharingRate,
        savingsCap: Percentage? = nil,
        lossSharingRate: LossSharingRate? = nil,
        lossCap: Percentage? = nil,
        paymentReduction: Percentage? = nil
    ) {
        self.sides = sides
        self.minimumSavingsRate = minimumSavingsRate
        self.minimumLossRate = minimumLossRate
        self.sharingRate = sharingRate
        self.savingsCap = savingsCap
        self.lossSharingRate = lossSharingRate
        self.lossCap = lossCap
        self.paymentReduction = paymentReduction
    }

    /// One-sided (savings only) or two-sided (savings and losses).
    public enum Sides: String, CaseIterable, Hashable, Sendable {
        case one
        case two
    }
}

/// How the minimum savings (or loss) rate is set.
public enum MinimumRateRule: Hashable, Sendable {
    /// A fixed percentage of the budget.
    case fixed(Percentage)
    /// Looked up by population size in a table, interpolated linearly within each band.
    case table(MSRTableID)
    /// Computed from the spread of members' costs so that a saving this large is chance with at most
    /// the complementary probability: z × the standard error of the savings rate
    /// (``SavingsRateSpread``; `CV ÷ √n` for equal members) at the given confidence level.
    case confidence(Percentage)
}

/// How the minimum loss rate of a two-sided contract is set.
public enum MinimumLossRateRule: Hashable, Sendable {
    /// The same as the minimum savings rate, mirrored.
    case sameAsSavings
    /// Its own rule.
    case rule(MinimumRateRule)
}

/// The sharing rate and how the quality score applies to it.
public struct SharingRate: Hashable, Sendable {
    /// The maximum sharing rate.
    public var rate: Percentage
    /// How the quality score changes it.
    public var quality: QualityApplication
    /// Whether savings are shared from the first euro once the MSR is met, or only above it.
    public var basis: SharingBasis

    public init(rate: Percentage, quality: QualityApplication, basis: SharingBasis = .firstEuro) {
        self.rate = rate
        self.quality = quality
        self.basis = basis
    }
}

/// How the quality score applies to the sharing rate.
public enum QualityApplication: String, CaseIterable, Hashable, Sendable {
    /// Final rate = rate × score, when the score passes the gates (MSSP before 2019).
    case multiply
    /// Final rate = rate when the score passes the gates, 0 otherwise (all-or-nothing).
    case gate
    /// Quality does not change the rate.
    case none
}

/// Which part of the savings is shared once the minimum savings rate is met.
public enum SharingBasis: String, CaseIterable, Hashable, Sendable {
    /// All savings, from the first euro (MSSP).
    case firstEuro = "first-euro"
    /// Only the savings above the minimum savings rate.
    case aboveMinimum = "above-minimum"
}

/// The share of losses the providers bear in a two-sided contract.
public enum LossSharingRate: Hashable, Sendable {
    /// A fixed rate.
    case fixed(Percentage)
    /// One minus the final sharing rate, bounded (MSSP Track 2: at most 60 %; ENHANCED: 40–75 %).
    case complementOfSharingRate(minimum: Percentage?, maximum: Percentage?)
}
