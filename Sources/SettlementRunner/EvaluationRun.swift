public import CapitationCore
import ContractXML
import Dispatch
import Synchronization

/// The evaluation of a settlement folder against its comparison population: difference-in-differences of
/// risk-adjusted cost per person-year, with a bootstrap of people for its uncertainty.
///
/// The fieldlab is the folder itself (its performance year) and `baseline/YEAR/`; the comparison
/// population is `comparison/` and `comparison/baseline/YEAR/`, laid out alike, measured under the
/// contract as it applies to people outside the fieldlab (``Contract/forComparison()``). The baseline years
/// and their weights are the contract's (or, without weights in the contract, every year in `baseline/`,
/// weighted equally), as for ``BaselineRun``.
public struct EvaluationRun: Sendable {
    public var folder: String
    /// The contract, when not `FOLDER/contract.xml`.
    public var contractPath: String?
    public var threads: Int
    /// The bootstrap's seed and number of resamples.
    public var seed: UInt64
    public var resamples: Int

    public init(folder: String, contractPath: String? = nil, threads: Int, seed: UInt64 = 1, resamples: Int = 1_000) {
        self.folder = folder
        self.contractPath = contractPath
        self.threads = max(1, threads)
        self.seed = seed
        self.resamples = max(0, resamples)
    }

    /// The folder of the comparison population.
    public var comparisonFolder: String { SettlementPaths.join(folder, "comparison") }

    /// What an evaluation found, and the contract's warnings.
    public struct Outcome: Sendable {
        public var result: EvaluationResult
        public var contractWarnings: [Diagnostic]
    }

    /// Measures both populations in every year, estimates the effect and resamples it.
    ///
    /// - Throws: ``RunError/invalidInput(_:)`` for a missing year or folder and invalid inputs;
    ///   ``RunError/refused(_:)`` when the effect cannot be estimated.
    public func run() async throws(RunError) -> Outcome {
        let contractFile = contractPath ?? SettlementPaths.join(folder, "contract.xml")
        let loaded = try SettlementRun.loadContract(at: contractFile).0
        let contract = loaded.contract
        let performanceYear = contract.firstYear
        let (years, weights) = try BaselineRun(folder: folder, contractPath: contractPath, threads: threads)
            .plan(contract: contract, targetYear: performanceYear)
        guard DirectoryListing.kind(of: comparisonFolder) == .directory else {
            throw .invalidInput([
                Diagnostic(
                    .error,
                    at: SourceLocation(path: comparisonFolder),
                    "there is no comparison population: give comparison/ with population.csv and claims/ of people "
                        + "outside the fieldlab, and comparison/baseline/YEAR/ for the baseline years"
                )
            ])
        }
        let fieldlab = try await measure(
            folder,
            contract: contract,
            years: years,
            performanceYear: performanceYear,
            contractFile: contractFile
        )
        let comparison = try await measure(
            comparisonFolder,
            contract: contract.forComparison(),
            years: years,
            performanceYear: performanceYear,
            contractFile: contractFile
        )
        let evaluation = DifferenceInDifferences(
            regimes: contract.regimes.map(\.regime),
            weights: weights,
            rounding: contract.rounding
        )
        do throws(EvaluationError) {
            let estimate = try evaluation.estimate(fieldlab: fieldlab.population, comparison: comparison.population)
            let bootstrap = try EffectBootstrap(
                evaluation,
                fieldlab: fieldlab.population,
                comparison: comparison.population
            )
            let resampled = try resample(bootstrap)
            return Outcome(
                result: EvaluationResult(
                    contract: contract,
                    baselineYears: years,
                    weights: weights,
                    performanceYear: performanceYear,
                    fieldlabMembers: fieldlab.members,
                    comparisonMembers: comparison.members,
                    estimate: estimate,
                    intervals: EffectIntervals(resampled, rows: estimate.rows.count),
                    seed: seed
                ),
                contractWarnings: loaded.warnings
            )
        } catch {
            throw .refused("the effect cannot be estimated: \(error)")
        }
    }

    /// Measures the population of `folder` in the baseline `years` and the performance year.
    private func measure(
        _ folder: String,
        contract: Contract,
        years: [Int],
        performanceYear: Int,
        contractFile: String
    ) async throws(RunError) -> (population: EvaluationPopulation, members: [Int]) {
        var measured: [MeasuredEvaluationYear] = []
        for year in years + [performanceYear] {
            let paths = try Self.yearPaths(
                folder: folder,
                year: year,
                firstYear: contract.firstYear,
                contract: contractFile
            )
            measured.append(
                try await SettlementRun(paths: paths, threads: threads).measureEvaluationYear(of: contract, year: year)
            )
        }
        do {
            let population = try EvaluationPopulation(
                baseline: Array(measured.dropLast()),
                performance: measured[measured.count - 1]
            )
            return (population, measured.map(\.members.count))
        } catch {
            throw .refused(error.description)
        }
    }

    /// The roster and claims of `year` in `folder`: `baseline/YEAR/` or `YEAR/`, or for the performance year
    /// the folder itself.
    static func yearPaths(
        folder: String,
        year: Int,
        firstYear: Int,
        contract: String
    ) throws(RunError) -> SettlementPaths {
        guard let found = SettlementPaths.yearFolder(in: folder, year: year, firstYear: firstYear, baseline: true)
        else {
            let wanted = SettlementPaths.join(SettlementPaths.join(folder, "baseline"), String(year))
            throw .invalidInput([
                Diagnostic(
                    .error,
                    at: SourceLocation(path: year == firstYear ? folder : wanted),
                    year == firstYear
                        ? "the performance year's data is missing: give population.csv and claims/ in \(folder)"
                        : "the data of \(year) is missing: give \(wanted)/ with population.csv and claims/"
                )
            ])
        }
        return try SettlementPaths.resolve(
            folder: found,
            contract: contract,
            population: nil,
            claims: [],
            indicators: [],
            output: nil
        )
    }

    /// The resamples, split over the threads in contiguous parts; the same whatever the split.
    private func resample(_ bootstrap: EffectBootstrap) throws(EvaluationError) -> [ResampledEffect] {
        let parts = max(1, min(threads, resamples))
        let bounds = (0...parts).map { $0 * resamples / parts }
        let results = Mutex<[Result<[ResampledEffect], EvaluationError>]>(Array(repeating: .success([]), count: parts))
        let seed = self.seed
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let result: Result<[ResampledEffect], EvaluationError>
            do throws(EvaluationError) {
                result = .success(try bootstrap.effects(seed: seed, resamples: bounds[part]..<bounds[part + 1]))
            } catch {
                result = .failure(error)
            }
            results.withLock { $0[part] = result }
        }
        var all: [ResampledEffect] = []
        for part in results.withLock({ $0 }) { all += try part.get() }
        return all
    }
}
