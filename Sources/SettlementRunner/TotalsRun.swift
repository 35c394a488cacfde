public import CapitationCore
import ClaimFormats
import ContractXML
import SettlementReports

/// Settles cases of pre-aggregated results under a contract's rules (`capitation settle --totals`).
public struct TotalsRun: Sendable {
    public var contractPath: String
    public var totalsPath: String
    /// The performance year, for a contract of several years.
    public var year: Int?

    public init(contractPath: String, totalsPath: String, year: Int? = nil) {
        self.contractPath = contractPath
        self.totalsPath = totalsPath
        self.year = year
    }

    /// What the run produced.
    public struct Outcome: Sendable {
        public var results: [TotalsSettlement]
        /// The contract as it applied.
        public var contract: Contract
        public var inputs: [InputFile]
        public var contractWarnings: [Diagnostic]
    }

    /// Reads the contract and the cases and settles every case.
    ///
    /// - Returns: One result per case, in the order of the file.
    /// - Throws: ``RunError/Code/invalidInput`` for an invalid contract or file, and for cases that cannot
    ///   be settled under the contract, each named by its line; a refusal (``RunError/isRefusal``) when the contract
    ///   cannot apply to the year.
    public func run() throws(RunError) -> Outcome {
        let (loaded, contractFile) = try SettlementRun.loadContract(at: contractPath)
        let contract = try SettlementRun.prepare(loaded.contract, year: year, rebasedOn: nil)
        let (bytes, hash) = try InputFileReader.readAll(totalsPath)
        let cases: [TotalsCase]
        do { cases = try TotalsReader.read(bytes, path: totalsPath) } catch { throw RunError(error) }
        var results: [TotalsSettlement] = []
        var problems: [Diagnostic] = []
        for totalsCase in cases {
            do {
                results.append(try SettlementCalculator.settle(totalsCase, under: contract))
            } catch {
                problems.append(
                    Diagnostic(
                        .error,
                        at: SourceLocation(path: totalsPath, line: totalsCase.line),
                        "case \(totalsCase.id): \(error.message)"
                    )
                )
            }
        }
        guard problems.isEmpty else { throw .invalidInput(problems) }
        let totalsFile = InputFile(
            role: "totals",
            path: totalsPath,
            sha256: hash,
            lines: SettlementRun.lineCount(bytes),
            format: "capitation-totals-csv"
        )
        return Outcome(
            results: results,
            contract: contract,
            inputs: [contractFile, totalsFile],
            contractWarnings: loaded.warnings
        )
    }

    /// Writes `totals-settlement.csv` and `totals-settlement.json` to `folder`.
    ///
    /// - Returns: The paths written.
    /// - Throws: ``RunError/Code/outputFailed`` when they cannot be written.
    public static func write(_ outcome: Outcome, to folder: String) throws(RunError) -> [String] {
        let names = ["totals-settlement.csv", "totals-settlement.json"]
        let writer = try OutputWriter(folder: folder, names: names)
        try writer.finishing { () throws(RunError) in
            try writer.write(names[0], TotalsSettlementReport.csv(outcome.results, contract: outcome.contract))
            try writer.write(
                names[1],
                TotalsSettlementReport.json(outcome.results, contract: outcome.contract, inputs: outcome.inputs)
                    .serialized()
            )
        }
        return names.map { SettlementPaths.join(folder, $0) }
    }
}
