public import CapitationCore
import Dispatch
import Synchronization

/// `capitation simulate`: settles a folder without writing anything and analyses the statistics of
/// chance with a bootstrap of its members, the resamples spread over the threads.
///
/// Resample *b* draws from its own seeded stream, so the result does not depend on the number of threads.
public struct SimulationRun: Sendable {
    public var settlement: SettlementRun
    public var settings: ChanceSettings

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
    /// - Throws: ``RunError/invalidInput(_:)`` for missing, unreadable or invalid inputs;
    ///   ``RunError/refused(_:)`` when the settlement or the analysis cannot be made.
    public func run() async throws(RunError) -> Outcome {
        let computed = try await settlement.settle(chance: nil)
        guard let outcomes = computed.settlement.memberOutcomes else {
            throw .refused(
                computed.settlement.warnings.first { $0.contains("chance") }
                    ?? "the members' budget shares and costs cannot be formed, so there is nothing to resample"
            )
        }
        let rates = await Self.rates(
            of: outcomes,
            seed: settings.seed,
            resamples: max(1, settings.resamples),
            threads: settlement.threads
        )
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

    /// A resampler that computes the resamples in `threads` contiguous parts on as many threads.
    static func resampler(threads: Int) -> SavingsRateBootstrap.Resampler {
        guard threads > 1 else { return .serial }
        return SavingsRateBootstrap.Resampler { outcomes, seed, count in
            let parts = max(1, min(threads, count))
            let bounds = (0...parts).map { $0 * count / parts }
            let results = Mutex<[[Int64]]>(Array(repeating: [], count: parts))
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let rates = SavingsRateBootstrap.rates(
                    of: outcomes,
                    seed: seed,
                    resamples: bounds[part]..<bounds[part + 1]
                )
                results.withLock { $0[part] = rates }
            }
            return results.withLock { $0.flatMap { $0 } }
        }
    }

    /// The resampled rates of resamples `0..<resamples`, computed in `threads` contiguous parts.
    static func rates(of outcomes: MemberOutcomes, seed: UInt64, resamples: Int, threads: Int) async -> [Int64] {
        let parts = max(1, min(threads, resamples))
        let bounds = (0...parts).map { $0 * resamples / parts }
        let results = await withTaskGroup(of: (Int, [Int64]).self) { group in
            for part in 0..<parts {
                group.addTask {
                    (
                        part,
                        SavingsRateBootstrap.rates(of: outcomes, seed: seed, resamples: bounds[part]..<bounds[part + 1])
                    )
                }
            }
            var collected: [(Int, [Int64])] = []
            for await result in group { collected.append(result) }
            return collected
        }
        return results.sorted { $0.0 < $1.0 }.flatMap(\.1)
    }
}
