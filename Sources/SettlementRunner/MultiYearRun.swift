public import CapitationCore
public import SettlementReports

/// Settles the performance years of a contract that covers several, each from its own folder, and writes
/// a summary of the years side by side.
///
/// Year Y's roster, claims and indicators are in `FOLDER/Y/` (the first year's may also be in `FOLDER`
/// itself); the contract is `FOLDER/contract.xml`. Each year's outputs go to `OUT/Y/`, the summary to
/// `OUT/summary.md` and `OUT/summary.json` (OUT is `FOLDER/settlement` by default). Under a rebased
/// benchmark each year's per-capita amounts come from the years just before it (see ``BaselineRun``).
public struct MultiYearRun: Sendable {
    public var folder: String
    /// The year to settle; `nil` for every year whose folder exists.
    public var year: Int?
    public var output: String?
    public var threads: Int
    /// How each year's `report.md` and `report.html` write amounts, numbers and dates.
    public var reportLocale = ReportLocale.standard
    /// Whether each year's `report.html` is written too.
    public var writesHTML = false
    /// Why the user settles on claims that look incomplete; see ``SettlementRun/acceptIncomplete``.
    public var acceptIncomplete: String?
    /// Which settlement of a contract with a run-out this is; see ``SettlementRun/stage``.
    public var stage: SettlementStage?
    /// The issued provisional settlement a final settlement of one year (``year``) trues up against; see
    /// ``SettlementRun/provisionalSettlement``.
    public var provisionalSettlement: String?
    /// `FOLDER/contract.xml`, already loaded; `nil` to load it.
    public var loadedContract: ContractFile?

    public init(folder: String, year: Int? = nil, output: String? = nil, threads: Int) {
        self.folder = folder
        self.year = year
        self.output = output
        self.threads = max(1, threads)
    }

    /// What was settled.
    public struct Outcome: Sendable {
        public var years: [SettlementRun.Outcome]
        /// The summary files, when every year was settled.
        public var summary: [String]
    }

    /// Settles the year or the years.
    ///
    /// - Returns: Each year's outcome and the summary files written.
    /// - Throws: ``RunError`` as ``SettlementRun/run()`` does, and ``RunError/Code/invalidInput`` when a
    ///   year's folder is missing.
    public func run() async throws(RunError) -> Outcome {
        let contractPath = SettlementPaths.join(folder, "contract.xml")
        // The contract is read once, for every year.
        let file = try contractFile()
        var loaded = self
        loaded.loadedContract = file
        let contract = file.contract
        let out = output ?? SettlementPaths.join(folder, "settlement")
        if provisionalSettlement != nil, year == nil {
            throw .refused(
                "--provisional is one year's provisional settlement: give the year it is of with --year"
            )
        }
        let years: [Int]
        if let year {
            guard contract.performanceYears.contains(year) else {
                throw .invalidInput([
                    Diagnostic(
                        .error,
                        at: SourceLocation(path: contractPath),
                        "\(year) is not a performance year of contract '\(contract.id)': it covers "
                            + "\(contract.performanceYears.lowerBound) to \(contract.performanceYears.upperBound)"
                    )
                ])
            }
            years = [year]
        } else {
            years = contract.performanceYears.filter { dataFolder(for: $0, contract: contract) != nil }
            guard !years.isEmpty else {
                throw .invalidInput([
                    Diagnostic(
                        .error,
                        at: SourceLocation(path: folder),
                        "no performance year has data: give folders such as \(SettlementPaths.join(folder, String(contract.firstYear)))/"
                    )
                ])
            }
        }
        // The folder of the years' folders and the summary, made and checked before any claim is read.
        let writer = try OutputWriter(folder: out, names: ["summary.md", "summary.json"])
        return try await writer.finishingAsync { () async throws(RunError) in
            try await loaded.settle(years, contract: contract, out: out, writer: writer)
        }
    }

    private func settle(
        _ years: [Int],
        contract: Contract,
        out: String,
        writer: OutputWriter
    ) async throws(RunError) -> Outcome {
        var outcomes: [SettlementRun.Outcome] = []
        for year in years {
            let run = try await settlementRun(
                for: year,
                contract: contract,
                output: SettlementPaths.join(out, String(year))
            )
            outcomes.append(try await run.run())
        }
        var summary: [String] = []
        if self.year == nil {
            let years: MultiYearSummary
            do { years = try MultiYearSummary(outcomes.map(\.document)) } catch {
                throw .refused("the running totals of the years overflow: \(error)")
            }
            try writer.write("summary.md", years.markdown(title: contract.title, locale: reportLocale))
            try writer.write("summary.json", years.json().serialized())
            summary = ["summary.md", "summary.json"].map { SettlementPaths.join(out, $0) }
        }
        return Outcome(years: outcomes, summary: summary)
    }

    /// The settlement of `year`: its folder, and under a rebased benchmark the baseline of the years
    /// before it.
    ///
    /// - Parameters:
    ///   - year: The performance year; `nil` for the contract's first.
    ///   - output: Where the run writes (by default `FOLDER/settlement/YEAR`).
    /// - Returns: A run that settles the year.
    /// - Throws: ``RunError/Code/invalidInput`` when the year's folder or a baseline year is missing.
    package func settlementRun(for year: Int?, output: String? = nil) async throws(RunError) -> SettlementRun {
        let file = try contractFile()
        var loaded = self
        loaded.loadedContract = file
        let contract = file.contract
        let year = year ?? contract.firstYear
        let out = output ?? SettlementPaths.join(SettlementPaths.join(folder, "settlement"), String(year))
        return try await loaded.settlementRun(for: year, contract: contract, output: out)
    }

    private func settlementRun(
        for year: Int,
        contract: Contract,
        output: String
    ) async throws(RunError) -> SettlementRun {
        guard let data = dataFolder(for: year, contract: contract) else {
            throw .invalidInput([
                Diagnostic(
                    .error,
                    at: SourceLocation(path: SettlementPaths.join(folder, String(year))),
                    "the folder of \(year) is missing: give population.csv, claims/ and indicators there"
                )
            ])
        }
        let paths = try SettlementPaths.resolve(
            folder: data,
            contract: SettlementPaths.join(folder, "contract.xml"),
            population: nil,
            claims: [],
            indicators: [],
            output: output
        )
        var baseline: Baseline?
        if contract.term.benchmark == .rebased {
            let weights = contract.term.baselineWeights
            baseline = try await BaselineRun.compute(
                contract: contract,
                targetYear: year,
                years: Array((year - weights.count)..<year),
                weights: weights,
                folder: folder,
                threads: threads
            )
        }
        var run = SettlementRun(paths: paths, threads: threads, year: year, rebasedOn: baseline)
        run.reportLocale = reportLocale
        run.writesHTML = writesHTML
        run.acceptIncomplete = acceptIncomplete
        run.stage = stage
        run.baselineFolder = folder
        run.provisionalSettlement = provisionalSettlement
        run.loadedContract = try contractFile()
        return run
    }

    /// `FOLDER/contract.xml`: ``loadedContract``, or loaded now.
    private func contractFile() throws(RunError) -> ContractFile {
        if let loadedContract, loadedContract.file.path == SettlementPaths.join(folder, "contract.xml") {
            return loadedContract
        }
        return try ContractFile(path: SettlementPaths.join(folder, "contract.xml"))
    }

    /// `FOLDER/YEAR/`, or `FOLDER` itself for the first year when it holds a roster.
    private func dataFolder(for year: Int, contract: Contract) -> String? {
        SettlementPaths.yearFolder(in: folder, year: year, firstYear: contract.firstYear, baseline: false)
    }
}
