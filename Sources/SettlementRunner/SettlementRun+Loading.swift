import CapitationCore
import ClaimFormats
import ContractXML

// Loading the inputs: the contract, the roster and the indicators, each with its SHA-256.
extension SettlementRun {
    func loadContract() throws(RunError) -> (LoadedContract, InputFile) {
        if let loadedContract, loadedContract.file.path == paths.contract {
            return (loadedContract.loaded, loadedContract.file)
        }
        return try Self.loadContract(at: paths.contract)
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
    func loadRoster() throws(RunError) -> ([Member], InputFile) {
        try Self.loadRoster(at: paths.population)
    }

    static func loadRoster(at path: String) throws(RunError) -> ([Member], InputFile) {
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
    /// - Throws: ``RunError/Code/invalidInput`` for an observation of an indicator the contract does not
    ///   have (a misspelt id would otherwise change the quality score unseen), naming the nearest one.
    func loadIndicators(
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
