public import CapitationCore

/// `capitation simulate`: settles a folder without writing anything and analyses the statistics of
/// chance with a bootstrap of its members, the resamples spread over the threads.
///
/// Resample *b* draws from its own seeded stream, so the result does not depend on the number of threads.
public struct SimulationRun: Sendable {
    public var settlement: SettlementRun
    public var settings: ChanceSettings

    /// Settles the settlement `job` describes, without writing it, and analyses its chance: what
    /// `capitation simulate` does, in one call.
    public static func run(_ job: SettlementJob, settings: ChanceSettings) async throws(RunError) -> Outcome {
        try await SimulationRun(settlement: try await job.settlementRun(), settings: settings).run()
    }

    public init(settlement: SettlementRun, settings: ChanceSettings) {
        self.settlement = settlement
        self.settings = settings
    }

    /// What a simulation produced.
    public struct Outcome: Sendable {
        public var settlement: Settlement
        public var analysis: ChanceAnalysis
        /// The contract's warnings.
        public var contractWarnings: [Diagnostic]
    }

    /// Settles and analyses.
    ///
    /// - Throws: ``RunError/Code/invalidInput`` for missing, unreadable or invalid inputs;
    ///   a refusal (``RunError/isRefusal``) when the settlement or the analysis cannot be made.
    public func run() async throws(RunError) -> Outcome {
        let computed = try await settlement.settle(chance: nil)
        guard let outcomes = computed.settlement.memberOutcomes else {
            throw .refused(
                computed.settlement.warnings.first { if case .chanceNotComputed = $0.kind { true } else { false } }?
                    .description
                    ?? "the members' budget shares and costs cannot be formed, so there is nothing to resample"
            )
        }
        let rates = SavingsRateBootstrap.Resampler.threaded(settlement.threads)
            .rates(of: outcomes, seed: settings.seed, count: max(1, settings.resamples))
        let bootstrap = SavingsRateBootstrap(outcomes: outcomes, seed: settings.seed, rates: rates)
        do {
            let analysis = try ChanceAnalysis(
                outcomes: outcomes,
                bootstrap: bootstrap,
                msr: computed.settlement.minimumSavingsRate?.rate,
                mlr: computed.settlement.minimumLossRate?.rate,
                settings: settings
            )
            return Outcome(
                settlement: computed.settlement,
                analysis: analysis,
                contractWarnings: computed.contractWarnings
            )
        } catch {
            throw .refused("the analysis of chance overflows: \(error)")
        }
    }
}
