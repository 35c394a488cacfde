import CapitationCore
import ClaimFormats

// Reading the roster, the claims and the indicators of a settlement, and reconciling the claims in partitions of members.
extension SettlementRun {
    /// The claims and indicators of the population of a contract, read and reconciled.
    struct Reconciled {
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
    func reconcile(
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
    func settle(
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
    func calculate(
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

    /// Checks that the claims look complete (see `ClaimCompleteness`); those of a baseline `year` must
    /// be, whatever ``acceptIncomplete`` says.
    ///
    /// - Returns: The findings accepted with ``acceptIncomplete``'s reason; `nil` when there are none.
    /// - Throws: a refusal (``RunError/isRefusal``) with every finding when there are findings and no reason to
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
            undated: { claims.ledger.receiptLags.undated[$0] ?? LineTotal() }
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

    /// The size of the claim files, the partitions they are read in (one per ``partitionBytes``) and the
    /// folder the partitions spill to when there is more than one.
    struct Partitioning {
        var claimBytes: Int
        var count: Int
        var spill: SpillFolder?
    }

    /// ``partitioning()``; when it fails, the roster's own failure, if it has one, is the one reported,
    /// as when the roster was read first (it is now read with the claims, after the partitioning).
    func partitioningRosterFirst() throws(RunError) -> Partitioning {
        do {
            return try partitioning()
        } catch {
            _ = try loadRoster()
            throw error
        }
    }

    func partitioning() throws(RunError) -> Partitioning {
        SpillFolder.removeLeftovers()
        let bytes = paths.claims.reduce(0) { $0 + DirectoryListing.size(of: $1) }
        let count = ClaimPipeline.partitionCount(forBytes: bytes, partitionBytes: partitionBytes)
        return Partitioning(claimBytes: bytes, count: count, spill: count > 1 ? try SpillFolder() : nil)
    }

    /// Reads and reconciles the claims of the population of `population` under `contract`; `inputsBefore`
    /// are the paths of the inputs listed before the claim files.
    func reconcile(
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
    func populationSource(_ contract: Contract) -> ClaimPipeline.PopulationSource {
        let path = paths.population
        return { () throws(RunError) in
            let (members, file) = try Self.loadRoster(at: path)
            return (PopulationEvaluation(roster: members, contract: contract), file)
        }
    }
}
