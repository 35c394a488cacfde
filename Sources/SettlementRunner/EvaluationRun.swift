public import CapitationCore
import ContractXML
import Dispatch
import Synchronization

/// The evaluation of a settlement folder against its comparison population: difference-in-differences of
/// risk-adjusted cost per person-year, with a bootstrap of people for its uncertainty.
///
/// The fieldlab is the folder itself (its performance year) and `baseline/YEAR/`; the comparison
/// population is `comparison/` and `comparison/baseline/YEAR/`, laid out alike, measured under the
/// contract as it applies to people outside the fieldlab (`Contract/forComparison()`). The baseline years
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
    package var comparisonFolder: String { SettlementPaths.join(folder, "comparison") }

    /// What an evaluation found, and the contract's warnings.
    public struct Outcome: Sendable {
        public var result: EvaluationResult
        public var contractWarnings: [Diagnostic]
    }

    /// Measures both populations in every year, estimates the effect and resamples it.
    ///
    /// - Throws: ``RunError/Code/invalidInput`` for a missing year or folder and invalid inputs;
    ///   a refusal (``RunError/isRefusal``) when the effect cannot be estimated.
    public func run() async throws(RunError) -> Outcome {
        let contractFile = contractPath ?? SettlementPaths.join(folder, "contract.xml")
        let file = try ContractFile(path: contractFile)
        let loaded = file.loaded
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
        try Self.checkSeparate(fieldlab.measured, comparison.measured)
        let settled = try await settle(contract: file, years: years, weights: weights)
        if case .success(let settlement) = settled { try Self.checkCosts(of: fieldlab.population, against: settlement) }
        let estimate: EffectEstimate
        let resampled: [ResampledEffect]
        do throws(EvaluationError) {
            estimate = try evaluation.estimate(fieldlab: fieldlab.population, comparison: comparison.population)
            let bootstrap = try EffectBootstrap(
                evaluation,
                fieldlab: fieldlab.population,
                comparison: comparison.population
            )
            resampled = try resample(bootstrap)
        } catch {
            throw .refused("the effect cannot be estimated: \(error)")
        }
        var placebo: PlaceboEstimate?
        var placeboFailure: EvaluationWarning?
        if let early = evaluation.placebo(fieldlab: fieldlab.population, comparison: comparison.population) {
            do throws(EvaluationError) {
                let estimate = try early.evaluation.estimate(fieldlab: early.fieldlab, comparison: early.comparison)
                let bootstrap = try EffectBootstrap(
                    early.evaluation,
                    fieldlab: early.fieldlab,
                    comparison: early.comparison
                )
                placebo = PlaceboEstimate(
                    beforeYears: early.fieldlab.baseline.map(\.year),
                    afterYear: early.fieldlab.performance.year,
                    estimate: estimate,
                    intervals: EffectIntervals(try resample(bootstrap), rows: estimate.rows.count)
                )
            } catch {
                placeboFailure = EvaluationWarning(.placeboNotEstimated(reason: "\(error)"))
            }
        }
        var net: NetEffect?
        var netUnavailable: String?
        switch settled {
        case .success(let settlement):
            do throws(EvaluationError) {
                var computed = try NetEffect(estimate: estimate, settlement: settlement)
                // The contract's warnings stand first in a settlement's; they are the evaluation's own already.
                let contractWarnings = Set(loaded.settlementWarnings)
                computed.warnings.removeAll { contractWarnings.contains($0) }
                net = computed
            } catch {
                throw .refused("the net effect cannot be computed: \(error)")
            }
        case .failure(.refused(let reason)):
            netUnavailable = reason
        }
        // The settlement reads the fieldlab's performance year again and says what it found there itself.
        let fieldlabYears = net == nil ? fieldlab.measured : Array(fieldlab.measured.dropLast())
        let warnings =
            fieldlabYears.flatMap { measured in
                measured.warnings.map { EvaluationWarning(.measured(.fieldlab, year: measured.year, $0)) }
            }
            + comparison.measured.flatMap { measured in
                measured.warnings.map { EvaluationWarning(.measured(.comparison, year: measured.year, $0)) }
            }
            + (placeboFailure.map { [$0] } ?? [])
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
                seed: seed,
                net: net,
                netUnavailable: netUnavailable,
                placebo: placebo,
                warnings: warnings
            ),
            contractWarnings: loaded.warnings
        )
    }

    /// Why a performance year could not be settled.
    enum Unsettled: Error {
        case refused(String)
    }

    /// The settlement of the performance year, as `capitation settle FOLDER --year YEAR` makes it (under a
    /// rebased benchmark, on the baseline of `years` weighted by `weights`), computed without writing
    /// anything and without the statistics of chance; or, when the settlement is refused, why.
    ///
    /// - Throws: ``RunError/Code/invalidInput`` for inputs `capitation settle` finds invalid.
    private func settle(
        contract file: ContractFile,
        years: [Int],
        weights: [ExactDecimal]
    ) async throws(RunError) -> Result<Settlement, Unsettled> {
        let contract = file.contract
        let year = contract.firstYear
        let paths = try Self.yearPaths(folder: folder, year: year, firstYear: year, contract: file.file.path)
        do {
            var baseline: Baseline?
            if contract.term.benchmark == .rebased {
                baseline = try await BaselineRun.compute(
                    contract: contract,
                    targetYear: year,
                    years: years,
                    weights: weights,
                    folder: folder,
                    threads: threads
                )
            }
            var run = SettlementRun(paths: paths, threads: threads, year: year, rebasedOn: baseline)
            run.loadedContract = file
            // After a run-out, the effect nets against the final settlement, as every year is measured.
            if contract.reconciliation.runOut != nil {
                run.stage = .final
                run.baselineFolder = folder
            }
            return .success(try await run.settle(chance: nil).settlement)
        } catch {
            guard error.isRefusal else { throw error }
            return .failure(.refused(error.message))
        }
    }

    /// Refuses when someone is in both populations in the same year.
    ///
    /// A comparison population is people outside the fieldlab, and a person in both would count on both
    /// sides of the difference. Only their number is told, never who they are.
    package static func checkSeparate(
        _ fieldlab: [MeasuredEvaluationYear],
        _ comparison: [MeasuredEvaluationYear]
    ) throws(RunError) {
        for (fieldlabYear, comparisonYear) in zip(fieldlab, comparison) {
            let inFieldlab = Set(fieldlabYear.members)
            let both = comparisonYear.members.filter(inFieldlab.contains).count
            guard both == 0 else {
                throw .refused(
                    "\(both) \(both == 1 ? "person is" : "people are") in the fieldlab's population and in the "
                        + "comparison population in \(fieldlabYear.year) (the same member id on both rosters): a "
                        + "comparison population is people outside the fieldlab, so take them out of the "
                        + "comparison's roster of that year"
                )
            }
        }
    }

    /// Refuses when the settlement of the performance year counts another cost in a regime than the
    /// evaluation measured for the fieldlab that year: then the net effect would mix two measures.
    package static func checkCosts(of fieldlab: EvaluationPopulation, against settlement: Settlement) throws(RunError) {
        for (index, regime) in settlement.regimes.enumerated() {
            let measured = fieldlab.performance.records.reduce(Int128(0)) { sum, record in
                sum + (index < record.costs.count ? Int128(record.costs[index].rawValue) : 0)
            }
            let settled = Int128(regime.claims.rawValue) - Int128(regime.truncated.rawValue)
            guard measured == settled else {
                throw .refused(
                    "the settlement of \(fieldlab.performance.year) counts \(settled) cents of claims after "
                        + "truncation in the \(regime.regime), the evaluation \(measured) cents: the net effect would "
                        + "mix two measures of the same year"
                )
            }
        }
    }

    /// Measures the population of `folder` in the baseline `years` and the performance year.
    private func measure(
        _ folder: String,
        contract: Contract,
        years: [Int],
        performanceYear: Int,
        contractFile: String
    ) async throws(RunError) -> (population: EvaluationPopulation, members: [Int], measured: [MeasuredEvaluationYear]) {
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
            return (population, measured.map(\.members.count), measured)
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
