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
    /// When the claims raise findings (see ``ClaimCompleteness``), the reason and the findings are
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
    /// - Throws: ``RunError/invalidInput(_:)`` for missing, unreadable or invalid inputs;
    ///   ``RunError/refused(_:)`` when the settlement cannot be made; ``RunError/outputFailed(_:)`` when the
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

    /// Writes the outputs; `rejected-claims.csv` is put in place from `prepared` when it was written
    /// while the settlement was calculated.
    private func write(
        _ computed: Computed,
        rejected: RejectedRuns,
        prepared: OutputWriter.PreparedFile?,
        with writer: OutputWriter
    ) throws(RunError) -> Outcome {
        let settlement = computed.settlement
        // settlement.json last, and an earlier run's removed first: when it exists, the other outputs
        // are of the same run.
        do {
            try writer.remove("settlement.json")
        } catch {
            if let prepared { writer.discard(prepared) }
            throw error
        }
        if let prepared {
            try writer.commit(prepared)
        } else {
            try writer.write("rejected-claims.csv") { descriptor throws(RunError) in
                try rejected.write(to: descriptor)
            }
        }
        let bytes = Array(SettlementJSON.render(settlement).serialized().utf8)
        // The reports render from the document read back from the very bytes written, as `capitation report`
        // renders them later: a figure the JSON does not carry cannot reach a report.
        let document: SettlementDocument
        do {
            document = try SettlementDocument(json: bytes)
        } catch {
            throw .refused("the settlement's own JSON cannot be read back for its report: \(error)")
        }
        try writer.write("report.md", SettlementMarkdown.render(document, locale: reportLocale))
        var names = ["settlement.json", "report.md", "rejected-claims.csv"]
        if writesHTML {
            try writer.write("report.html", SettlementHTML.render(document, locale: reportLocale))
            names.insert("report.html", at: 2)
        }
        try writer.write("settlement.json", String(decoding: bytes, as: UTF8.self))
        let outputs = names.map { SettlementPaths.join(paths.output, $0) }
        return Outcome(
            settlement: settlement,
            document: document,
            contractWarnings: computed.contractWarnings,
            outputs: outputs
        )
    }

    /// A settlement computed but not written.
    public struct Computed: Sendable {
        public var settlement: Settlement
        /// The contract's warnings.
        public var contractWarnings: [Diagnostic]
    }

    /// Loads the inputs, reconciles the claims and settles, without writing anything.
    ///
    /// - Parameter chance: What the settlement computes about chance; `nil` for nothing.
    /// - Returns: The settlement and the contract's warnings.
    /// - Throws: ``RunError/invalidInput(_:)`` for missing, unreadable or invalid inputs;
    ///   ``RunError/refused(_:)`` when the settlement cannot be made.
    public func settle(chance: ChanceSettings?) async throws(RunError) -> Computed {
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

    /// `rejected-claims.csv` merged from `rejected` into a file prepared by `writer`.
    private static func prepareRejected(
        _ rejected: RejectedRuns,
        with writer: OutputWriter
    ) -> Result<OutputWriter.PreparedFile, RunError> {
        Result { () throws(RunError) in
            try writer.prepare("rejected-claims.csv") { descriptor throws(RunError) in
                try rejected.write(to: descriptor)
            }
        }
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
    /// - Throws: ``RunError/invalidInput(_:)`` for missing, unreadable or invalid inputs;
    ///   ``RunError/refused(_:)`` when a variant cannot be settled, naming it.
    public func settleVariants(
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

    /// The claims and indicators of the population of a contract, read and reconciled.
    private struct Reconciled {
        var population: PopulationEvaluation
        var reconciler: ClaimReconciler
        var criteria: PopulationCriteria
        var period: DatePeriod
        var indicatorIDs: [IndicatorID]
        var inputs: [InputFile]
        var claims: ClaimPipeline.Output
        var observations: IndicatorObservations

        /// Whether `contract` selects the same population, classifies claims alike and reads the same indicators.
        func serves(_ contract: Contract) -> Bool {
            contract.population == criteria && contract.period == period
                && ClaimReconciler(contract: contract) == reconciler
                && (contract.quality?.indicators.map(\.id) ?? []) == indicatorIDs
        }
    }

    /// Evaluates the population of `contract`, reads and reconciles the claims, and reads the indicators.
    private func reconcile(
        _ contract: Contract,
        contractFile: InputFile,
        population: @escaping ClaimPipeline.PopulationSource,
        partitioning: Partitioning
    ) async throws(RunError) -> Reconciled {
        let claims = try await reconcile(
            contract: contract,
            population: population,
            inputsBefore: [contractFile.path, paths.population],
            partitioning: partitioning
        )
        let population = claims.population
        let (observations, indicatorFiles) = try loadIndicators(contract: contract, population: population)
        return Reconciled(
            population: population,
            reconciler: ClaimReconciler(contract: contract),
            criteria: contract.population,
            period: contract.period,
            indicatorIDs: contract.quality?.indicators.map(\.id) ?? [],
            inputs: [claims.roster] + claims.inputs + indicatorFiles,
            claims: claims,
            observations: observations
        )
    }

    /// Settles `contract` on reconciled inputs.
    private func settle(
        _ contract: Contract,
        contractFile: InputFile,
        reconciled: Reconciled,
        chance: ChanceSettings?,
        incentives: Cents?,
        completion: ClaimCompletion?
    ) throws(RunError) -> Settlement {
        try calculate(
            contract,
            contractFile: contractFile,
            reconciled: reconciled,
            acceptance: try completeness(of: reconciled.claims, under: contract),
            chance: chance,
            incentives: incentives,
            completion: completion
        )
    }

    /// Settles `contract` on reconciled inputs whose completeness is checked: `acceptance` is what was
    /// accepted, if anything.
    private func calculate(
        _ contract: Contract,
        contractFile: InputFile,
        reconciled: Reconciled,
        acceptance: InputAcceptance?,
        chance: ChanceSettings?,
        incentives: Cents?,
        completion: ClaimCompletion? = nil
    ) throws(RunError) -> Settlement {
        var settlement: Settlement
        do {
            var calculator = SettlementCalculator(
                contract: contract,
                population: reconciled.population,
                ledger: reconciled.claims.ledger,
                indicators: reconciled.observations,
                inputs: [contractFile] + reconciled.inputs,
                chance: chance,
                incentives: incentives
            )
            calculator.resampler = .threaded(threads)
            calculator.completion = completion
            settlement = try calculator.settle()
        } catch {
            throw .refused(error)
        }
        if let rebasedOn { settlement.steps.insert(contentsOf: rebasedOn.steps, at: 0) }
        settlement.acceptance = acceptance
        // Unreadable lines that refuse nothing are still said: they count in no regime.
        let unreadable = ClaimCompleteness.warnings(
            files: reconciled.claims.files,
            findings: acceptance?.findings ?? []
        )
        settlement.warnings.insert(contentsOf: unreadable, at: 0)
        return settlement
    }

    /// Checks that the claims look complete (see ``ClaimCompleteness``); those of a baseline `year` must
    /// be, whatever ``acceptIncomplete`` says.
    ///
    /// - Returns: The findings accepted with ``acceptIncomplete``'s reason; `nil` when there are none.
    /// - Throws: ``RunError/refused(_:)`` with every finding when there are findings and no reason to
    ///   accept them.
    func completeness(
        of claims: ClaimPipeline.Output,
        under contract: Contract,
        year: Int? = nil,
        evaluation: Bool = false
    ) throws(RunError) -> InputAcceptance? {
        let findings = ClaimCompleteness.findings(
            files: claims.files,
            acceptedLines: { claims.ledger.accepted[$0]?.lines ?? 0 },
            regimes: contract.regimes.map(\.regime),
            rules: contract.reconciliation,
            undated: { claims.ledger.receiptLags.undated[$0] ?? ClaimLedger.LineTotal() }
        )
        guard !findings.isEmpty else { return nil }
        let listed = findings.flatMap(\.lines).map { "  " + $0 }.joined(separator: "\n")
        if let year, evaluation {
            // An effect measured on incomplete claims would be the claims' absence, not the fieldlab's doing.
            throw RunError(
                .incompleteClaims,
                "the claims of \(year) in \(paths.population) look incomplete:\n\(listed)\nCorrect or complete "
                    + "the year's claim files: an evaluation is not measured on incomplete claims"
            )
        }
        if let year {
            // A baseline sets the budget of every year after it, so it is never measured on incomplete claims.
            throw RunError(
                .incompleteClaims,
                "the claims of baseline year \(year) look incomplete:\n\(listed)\nCorrect or complete the "
                    + "year's claim files: a baseline is not measured on incomplete claims"
            )
        }
        if let acceptIncomplete { return InputAcceptance(reason: acceptIncomplete, findings: findings) }
        throw RunError(
            .incompleteClaims,
            "the claims look incomplete:\n\(listed)\nCorrect or complete the claim files; to settle on them as "
                + "they are, give --accept-incomplete REASON, which records the reason and these findings in "
                + "settlement.json and on the report's first page"
        )
    }

    /// The contract as it applies to the year settled: shifted to ``year`` and, when rebased, with the
    /// baseline's per-capita amounts and mean risk scores.
    func prepare(_ contract: Contract) throws(RunError) -> Contract {
        try Self.staged(try Self.prepare(contract, year: year, rebasedOn: rebasedOn), stage)
    }

    /// `contract` as it settles at `stage` of its run-out; refused when a stage is given without a run-out
    /// or a run-out without a stage.
    static func staged(_ contract: Contract, _ stage: SettlementStage?) throws(RunError) -> Contract {
        switch (contract.reconciliation.runOut, stage) {
        case (nil, nil):
            return contract
        case (nil, let stage?):
            throw .refused(
                SettlementError(
                    .contractTerms,
                    "--stage \(stage.rawValue) applies to a contract that settles after a run-out "
                        + "(<reconciliation><runOut months=\"3\" finalMonths=\"12\"/></reconciliation>); contract "
                        + "'\(contract.id)' settles once, on every claim line"
                )
            )
        case (let runOut?, nil):
            throw .refused(
                SettlementError(
                    .stageRequired,
                    "contract '\(contract.id)' settles after a run-out: provisionally on the claims received "
                        + "\(runOut.months) months after the period, finally on those received \(runOut.finalMonths) months "
                        + "after it; give --stage provisional or --stage final"
                )
            )
        case (_, let stage?):
            return contract.staged(stage)
        }
    }

    /// `contract` shifted to `year` (its first year when `nil`) and, when rebased, with `rebasedOn`'s
    /// per-capita amounts and mean risk scores.
    static func prepare(_ contract: Contract, year: Int?, rebasedOn: Baseline?) throws(RunError) -> Contract {
        do throws(SettlementError) {
            var prepared = try contract.forYear(year ?? contract.firstYear)
            if let rebasedOn {
                prepared = try prepared.rebased(on: rebasedOn)
            } else if contract.term.benchmark == .rebased {
                throw SettlementError(
                    .baselineRequired,
                    "the benchmark of contract '\(contract.id)' is rebased, so settling needs the years before the performance year"
                )
            }
            return prepared
        } catch {
            throw .refused(error)
        }
    }

    /// The size of the claim files, the partitions they are read in (one per ``partitionBytes``) and the
    /// folder the partitions spill to when there is more than one.
    struct Partitioning {
        var claimBytes: Int
        var count: Int
        var spill: SpillFolder?
    }

    /// ``partitioning()``; when it fails, the roster's own failure, if it has one, is the one reported,
    /// as when the roster was read first (it is now read with the claims, after the partitioning).
    private func partitioningRosterFirst() throws(RunError) -> Partitioning {
        do {
            return try partitioning()
        } catch {
            _ = try loadRoster()
            throw error
        }
    }

    private func partitioning() throws(RunError) -> Partitioning {
        SpillFolder.removeLeftovers()
        let bytes = paths.claims.reduce(0) { $0 + DirectoryListing.size(of: $1) }
        let count = ClaimPipeline.partitionCount(forBytes: bytes, partitionBytes: partitionBytes)
        return Partitioning(claimBytes: bytes, count: count, spill: count > 1 ? try SpillFolder() : nil)
    }

    /// Reads and reconciles the claims of the population of `population` under `contract`; `inputsBefore`
    /// are the paths of the inputs listed before the claim files.
    private func reconcile(
        contract: Contract,
        population: @escaping ClaimPipeline.PopulationSource,
        inputsBefore: [String],
        partitioning: Partitioning
    ) async throws(RunError) -> ClaimPipeline.Output {
        let pipeline = ClaimPipeline(
            reconciler: ClaimReconciler(contract: contract),
            groupCount: contract.distribution?.recipients.filter(\.isAttributedGroup).count ?? 0,
            threads: threads,
            partitionBytes: partitionBytes,
            progress: progress.map { ClaimPipeline.Progress(totalBytes: partitioning.claimBytes, report: $0) }
        )
        return try await pipeline.run(
            files: paths.claims,
            firstFileIndex: inputsBefore.count,
            inputPaths: inputsBefore + paths.claims,
            spill: partitioning.spill,
            partitionCount: partitioning.count,
            population: population
        )
    }

    /// The population of `contract`, its roster read when called (by the pipeline, beside the claims).
    private func populationSource(_ contract: Contract) -> ClaimPipeline.PopulationSource {
        let path = paths.population
        return { () throws(RunError) in
            let (members, file) = try Self.loadRoster(at: path)
            return (PopulationEvaluation(roster: members, contract: contract), file)
        }
    }

    /// The baseline years' lag triangles, for a provisional settlement of `year` under `contract` (as
    /// loaded): every baseline year of ``baselineFolder`` before `year`, or those the contract's baseline
    /// weights name, each measured as its final settlement counts it, or as it stood at the provisional
    /// cut-off of `year` when that is earlier.
    private func completion(of contract: Contract, year: Int) async throws(RunError) -> ClaimCompletion {
        guard let folder = baselineFolder else {
            throw .refused(
                SettlementError(
                    .baselineRequired,
                    "a provisional settlement estimates the claims not yet received from how quickly the baseline "
                        + "years' claims came in: settle a folder with baseline years (FOLDER/baseline/YEAR/)"
                )
            )
        }
        let provisionalCutOff: CalendarDate?
        do { provisionalCutOff = try contract.shifted(toYear: year).staged(.provisional).reconciliation.cutOff } catch {
            throw .refused(error)
        }
        let (years, _) = try BaselineRun(folder: folder, targetYear: year, threads: threads)
            .plan(contract: contract, targetYear: year)
        var baselines: [ClaimCompletion.Baseline] = []
        for baselineYear in years {
            let paths = try BaselineRun.yearPaths(folder: folder, year: baselineYear, firstYear: contract.firstYear)
            let run = SettlementRun(paths: paths, threads: threads, partitionBytes: partitionBytes)
            baselines.append(
                try await run.measureReceiptLags(of: contract, year: baselineYear, notAfter: provisionalCutOff)
            )
        }
        return ClaimCompletion(baselines: baselines)
    }

    /// Measures how the claims of a baseline year came in: the roster and claims of ``paths`` under
    /// `contract` shifted to `year`, counted as the year's final settlement counts them, but none received
    /// after `notAfter`.
    func measureReceiptLags(
        of contract: Contract,
        year: Int,
        notAfter: CalendarDate?
    ) async throws(RunError) -> ClaimCompletion.Baseline {
        let (shifted, claims) = try await reconcileYear(of: contract, year: year, notAfter: notAfter, evaluation: false)
        let observedThrough =
            ReceiptLags.monthNumber(shifted.reconciliation.cutOff ?? shifted.period.end)
            - ReceiptLags.monthNumber(shifted.period.start)
        return ClaimCompletion.Baseline(year: year, lags: claims.ledger.receiptLags, observedThrough: observedThrough)
    }

    /// The roster and claims of ``paths`` reconciled under `contract` shifted to `year`, counted as the
    /// year's final settlement counts them but none received after `notAfter`; refused when they look
    /// incomplete.
    private func reconcileYear(
        of contract: Contract,
        year: Int,
        notAfter: CalendarDate? = nil,
        evaluation: Bool
    ) async throws(RunError) -> (contract: Contract, claims: ClaimPipeline.Output) {
        var shifted: Contract
        do { shifted = try contract.shifted(toYear: year).staged(.final) } catch { throw .refused(error) }
        if let notAfter, let cutOff = shifted.reconciliation.cutOff, notAfter < cutOff {
            shifted.reconciliation.cutOff = notAfter
        }
        let partitioning = try partitioningRosterFirst()
        defer { partitioning.spill?.remove() }
        let claims = try await reconcile(
            contract: shifted,
            population: populationSource(shifted),
            inputsBefore: [paths.population],
            partitioning: partitioning
        )
        _ = try completeness(of: claims, under: shifted, year: year, evaluation: evaluation)
        return (shifted, claims)
    }

    /// The true-up of `final`, a settlement of `contract`, against the issued provisional settlement
    /// (``provisionalSettlement``), listed then as an input, or else the provisional settlement of the same
    /// inputs, made again.
    private func trueUp(
        against final: Settlement,
        contract: Contract
    ) async throws(RunError) -> (trueUp: TrueUp, file: InputFile?) {
        guard let path = provisionalSettlement else {
            var provisional = self
            provisional.stage = .provisional
            provisional.progress = nil
            let settled = try await provisional.settle(chance: nil).settlement
            do {
                return (try TrueUp(provisional: settled, final: final), nil)
            } catch {
                throw .refused(error, in: "the true-up")
            }
        }
        let (bytes, hash) = try InputFileReader.readAll(path)
        let document: SettlementDocument
        do { document = try SettlementDocument(json: bytes) } catch {
            throw .invalidInput([
                Diagnostic(.error, at: SourceLocation(path: path), "cannot be read as a settlement.json: \(error)")
            ])
        }
        let cutOff = contract.reconciliation.runOut?.cutOff(of: contract.period, stage: .provisional)
        let expected =
            "contract '\(contract.id)' version \(contract.version), \(contract.period), provisional, cut-off "
            + (cutOff?.description ?? "none")
        let found =
            "contract '\(document.contract.id)' version \(document.contract.version), "
            + "\(document.contract.start)..\(document.contract.end), "
            + (document.runOut.map { "\($0.stage.rawValue), cut-off \($0.cutOff)" } ?? "settled once")
        guard document.contract.id == contract.id.rawValue, document.contract.version == contract.version,
            document.contract.start == contract.period.start, document.contract.end == contract.period.end,
            let runOut = document.runOut, runOut.stage == .provisional, runOut.cutOff == cutOff
        else {
            throw .refused(
                SettlementError(
                    .trueUp,
                    "\(path) is not the provisional settlement of this final one: it is of \(found); the final "
                        + "settlement trues up against the \(expected)"
                )
            )
        }
        do {
            let trueUp = try TrueUp(
                provisionalCutOff: runOut.cutOff,
                provisionalFile: TrueUp.File(path: path, sha256: hash),
                nets: document.parties.map { (PartyID($0.party), $0.net) },
                regimes: document.regimes.compactMap { regime in
                    Regime(rawValue: regime.regime).map { ($0, regime.claims, regime.notYetReceived) }
                },
                final: final
            )
            let file = InputFile(
                role: "provisional settlement",
                path: path,
                sha256: hash,
                lines: Self.lineCount(bytes),
                format: "capitation-settlement-json"
            )
            return (trueUp, file)
        } catch {
            throw .refused(error, in: "the true-up against \(path)")
        }
    }

    /// Measures a baseline year: the roster and claims of ``paths`` under `contract` shifted to `year`
    /// (its indicators are not read).
    ///
    /// - Returns: The year's population, mean risk scores and cost per regime.
    /// - Throws: ``RunError/invalidInput(_:)`` for missing, unreadable or invalid inputs;
    ///   ``RunError/refused(_:)`` when the year cannot be measured.
    public func measureBaseline(of contract: Contract, year: Int) async throws(RunError) -> BaselineYear {
        let calculator = try await yearCalculator(of: contract, year: year, evaluation: false).calculator
        do {
            return try calculator.measureBaseline()
        } catch {
            throw .refused(error, in: "baseline year \(year)")
        }
    }

    /// Measures each person of the folder's population in `year` under `contract` shifted to that year, for
    /// an evaluation (``SettlementCalculator/measureEvaluationYear()``).
    public func measureEvaluationYear(of contract: Contract, year: Int) async throws(RunError) -> MeasuredEvaluationYear
    {
        let (calculator, warnings) = try await yearCalculator(of: contract, year: year, evaluation: true)
        do {
            var measured = try calculator.measureEvaluationYear()
            measured.warnings = warnings
            return measured
        } catch {
            throw .refused(error, in: "\(paths.population), \(year)")
        }
    }

    /// The calculator of a year measured for a baseline or an evaluation, and the year's warnings.
    ///
    /// The roster and claims of ``paths`` reconciled under `contract` shifted to `year`, refused when they
    /// look incomplete; no indicators, no bootstrap. After a run-out, the year counts what its final
    /// settlement counts. The warnings are about unreadable lines that raised no finding.
    private func yearCalculator(
        of contract: Contract,
        year: Int,
        evaluation: Bool
    ) async throws(RunError) -> (calculator: SettlementCalculator, warnings: [SettlementWarning]) {
        let (shifted, claims) = try await reconcileYear(of: contract, year: year, evaluation: evaluation)
        let warnings = ClaimCompleteness.warnings(
            files: claims.files,
            findings: [],
            listedIn: .settleCommand
        )
        let calculator = SettlementCalculator(
            contract: shifted,
            population: claims.population,
            ledger: claims.ledger,
            indicators: IndicatorObservations(),
            inputs: [claims.roster] + claims.inputs,
            chance: nil
        )
        return (calculator, warnings)
    }

    private func loadContract() throws(RunError) -> (LoadedContract, InputFile) {
        try Self.loadContract(at: paths.contract)
    }

    /// The contract at `path`, and its description as an input.
    static func loadContract(at path: String) throws(RunError) -> (LoadedContract, InputFile) {
        let (bytes, hash) = try InputFileReader.readAll(path)
        do {
            let loaded = try ContractLoader().load(bytes: bytes, path: path)
            return (
                loaded,
                InputFile(
                    role: "contract",
                    path: path,
                    sha256: hash,
                    lines: Self.lineCount(bytes),
                    format: "capitation-contract-xml"
                )
            )
        } catch {
            throw .invalidInput(error.diagnostics)
        }
    }

    /// The roster; its bytes are released when this returns.
    private func loadRoster() throws(RunError) -> ([Member], InputFile) {
        try Self.loadRoster(at: paths.population)
    }

    private static func loadRoster(at path: String) throws(RunError) -> ([Member], InputFile) {
        let (bytes, hash) = try InputFileReader.readAll(path)
        do {
            let roster = try RosterReader.read(bytes, path: path)
            return (
                roster,
                InputFile(
                    role: "population",
                    path: path,
                    sha256: hash,
                    lines: Self.lineCount(bytes),
                    format: "capitation-csv"
                )
            )
        } catch {
            throw RunError(error)
        }
    }

    /// The observations of the contract's indicators, aggregated as they are read.
    ///
    /// - Throws: ``RunError/invalidInput(_:)`` for an observation of an indicator the contract does not
    ///   have (a misspelt id would otherwise change the quality score unseen), naming the nearest one.
    private func loadIndicators(
        contract: Contract,
        population: PopulationEvaluation
    ) throws(RunError) -> (IndicatorObservations, [InputFile]) {
        var observations = IndicatorObservations()
        var files: [InputFile] = []
        var problems: [Diagnostic] = []
        var declarations: [(path: String, row: IndicatorNoEvents)] = []
        let known = Dictionary(
            (contract.quality?.indicators ?? []).map { ($0.id, $0) },
            uniquingKeysWith: { first, _ in first }
        )
        for path in paths.indicators {
            // Per indicator the contract does not have: its first line in this file and its rows.
            var unknown: [IndicatorID: (line: Int, rows: Int)] = [:]
            func noteUnknown(_ indicator: IndicatorID, line: Int) {
                let seen = unknown[indicator]
                unknown[indicator] = (seen?.line ?? line, (seen?.rows ?? 0) + 1)
            }
            let (bytes, hash) = try InputFileReader.readAll(path)
            let file: IndicatorFile
            do { file = try IndicatorsReader.read(bytes, path: path) } catch {
                throw RunError(error)
            }
            switch file {
            case .events(let events, let noEvents):
                for declaration in noEvents {
                    guard let indicator = known[declaration.indicator] else {
                        noteUnknown(declaration.indicator, line: declaration.line)
                        continue
                    }
                    guard indicator.unit.isEventRate else {
                        problems.append(
                            Diagnostic(
                                .error,
                                at: SourceLocation(path: path, line: declaration.line),
                                "indicator '\(indicator.id)' is a measured value (\(indicator.unit.rawValue)), not a count of events, so it cannot be declared to have had no events"
                            )
                        )
                        continue
                    }
                    observations.declareNoEvents(declaration.indicator)
                    declarations.append((path, declaration))
                }
                for event in events {
                    guard known[event.indicator] != nil else {
                        noteUnknown(event.indicator, line: event.line)
                        continue
                    }
                    observations.addEvent(
                        event.indicator,
                        on: event.date,
                        window: population.window(of: event.member).window
                    )
                }
            case .measures(let measures):
                for measure in measures {
                    guard known[measure.indicator] != nil else {
                        noteUnknown(measure.indicator, line: measure.line)
                        continue
                    }
                    do {
                        try observations.addMeasure(
                            measure.indicator,
                            value: measure.value,
                            respondents: measure.respondents
                        )
                    } catch {
                        throw .invalidInput([
                            Diagnostic(
                                .error,
                                at: SourceLocation(path: path, line: measure.line),
                                "the value is too large: \(error)"
                            )
                        ])
                    }
                }
            }
            let ids = known.keys.map(\.rawValue).sorted()
            for (indicator, seen) in unknown.sorted(by: { $0.value.line < $1.value.line }) {
                let suggestion = EditDistance.nearest(to: indicator.rawValue, among: ids).map {
                    " (did you mean '\($0)'?)"
                }
                problems.append(
                    Diagnostic(
                        .error,
                        at: SourceLocation(path: path, line: seen.line),
                        "indicator '\(indicator)' is not in the contract\(suggestion ?? ""); "
                            + "\(seen.rows == 1 ? "this row names" : "\(seen.rows) rows of this file name") it. "
                            + (ids.isEmpty
                                ? "The contract has no indicators."
                                : "The contract's indicators are \(ids.joined(separator: ", ")).")
                    )
                )
            }
            files.append(
                InputFile(
                    role: "indicators",
                    path: path,
                    sha256: hash,
                    lines: Self.lineCount(bytes),
                    format: "capitation-csv"
                )
            )
        }
        // A declaration of no events holds only if none of the indicator's events, in any file, counts.
        for (path, declaration) in declarations {
            let counted = observations.events[declaration.indicator]?.counted ?? 0
            guard counted > 0 else { continue }
            problems.append(
                Diagnostic(
                    .error,
                    at: SourceLocation(path: path, line: declaration.line),
                    "the row declares that indicator '\(declaration.indicator)' had no events, but \(counted) of its events count in the population and period"
                )
            )
        }
        if !problems.isEmpty { throw .invalidInput(problems) }
        return (observations, files)
    }

    static func lineCount(_ bytes: [UInt8]) -> Int {
        let ends = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return ends + (bytes.last.map { $0 == UInt8(ascii: "\n") ? 0 : 1 } ?? 0)
    }
}
