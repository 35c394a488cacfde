public import CapitationCore
import ClaimFormats
import ContractXML
public import SettlementReports

/// One settlement from files to outputs: load and check the inputs, reconcile the claims in parallel,
/// settle, and write `settlement.json`, `report.md` and `rejected-claims.csv`.
public struct SettlementRun: Sendable {
    public var paths: SettlementPaths
    /// How many threads read and reconcile claims.
    public var threads: Int
    /// The bytes of claim files per partition of members: about the most each thread holds in memory (about
    /// twice as much while WMO323 messages are read side by side).
    ///
    /// Claims beyond it are spilled to a temporary folder; the result does not depend on it.
    public var partitionBytes: Int

    /// The performance year to settle, for a contract of several years; `nil` for its first year.
    public var year: Int?
    /// The baseline the benchmark is rebased on, for a contract with a rebased benchmark.
    public var rebasedOn: Baseline?
    /// Told how far reading the claims has come; `nil` for no one.
    public var progress: ProgressHandler?
    /// How `report.md` and `report.html` write amounts, numbers and dates.
    public var reportLocale = ReportLocale.standard
    /// Whether `report.html` is written too, next to `report.md`.
    public var writesHTML = false
    /// Why the user settles on claims that look incomplete; `nil` to refuse such claims.
    ///
    /// When the claims raise findings (see `ClaimCompleteness`), the reason and the findings are
    /// recorded in the settlement.
    public var acceptIncomplete: String?
    /// Which settlement of a contract with a run-out this is; `nil` for a contract without one.
    public var stage: SettlementStage?
    /// The settlement folder whose baseline years (`baseline/YEAR/`, or `YEAR/`) give the lags from which
    /// a provisional settlement estimates the claims not yet received; `nil` when there is none.
    public var baselineFolder: String?
    /// The issued provisional settlement (its `settlement.json`) that a final settlement trues up against;
    /// `nil` to make the provisional settlement again from the same inputs.
    public var provisionalSettlement: String?
    /// The contract at ``SettlementPaths/contract``, already loaded; `nil` to load it.
    public var loadedContract: ContractFile?

    /// The default ``partitionBytes``: 8 MiB.
    public static let defaultPartitionBytes = 8 << 20

    public init(
        paths: SettlementPaths,
        threads: Int,
        partitionBytes: Int = Self.defaultPartitionBytes,
        year: Int? = nil,
        rebasedOn: Baseline? = nil
    ) {
        self.paths = paths
        self.threads = max(1, threads)
        self.partitionBytes = max(1 << 12, partitionBytes)
        self.year = year
        self.rebasedOn = rebasedOn
    }

    /// What a run produced.
    public struct Outcome: Sendable {
        public var settlement: Settlement
        /// The settlement as its `settlement.json` records it, read back from the bytes written: what the
        /// reports and the summaries render.
        public var document: SettlementDocument
        /// The contract's warnings.
        public var contractWarnings: [Diagnostic]
        /// The files written.
        public var outputs: [String]
    }

    /// Runs the settlement and writes its outputs.
    ///
    /// - Returns: The settlement, the contract's warnings and the files written.
    /// - Throws: ``RunError/Code/invalidInput`` for missing, unreadable or invalid inputs;
    ///   a refusal (``RunError/isRefusal``) when the settlement cannot be made; ``RunError/Code/outputFailed`` when the
    ///   outputs cannot be written. Nothing is written unless the settlement is complete.
    public func run() async throws(RunError) -> Outcome {
        // The output folder is made and checked before any input is read: a settlement is never computed
        // for a folder that cannot take it. A failed run removes the folders it made, when still empty.
        let writer = try OutputWriter(
            folder: paths.output,
            names: ["settlement.json", "report.md", "report.html", "rejected-claims.csv"]
        )
        return try await writer.finishingAsync { () async throws(RunError) in
            try await compute(chance: .settlement, preparingRejectedWith: writer) {
                computed,
                rejected,
                prepared throws(RunError) in
                try write(computed, rejected: rejected, prepared: prepared, with: writer)
            }
        }
    }

    /// A settlement computed but not written.
    package struct Computed: Sendable {
        package var settlement: Settlement
        /// The contract's warnings.
        package var contractWarnings: [Diagnostic]
    }

    /// Loads the inputs, reconciles the claims and settles, without writing anything.
    ///
    /// - Parameter chance: What the settlement computes about chance; `nil` for nothing.
    /// - Returns: The settlement and the contract's warnings.
    /// - Throws: ``RunError/Code/invalidInput`` for missing, unreadable or invalid inputs;
    ///   a refusal (``RunError/isRefusal``) when the settlement cannot be made.
    package func settle(chance: ChanceSettings?) async throws(RunError) -> Computed {
        try await compute(chance: chance) { computed, _, _ in computed }
    }

    /// Settles and hands the result and the rejected lines to `body` while the spill folder they may be
    /// kept in still exists.
    ///
    /// With `writer` and more than one thread, `rejected-claims.csv` is merged into a file prepared by
    /// `writer` while the settlement is calculated (it needs only the reconciliation), and handed to
    /// `body` to be put in place; a settlement that fails removes it again.
    private func compute<Result>(
        chance: ChanceSettings?,
        preparingRejectedWith writer: OutputWriter? = nil,
        _ body: (Computed, RejectedRuns, OutputWriter.PreparedFile?) throws(RunError) -> Result
    ) async throws(RunError) -> Result {
        let (loaded, contractFile) = try loadContract()
        let contract = try prepare(loaded.contract)
        let completion =
            contract.reconciliation.stage == .provisional
            ? try await completion(of: loaded.contract, year: contract.period.start.year) : nil
        let partitioning = try partitioningRosterFirst()
        defer { partitioning.spill?.remove() }
        let reconciled = try await reconcile(
            contract,
            contractFile: contractFile,
            population: populationSource(contract),
            partitioning: partitioning
        )
        let acceptance = try completeness(of: reconciled.claims, under: contract)
        let rejected = reconciled.claims.rejected
        func calculated() throws(RunError) -> Settlement {
            try calculate(
                contract,
                contractFile: contractFile,
                reconciled: reconciled,
                acceptance: acceptance,
                chance: chance,
                incentives: nil,
                completion: completion
            )
        }
        var settlement: Settlement
        var prepared: OutputWriter.PreparedFile?
        if let writer, threads > 1 {
            async let merged = Self.prepareRejected(rejected, with: writer)
            let calculated = Swift.Result { () throws(RunError) in try calculated() }
            // The settlement's failure first, as when the rows were merged after it.
            switch (calculated, await merged) {
            case (.failure(let failure), .success(let file)):
                writer.discard(file)
                throw failure
            case (.failure(let failure), .failure):
                throw failure
            case (.success, .failure(let failure)):
                // As when the rows are merged after it: an earlier settlement.json is removed first.
                try writer.remove("settlement.json")
                throw failure
            case (.success(let calculated), .success(let file)):
                (settlement, prepared) = (calculated, file)
            }
        } else {
            settlement = try calculated()
        }
        if contract.reconciliation.stage == .final {
            let trueUp = try await trueUp(against: settlement, contract: contract)
            settlement.runOut?.trueUp = trueUp.trueUp
            if let file = trueUp.file { settlement.inputs.append(file) }
        }
        // The contract's warnings stand with the settlement's own, first, so that they reach its reports.
        settlement.warnings.insert(contentsOf: loaded.settlementWarnings, at: 0)
        return try body(Computed(settlement: settlement, contractWarnings: loaded.warnings), rejected, prepared)
    }

    /// Settles the inputs under each contract that `variants` derives from the loaded contract.
    ///
    /// The loaded contract is taken as it applies to the year; nothing is written. Claims are read once for all variants whose population and
    /// reconciliation rules are those of the contract, and again for each variant whose are not.
    ///
    /// - Parameters:
    ///   - incentives: The amount of care avoided to measure each party's incentive; `nil` for none.
    ///   - variants: The contracts to settle, each with the file it came from (`nil`: the loaded contract's).
    /// - Returns: The loaded contract's warnings and one settlement per variant, in order.
    /// - Throws: ``RunError/Code/invalidInput`` for missing, unreadable or invalid inputs;
    ///   a refusal (``RunError/isRefusal``) when a variant cannot be settled, naming it.
    package func settleVariants(
        incentives: Cents?,
        _ variants: (Contract) throws(RunError) -> [(name: String, contract: Contract, file: InputFile?)]
    ) async throws(RunError) -> (contractWarnings: [Diagnostic], settlements: [Settlement]) {
        let (loaded, contractFile) = try loadContract()
        let base = try prepare(loaded.contract)
        let roster = try loadRoster()
        let partitioning = try partitioning()
        defer { partitioning.spill?.remove() }
        var reconciledSets: [Reconciled] = []
        var settlements: [Settlement] = []
        // The baseline lags of a provisional variant, by the months of its final run-out, which they depend on.
        var completions: [Int: ClaimCompletion] = [:]
        for variant in try variants(base) {
            var completion: ClaimCompletion?
            if variant.contract.reconciliation.stage == .provisional,
                let runOut = variant.contract.reconciliation.runOut
            {
                if let known = completions[runOut.finalMonths] {
                    completion = known
                } else {
                    var measured = loaded.contract
                    measured.reconciliation.runOut = runOut
                    let lags = try await self.completion(of: measured, year: variant.contract.period.start.year)
                    completions[runOut.finalMonths] = lags
                    completion = lags
                }
            }
            let reconciled: Reconciled
            if let match = reconciledSets.first(where: { $0.serves(variant.contract) }) {
                reconciled = match
            } else {
                let contract = variant.contract
                reconciled = try await reconcile(
                    contract,
                    contractFile: variant.file ?? contractFile,
                    population: { (PopulationEvaluation(roster: roster.0, contract: contract), roster.1) },
                    partitioning: partitioning
                )
                reconciledSets.append(reconciled)
            }
            do {
                settlements.append(
                    try settle(
                        variant.contract,
                        contractFile: variant.file ?? contractFile,
                        reconciled: reconciled,
                        chance: nil,
                        incentives: incentives,
                        completion: completion
                    )
                )
            } catch {
                guard error.isRefusal else { throw error }
                throw error.within(variant.name)
            }
        }
        return (loaded.warnings, settlements)
    }
}
