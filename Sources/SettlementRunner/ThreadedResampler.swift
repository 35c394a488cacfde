import CapitationCore
import Dispatch
import Synchronization

extension SavingsRateBootstrap.Resampler {
    /// A resampler that computes the resamples in `threads` contiguous parts, one part per thread.
    static func threaded(_ threads: Int) -> SavingsRateBootstrap.Resampler {
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
}
