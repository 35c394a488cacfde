public import CapitationCore
import ContractXML

/// `capitation baseline`: measures the baseline years of a settlement folder and computes the per-capita
/// amounts of a performance year.
///
/// The data of year Y is `FOLDER/baseline/Y/` (a roster and claims, laid out as a settlement folder) or,
/// for a year the contract itself covers, `FOLDER/Y/`.
public struct BaselineRun: Sendable {
    /// The settlement folder.
    public var folder: String
    /// The contract, when not `FOLDER/contract.xml`.
    public var contractPath: String?
    /// The performance year the amounts are for; `nil` for the contract's first.
    public var targetYear: Int?
    /// The weights of the years before the target year, oldest first; `nil` for the contract's, or equal
    /// weights over every baseline year present.
    public var weights: [ExactDecimal]?
    public var threads: Int

    public init(
        folder: String,
        contractPath: String? = nil,
        targetYear: Int? = nil,
        weights: [ExactDecimal]? = nil,
        threads: Int
    ) {
        self.folder = folder
        self.contractPath = contractPath
        self.targetYear = targetYear
        self.weights = weights
        self.threads = max(1, threads)
    }

    /// What a baseline run produced.
    public struct Outcome: Sendable {
        public var contract: Contract
        public var baseline: Baseline
        public var contractWarnings: [Diagnostic]
    }

    /// Measures the years and computes the baseline.
    ///
    /// - Returns: The contract, the baseline and the contract's warnings.
    /// - Throws: ``RunError/Code/invalidInput`` for a missing year or invalid inputs; a refusal (``RunError/isRefusal``)
    ///   when the baseline cannot be computed.
    public func run() async throws(RunError) -> Outcome {
        let path = contractPath ?? SettlementPaths.join(folder, "contract.xml")
        let loaded = try SettlementRun.loadContract(at: path).0
        let contract = loaded.contract
        let year = targetYear ?? contract.firstYear
        let (years, weights) = try plan(contract: contract, targetYear: year)
        let baseline = try await Self.compute(
            contract: contract,
            targetYear: year,
            years: years,
            weights: weights,
            folder: folder,
            threads: threads
        )
        return Outcome(contract: contract, baseline: baseline, contractWarnings: loaded.warnings)
    }

    /// The years to measure and their weights.
    func plan(contract: Contract, targetYear: Int) throws(RunError) -> ([Int], [ExactDecimal]) {
        if let given = weights ?? (contract.term.baselineWeights.isEmpty ? nil : contract.term.baselineWeights) {
            return (Array((targetYear - given.count)..<targetYear), given)
        }
        let baselineFolder = SettlementPaths.join(folder, "baseline")
        let present = (DirectoryListing.entries(of: baselineFolder) ?? [])
            .compactMap { Int($0) }
            .filter {
                $0 < targetYear
                    && DirectoryListing.kind(of: SettlementPaths.join(baselineFolder, String($0))) == .directory
            }
            .sorted()
        guard !present.isEmpty else {
            throw .invalidInput([
                Diagnostic(
                    .error,
                    at: SourceLocation(path: baselineFolder),
                    "no baseline years before \(targetYear): give folders such as baseline/\(targetYear - 1)/ with population.csv and claims/"
                )
            ])
        }
        return (present, Array(repeating: .one, count: present.count))
    }

    /// Measures `years` of `folder` under `contract` and computes the baseline for `targetYear`.
    static func compute(
        contract: Contract,
        targetYear: Int,
        years: [Int],
        weights: [ExactDecimal],
        folder: String,
        threads: Int
    ) async throws(RunError) -> Baseline {
        var measured: [BaselineYear] = []
        for year in years {
            let paths = try yearPaths(folder: folder, year: year, firstYear: contract.firstYear)
            let run = SettlementRun(paths: paths, threads: threads)
            measured.append(try await run.measureBaseline(of: contract, year: year))
        }
        do {
            return try BaselineCalculator(contract: contract, targetYear: targetYear, weights: weights, years: measured)
                .compute()
        } catch {
            throw .refused(error)
        }
    }

    /// The roster and claims of `year`: `FOLDER/baseline/YEAR/`, or for a performance year `FOLDER/YEAR/`
    /// (for the first, `FOLDER` itself when it holds a roster).
    static func yearPaths(folder: String, year: Int, firstYear: Int) throws(RunError) -> SettlementPaths {
        let found = SettlementPaths.yearFolder(in: folder, year: year, firstYear: firstYear, baseline: true)
        let candidates = [
            SettlementPaths.join(SettlementPaths.join(folder, "baseline"), String(year)),
            SettlementPaths.join(folder, String(year)),
        ]
        guard let found else {
            throw .invalidInput([
                Diagnostic(
                    .error,
                    at: SourceLocation(path: candidates[0]),
                    "the data of \(year) is missing: give \(candidates[0])/ (or \(candidates[1])/) with population.csv and claims/"
                )
            ])
        }
        return try SettlementPaths.resolve(
            folder: found,
            contract: SettlementPaths.join(folder, "contract.xml"),
            population: nil,
            claims: [],
            indicators: [],
            output: nil
        )
    }
}
