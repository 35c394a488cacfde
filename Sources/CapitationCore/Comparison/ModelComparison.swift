/// Several payment models or contract variants settled on the same inputs, side by side, each measured
/// against fee-for-service.
///
/// Under every model the financiers pay the claims of their regimes (fee-for-service is the status quo),
/// and the model's settlement moves money between the parties on top of that. So a financier's total
/// cost is its regimes' accepted claims minus its net position under the settlement, and the providers'
/// result under a model is what the non-financing parties (providers, funds) gain beyond what they get
/// under fee-for-service. Money is neither made nor lost: under every model the financiers' extra cost
/// against fee-for-service equals the providers' result, to the cent.
public struct ModelComparison: Sendable {
    /// The models in the order given; the first is fee-for-service, the reference.
    public var models: [ComparedModel]

    /// One model to compare: its name, its terms in words, and its settlement.
    public struct Entry: Sendable {
        public var name: String
        public var summary: String
        public var settlement: Settlement
        /// The settlement of the same inputs under fee-for-service, when the model's population or claims
        /// differ from the comparison's (a contract file with other criteria); `nil` for the comparison's.
        public var feeForService: Settlement?

        public init(name: String, summary: String, settlement: Settlement, feeForService: Settlement? = nil) {
            self.name = name
            self.summary = summary
            self.settlement = settlement
            self.feeForService = feeForService
        }
    }

    /// Compares `entries` against `feeForService`, the settlement of the same inputs under fee-for-service
    /// (or each entry's own, when it has one).
    ///
    /// - Throws: ``SettlementError`` on an overflow.
    public init(feeForService: Entry, entries: [Entry]) throws(SettlementError) {
        var models: [ComparedModel] = []
        for entry in [feeForService] + entries {
            let base = entry.feeForService ?? feeForService.settlement
            let reference = try Self.costs(of: base)
            let costs = try Self.costs(of: entry.settlement)
            var financiers: [FinancierCost] = []
            var providersResult = Cents.zero
            for party in entry.settlement.parties {
                let baseline = reference.first { $0.party.party == party.party }
                if party.role.isFinancier {
                    guard let cost = costs.first(where: { $0.party.party == party.party }) else { continue }
                    var line = cost
                    line.versusFeeForService = try SettlementError.checking("comparison") {
                        () throws(ArithmeticError) in
                        try cost.totalCost - (baseline?.totalCost ?? cost.claims)
                    }
                    financiers.append(line)
                } else {
                    let before = base.parties.first { $0.party == party.party }?.net ?? .zero
                    providersResult = try SettlementError.checking("comparison") { () throws(ArithmeticError) in
                        try providersResult + (try party.net - before)
                    }
                }
            }
            models.append(
                ComparedModel(
                    name: entry.name,
                    summary: entry.summary,
                    settlement: entry.settlement,
                    hasOwnReference: entry.feeForService != nil,
                    financiers: financiers,
                    providersResult: providersResult
                )
            )
        }
        self.models = models
    }

    /// Each financier's claims, net position and total cost under `settlement`.
    private static func costs(of settlement: Settlement) throws(SettlementError) -> [FinancierCost] {
        try settlement.parties.filter(\.role.isFinancier).map { party throws(SettlementError) in
            try SettlementError.checking("comparison") { () throws(ArithmeticError) in
                // In a provisional settlement the claims not yet received are claims the financier will pay.
                let regimes = settlement.regimes.filter { $0.financier == party.party }
                let claims = try regimes.map(\.claims).sum() + regimes.map(\.notYetReceived).sum()
                return FinancierCost(
                    party: party,
                    claims: claims,
                    totalCost: try claims - party.net,
                    versusFeeForService: .zero
                )
            }
        }
    }

    /// Every party of the models, in the order they first appear.
    public var parties: [PartyPosition] {
        var seen: Set<PartyID> = []
        return models.flatMap(\.settlement.parties).filter { seen.insert($0.party).inserted }
    }

    /// Every regime whose incentive any model measured, in the order of ``Regime``.
    public var incentiveRegimes: [Regime] {
        Regime.allCases.filter { regime in models.contains { $0.settlement.incentives.contains { $0.regime == regime } }
        }
    }
}

/// One model in a comparison.
public struct ComparedModel: Sendable {
    /// The model's or variant's name.
    public var name: String
    /// Its terms in a few words.
    public var summary: String
    public var settlement: Settlement
    /// Whether it is measured against fee-for-service on its own population and claims.
    public var hasOwnReference: Bool
    /// Each financier's cost, in the order of the contract's parties.
    public var financiers: [FinancierCost]
    /// What the providers and funds gain beyond fee-for-service.
    public var providersResult: Cents
}

/// What a financier spends under a model.
public struct FinancierCost: Sendable {
    /// Its position under the settlement.
    public var party: PartyPosition
    /// The accepted claims of its regimes, before truncation, with those not yet received in a provisional
    /// settlement: what it pays for care.
    public var claims: Cents
    /// Claims minus its net position: claims plus what it pays under the settlement, less what it receives.
    public var totalCost: Cents
    /// Total cost minus its total cost under fee-for-service.
    public var versusFeeForService: Cents
}
