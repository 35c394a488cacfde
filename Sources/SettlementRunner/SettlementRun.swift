public import CapitationCore
import ClaimFormats
import ContractXML

/// One settlement from files to outputs: load and check the inputs, reconcile the claims in parallel,
/// settle, and write `settlement.json`, `report.md` and `rejected-claims.csv`.
public struct SettlementRun: Sendable {
    public var paths: SettlementPaths
    /// How many threads read and reconcile claims.
    public var threads: Int

    public init(paths: SettlementPaths, threads: Int) {
        self.paths = paths
        self.threads = max(1, threads)
    }

    /// What a run produced.
    public struct Outcome: Sendable {
        public var settlement: Settlement
        /// The contract's warnings.
        public var contractWarnings: [Diagnostic]
        /// The files written.
        public var outputs: [String]
    }

    /// Runs the settlement.
    ///
    /// - Throws: ``RunError/invalidInput(_:)`` for missing, unreadable or invalid inputs;
    ///   ``RunError/refused(_:)`` when the settlement cannot be made; ``RunError/outputFailed(_:)`` when the
    ///   outputs cannot be written. Nothing is written unless the settlement is complete.
    public func run() async throws(RunError) -> Outcome {
        let (contractBytes, contractHash) = try InputFileReader.readAll(paths.contract)
        let loaded: LoadedContract
        do {
            loaded = try ContractLoader().load(bytes: contractBytes, path: paths.contract)
        } catch {
            throw .invalidInput(error.diagnostics)
        }
        let contract = loaded.contract
        var inputs = [
            InputFile(
                role: "contract",
                path: paths.contract,
                sha256: contractHash,
                lines: lineCount(contractBytes),
                format: "capitation-contract-xml"
            )
        ]

        let (rosterBytes, rosterHash) = try InputFileReader.readAll(paths.population)
        let roster: [Member]
        do {
            roster = try RosterReader.read(rosterBytes, path: paths.population)
        } catch {
            throw .invalidInput(error.diagnostics + omitted(error))
        }
        inputs.append(
            InputFile(
                role: "population",
                path: paths.population,
                sha256: rosterHash,
                lines: lineCount(rosterBytes),
                format: "capitation-csv"
            )
        )
        let population = PopulationEvaluation(roster: roster, contract: contract)

        let groupCount =
            contract.distribution?.recipients.filter {
                if case .attributedMembers = $0.receiver { true } else { false }
            }.count ?? 0
        let pipeline = ClaimPipeline(
            population: population,
            reconciler: ClaimReconciler(contract: contract),
            groupCount: groupCount,
            threads: threads
        )
        let claimBytes = paths.claims.reduce(0) { $0 + DirectoryListing.size(of: $1) }
        let partitionCount = ClaimPipeline.partitionCount(forBytes: claimBytes)
        let spill = partitionCount > 1 ? try SpillFolder() : nil
        defer { spill?.remove() }
        let claims = try await pipeline.run(
            files: paths.claims,
            firstFileIndex: inputs.count,
            inputPaths: inputs.map(\.path) + paths.claims,
            spill: spill,
            partitionCount: partitionCount
        )
        inputs += claims.inputs

        var observations = IndicatorObservations()
        var unknown: [IndicatorID: Int] = [:]
        let known = Set(contract.quality?.indicators.map(\.id) ?? [])
        for path in paths.indicators {
            let (bytes, hash) = try InputFileReader.readAll(path)
            let file: IndicatorFile
            do { file = try IndicatorsReader.read(bytes, path: path) } catch {
                throw .invalidInput(error.diagnostics + omitted(error))
            }
            switch file {
            case .events(let events):
                for event in events {
                    guard known.contains(event.indicator) else {
                        unknown[event.indicator, default: 0] += 1
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
                    guard known.contains(measure.indicator) else {
                        unknown[measure.indicator, default: 0] += 1
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
            inputs.append(
                InputFile(
                    role: "indicators",
                    path: path,
                    sha256: hash,
                    lines: lineCount(bytes),
                    format: "capitation-csv"
                )
            )
        }

        var settlement: Settlement
        do {
            settlement = try SettlementCalculator(
                contract: contract,
                population: population,
                ledger: claims.ledger,
                indicators: observations,
                inputs: inputs
            ).settle()
        } catch {
            throw .refused(error.message)
        }
        for (indicator, rows) in unknown.sorted(by: { $0.key < $1.key }) {
            settlement.warnings.append(
                "indicator '\(indicator)' is not in the contract; its \(rows) observation\(rows == 1 ? "" : "s") are ignored"
            )
        }

        let writer = try OutputWriter(folder: paths.output)
        try writer.write("rejected-claims.csv") { descriptor throws(RunError) in
            try claims.rejected.write(to: descriptor)
        }
        try writer.write("report.md", SettlementReport.markdown(settlement))
        // settlement.json last: when it exists, the other outputs of the same run do too.
        try writer.write("settlement.json", SettlementJSON.render(settlement).serialized())
        let outputs = ["settlement.json", "report.md", "rejected-claims.csv"].map {
            SettlementPaths.join(paths.output, $0)
        }
        return Outcome(settlement: settlement, contractWarnings: loaded.warnings, outputs: outputs)
    }

    private func lineCount(_ bytes: [UInt8]) -> Int {
        let ends = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        return ends + (bytes.last.map { $0 == UInt8(ascii: "\n") ? 0 : 1 } ?? 0)
    }

    private func omitted(_ error: InputError) -> [Diagnostic] {
        error.omitted > 0
            ? [Diagnostic(.note, at: nil, "\(error.omitted) more problems in the same file are not shown")] : []
    }
}
