/// A population-based payment or shared-savings contract: who takes part, for whom, against which
/// budget, judged by which outcomes, and how the result is settled and distributed.
///
/// A contract is a plain value. It is usually loaded from XML (see the `ContractXML` module) but can be
/// built or varied in code, for example to compare payment models; ``validate()`` checks the rules that
/// every contract must satisfy whatever its source.
public struct Contract: Hashable, Sendable {
    /// The contract's identifier, for example `oost-achterhoek-2026`.
    public var id: ContractID
    /// The version agreed between the parties, for example `1` or `2026.2`.
    public var version: String
    /// A short title.
    public var title: String
    /// A longer description, if any.
    public var summary: String?
    /// The performance period (of the first year, when the contract covers several).
    public var period: DatePeriod
    /// How many performance years the contract covers and how the benchmark is set in each.
    public var term: ContractTerm
    /// How every reported amount is rounded to the cent.
    public var rounding: RoundingRule
    /// The parties, in document order.
    public var parties: [Party]
    /// Who belongs to the population.
    public var population: PopulationCriteria
    /// The risk models that regimes refer to.
    public var riskModels: [RiskModel]
    /// Minimum-savings-rate tables defined in the contract, next to the built-in ``MSRTable/mssp``.
    public var msrTables: [MSRTable]
    /// The budget and scope per regime.
    public var regimes: [RegimeTerms]
    /// Fixed amounts paid next to the per-capita budget.
    public var lumpSums: [LumpSum]
    /// The cap on each member's annual cost, if any.
    public var truncation: Truncation?
    /// How claims are matched to the period.
    public var reconciliation: ReconciliationRules
    /// The outcome indicators and the minimum quality score, if any.
    public var quality: QualityTerms?
    /// The payment model and its parameters.
    public var settlement: SettlementTerms
    /// Who pays and who receives the result, and the transfers between parties.
    public var distribution: Distribution?

    public init(
        id: ContractID,
        version: String,
        title: String,
        summary: String? = nil,
        period: DatePeriod,
        term: ContractTerm = ContractTerm(),
        rounding: RoundingRule = .halfEven,
        parties: [Party],
        population: PopulationCriteria,
        riskModels: [RiskModel] = [],
        msrTables: [MSRTable] = [],
        regimes: [RegimeTerms],
        lumpSums: [LumpSum] = [],
        truncation: Truncation? = nil,
        reconciliation: ReconciliationRules = ReconciliationRules(),
        quality: QualityTerms? = nil,
        settlement: SettlementTerms,
        distribution: Distribution? = nil
    ) {
        self.id = id
        self.version = version
        self.title = title
        self.summary = summary
        self.period = period
        self.term = term
        self.rounding = rounding
        self.parties = parties
        self.population = population
        self.riskModels = riskModels
        self.msrTables = msrTables
        self.regimes = regimes
        self.lumpSums = lumpSums
        self.truncation = truncation
        self.reconciliation = reconciliation
        self.quality = quality
        self.settlement = settlement
        self.distribution = distribution
    }
}

extension Contract {
    /// The party with `id`, if the contract has one.
    public func party(_ id: PartyID) -> Party? {
        parties.first { $0.id == id }
    }

    /// The terms for `regime`, if the contract covers it.
    public func terms(for regime: Regime) -> RegimeTerms? {
        regimes.first { $0.regime == regime }
    }

    /// The risk model with `id`, if the contract defines one.
    public func riskModel(_ id: RiskModelID) -> RiskModel? {
        riskModels.first { $0.id == id }
    }

    /// The minimum-savings-rate table named `id`: one of the contract's, or a built-in one.
    public func msrTable(_ id: MSRTableID) -> MSRTable? {
        msrTables.first { $0.id == id } ?? MSRTable.builtIn.first { $0.id == id }
    }
}
