public import CapitationCore
public import SettlementReports

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A settlement as a user asks for it: a settlement folder, or its parts given apart, with the options of
/// `capitation settle`.
///
/// The job decides what to settle: a folder whose contract covers several years (or with a ``year``) is
/// settled year by year (``MultiYearRun``), anything else once (``SettlementRun``). It owns the defaults
/// and reads the contract once for the whole job.
///
/// ```swift
/// var job = SettlementJob(folder: "Examples/small-fieldlab")
/// job.reportLocale = .dutch
/// let outcome = try await job.run()
/// print(outcome.years[0].settlement.sharing.payout)
/// ```
public struct SettlementJob: Sendable {
    /// The settlement folder; `nil` when every part is given apart.
    public var folder: String?
    /// The contract, instead of `FOLDER/contract.xml`.
    public var contract: String?
    /// The roster, instead of `FOLDER/population.csv`.
    public var population: String?
    /// Claim files or folders of them, instead of `FOLDER/claims/`.
    public var claims: [String]
    /// Indicator files or folders of them, instead of `FOLDER/indicators.csv` and `FOLDER/indicators/`.
    public var indicators: [String]
    /// The performance year to settle; `nil` for every year of a contract of several, or its only year.
    public var year: Int?
    /// Where the outputs go; `nil` for `FOLDER/settlement`.
    public var output: String?
    /// How many threads read and reconcile claims: by default, one per processor.
    public var threads = Self.defaultThreads
    /// How the reports write amounts, numbers and dates.
    public var reportLocale = ReportLocale.standard
    /// Whether `report.html` is written too.
    public var writesHTML = false
    /// Why to settle on claims that look incomplete; `nil` to refuse them (``SettlementRun/acceptIncomplete``).
    public var acceptIncomplete: String?
    /// Which settlement of a contract with a run-out this is (``SettlementRun/stage``).
    public var stage: SettlementStage?
    /// The issued provisional settlement a final one trues up against (``SettlementRun/provisionalSettlement``).
    public var provisionalSettlement: String?
    /// Told how far reading the claims has come, for a settlement of one year; `nil` for no one.
    public var progress: ProgressHandler?

    /// The number of threads a job uses unless told otherwise: one per processor online.
    public static var defaultThreads: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    public init(
        folder: String?,
        contract: String? = nil,
        population: String? = nil,
        claims: [String] = [],
        indicators: [String] = []
    ) {
        self.folder = folder
        self.contract = contract
        self.population = population
        self.claims = claims
        self.indicators = indicators
    }

    /// What a job settled: each year's outcome, and the summary files when it settled every year of a
    /// contract of several.
    public typealias Outcome = MultiYearRun.Outcome

    /// Whether a part of the settlement folder is given apart.
    package var overridesParts: Bool {
        contract != nil || population != nil || !claims.isEmpty || !indicators.isEmpty
    }

    /// Settles and writes the outputs: the year or years of a folder of several, or the one settlement.
    ///
    /// - Throws: ``RunError``, its code saying what went wrong.
    public func run() async throws(RunError) -> Outcome {
        let (contractFile, paths) = try resolve(output: output)
        if let contractFile, let multiYear = multiYearRun(contractFile) {
            return try await multiYear.run()
        }
        var run = try singleRun(contractFile, paths: paths, output: output)
        run.progress = progress
        return Outcome(years: [try await run.run()], summary: [])
    }

    /// The settlement of ``year`` that a command reading the inputs without writing works on: that year's
    /// of a folder of several years, rebased as the contract says; otherwise the parts as given.
    package func settlementRun() async throws(RunError) -> SettlementRun {
        let (contractFile, paths) = try resolve(output: nil)
        if let contractFile, let multiYear = multiYearRun(contractFile) {
            return try await multiYear.settlementRun(for: year)
        }
        return try singleRun(contractFile, paths: paths, output: nil)
    }

    /// A folder's contract, loaded once, or the parts' paths.
    ///
    /// A folder's contract says first whether the folder is settled year by year. Parts given apart are
    /// resolved instead, and the one run reads its contract once, after it has checked its outputs' folder.
    private func resolve(output: String?) throws(RunError) -> (ContractFile?, SettlementPaths?) {
        if let folder, !overridesParts {
            return (try ContractFile(path: SettlementPaths.join(folder, "contract.xml")), nil)
        }
        return (nil, try paths(output: output))
    }

    /// The paths of the parts, with the outputs going to `output`.
    package func paths(output: String?) throws(RunError) -> SettlementPaths {
        try SettlementPaths.resolve(
            folder: folder,
            contract: contract,
            population: population,
            claims: claims,
            indicators: indicators,
            output: output
        )
    }

    /// The run of a folder settled year by year, when this job is one: a folder whose parts are not given
    /// apart, with a year or a contract of several years.
    private func multiYearRun(_ contractFile: ContractFile) -> MultiYearRun? {
        guard let folder, !overridesParts, year != nil || contractFile.contract.term.years > 1 else { return nil }
        var run = MultiYearRun(folder: folder, year: year, output: output, threads: threads)
        run.reportLocale = reportLocale
        run.writesHTML = writesHTML
        run.acceptIncomplete = acceptIncomplete
        run.stage = stage
        run.provisionalSettlement = provisionalSettlement
        run.loadedContract = contractFile
        return run
    }

    private func singleRun(
        _ contractFile: ContractFile?,
        paths: SettlementPaths?,
        output: String?
    ) throws(RunError) -> SettlementRun {
        let resolved: SettlementPaths
        if let paths { resolved = paths } else { resolved = try self.paths(output: output) }
        var run = SettlementRun(paths: resolved, threads: threads, year: year)
        run.reportLocale = reportLocale
        run.writesHTML = writesHTML
        run.acceptIncomplete = acceptIncomplete
        run.stage = stage
        run.baselineFolder = folder
        run.provisionalSettlement = provisionalSettlement
        run.loadedContract = contractFile
        return run
    }
}
