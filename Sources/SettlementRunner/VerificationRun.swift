import CapitationCore
import SettlementReports
public import SettlementVerification
import SystemPackage

/// Verifies a `settlement.json`: recomputes every step from what it records, and with the input files
/// also checks each file's SHA-256 and settles again to compare the result byte for byte.
public struct VerificationRun: Sendable {
    /// The `settlement.json` to verify.
    public var settlementPath: String
    /// The folder holding the settlement's input files, laid out as when it was settled; `nil` to verify
    /// the document alone.
    public var inputsFolder: String?
    /// The provisional `settlement.json` a final settlement trued up against, when it is not in the folder.
    public var provisionalPath: String?
    /// How many threads settle again.
    public var threads: Int

    public init(settlementPath: String, inputsFolder: String? = nil, threads: Int) {
        self.settlementPath = settlementPath
        self.inputsFolder = inputsFolder
        self.threads = max(1, threads)
    }

    /// What a verification found.
    public struct Outcome: Sendable {
        /// The recomputation of the document's steps.
        public var report: VerificationReport
        /// With the inputs: each recorded input, where it was looked for and whether its SHA-256 matches.
        public var inputs: [InputCheck]
        /// With the inputs: files in the folder that a settlement of it would read but that are not among
        /// the recorded inputs.
        public var unrecorded: [String]
        /// With the inputs: whether settling again gave the same bytes; `nil` when it was not tried (no
        /// inputs, or an input missing).
        public var settledAgain: SettledAgain?
        /// The contract, version and period the document records, for the summary.
        public var subject: String

        /// Every discrepancy: the recomputed steps', the inputs', and settling again.
        public var discrepancies: [Discrepancy] {
            var all = report.discrepancies
            for input in inputs where input.status != .matches {
                all.append(
                    Discrepancy(
                        step: "inputs",
                        field: "\(input.role) \(input.recordedPath)",
                        recorded: "sha256 \(input.recordedSHA256)",
                        recomputed: input.status == .missing
                            ? "no file at \(input.path)"
                                + (input.role == InputMapping.provisionalRole
                                    ? " (give the provisional settlement.json with --provisional)" : "")
                            : input.status.description
                    )
                )
            }
            switch settledAgain {
            case .differs(let differences)?: all += differences
            case .refused(let message)?:
                all.append(
                    Discrepancy(
                        step: "settled again",
                        field: "the settlement",
                        recorded: "made",
                        recomputed: "refused: \(message)"
                    )
                )
            default: break
            }
            return all
        }

        /// Whether everything checked verifies.
        public var verifies: Bool { discrepancies.isEmpty }
    }

    /// One recorded input, found again.
    public struct InputCheck: Sendable {
        public var role: String
        public var recordedPath: String
        /// Where the file was looked for under the inputs folder.
        public var path: String
        public var recordedSHA256: String
        public var status: Status

        public enum Status: Equatable, Sendable, CustomStringConvertible {
            case matches
            case differs(sha256: String)
            case missing

            public var description: String {
                switch self {
                case .matches: "as recorded"
                case .differs(let sha256): "sha256 \(sha256): the file has changed"
                case .missing: "no such file"
                }
            }
        }
    }

    /// The result of settling again from the inputs.
    public enum SettledAgain: Sendable {
        /// The same bytes as the recorded `settlement.json`.
        case identical
        /// The same bytes but for `program.version`: made by another version of the program, with the
        /// same result.
        case identicalButVersion(recorded: String, now: String)
        /// Settling again was refused (an input no longer loads, the claims look incomplete and the document
        /// records no reason to accept them): the message.
        case refused(String)
        /// Different figures, each a discrepancy of step `settled again` (at most ``maximumDifferences``).
        case differs([Discrepancy])
    }

    /// How many differences of settling again are listed.
    public static let maximumDifferences = 20

    /// Verifies the settlement.
    ///
    /// - Throws: ``RunError/Code/invalidInput`` when the settlement.json cannot be read or is not a
    ///   settlement; a refusal (``RunError/isRefusal``) when settling again is refused.
    public func run() async throws(RunError) -> Outcome {
        let (bytes, _) = try InputFileReader.readAll(settlementPath)
        let value: JSONValue
        let report: VerificationReport
        do {
            value = try JSONValue.parse(bytes)
            report = try SettlementVerifier.verify(value)
        } catch let error as JSONSyntaxError {
            throw .invalidInput([
                Diagnostic(
                    .error,
                    at: SourceLocation(path: settlementPath, line: error.line, column: error.column),
                    "not JSON: \(error.message)"
                )
            ])
        } catch {
            throw .invalidInput([Diagnostic(.error, at: SourceLocation(path: settlementPath), "\(error)")])
        }
        var outcome = Outcome(
            report: report,
            inputs: [],
            unrecorded: [],
            settledAgain: nil,
            subject: Self.subject(value)
        )
        guard let inputsFolder else { return outcome }
        let recorded = Self.recordedInputs(value)
        let mapping = InputMapping(
            recorded: recorded.map { ($0.role, $0.path) },
            folder: inputsFolder,
            provisional: provisionalPath
        )
        for input in recorded {
            let path = mapping.path(of: input.path, role: input.role)
            let status: InputCheck.Status
            if DirectoryListing.kind(of: path) != .file {
                status = .missing
            } else {
                let hash = try InputFileReader.sha256(of: path)
                status = hash == input.sha256 ? .matches : .differs(sha256: hash)
            }
            outcome.inputs.append(
                InputCheck(
                    role: input.role,
                    recordedPath: input.path,
                    path: path,
                    recordedSHA256: input.sha256,
                    status: status
                )
            )
        }
        outcome.unrecorded = unrecordedFiles(outcome.inputs)
        // A changed input is settled all the same: what it changes is part of the answer.
        guard outcome.inputs.allSatisfy({ $0.status != .missing }) else { return outcome }
        let again: JSONValue
        do {
            again = try await settleAgain(value, inputs: outcome.inputs)
        } catch {
            // The verdict on the inputs stands; that the settlement cannot be made again is part of it.
            outcome.settledAgain = .refused(
                error.code == .invalidInput
                    ? error.diagnostics.map(\.description).joined(separator: "; ") : error.message
            )
            return outcome
        }
        let rendered = mapping.restoringRecordedPaths(in: again, inputs: outcome.inputs)
        if Array(rendered.serialized().utf8) == bytes {
            outcome.settledAgain = .identical
        } else {
            let recordedVersion = DocumentFields(value).string("program", "version") ?? "?"
            let version = DocumentFields(rendered).string("program", "version") ?? "?"
            let differences = Self.differences(recorded: value, again: rendered)
            if recordedVersion != version, differences.map(\.field) == ["program.version"] {
                outcome.settledAgain = .identicalButVersion(recorded: recordedVersion, now: version)
            } else {
                outcome.settledAgain = .differs(differences)
            }
        }
        return outcome
    }

    /// Settles again from the mapped inputs, with the stage and acceptance the document records.
    private func settleAgain(_ document: JSONValue, inputs: [InputCheck]) async throws(RunError) -> JSONValue {
        let root = DocumentFields(document)
        func paths(_ roles: Set<String>) -> [String] { inputs.filter { roles.contains($0.role) }.map(\.path) }
        guard let contract = paths(["contract"]).first, let population = paths(["population"]).first else {
            throw .refused(
                "the settlement records no contract or no population among its inputs, so it cannot be made again"
            )
        }
        let folder = inputsFolder ?? "."
        let settlementPaths = SettlementPaths(
            contract: contract,
            population: population,
            claims: paths(["claims", "answers"]),
            indicators: paths(["indicators"]),
            output: folder
        )
        var run: SettlementRun
        let year = root.string("contract", "period", "start").flatMap { Int($0.prefix(4)) }
        // The contract is read once: it says whether the folder is settled year by year.
        let contractFile = try ContractFile(path: contract)
        if contract == SettlementPaths.join(folder, "contract.xml"), contractFile.contract.term.years > 1 {
            var multiYear = MultiYearRun(folder: folder, year: year, threads: threads)
            multiYear.loadedContract = contractFile
            run = try await multiYear.settlementRun(for: year)
            run.paths = settlementPaths
        } else {
            run = SettlementRun(paths: settlementPaths, threads: threads)
            run.baselineFolder = folder
            run.loadedContract = contractFile
        }
        run.stage = root.string("runOut", "stage").flatMap(SettlementStage.init(rawValue:))
        run.acceptIncomplete = root.string("acceptance", "reason")
        run.provisionalSettlement = paths(["provisional settlement"]).first
        let settled = try await run.settle(chance: .settlement)
        // A document of format 2 is compared with the settlement written as format 2 wrote it.
        return root.string("format") == "capitation-settlement/2"
            ? SettlementJSON.renderAsFormat2(settled.settlement) : SettlementJSON.render(settled.settlement)
    }

    /// Files that a settlement of the folder the roster was found in would read but that are not among
    /// `inputs` (for a later year of a contract of several years, the year's folder).
    private func unrecordedFiles(_ inputs: [InputCheck]) -> [String] {
        guard let population = inputs.first(where: { $0.role == "population" })?.path,
            let contract = inputs.first(where: { $0.role == "contract" })?.path
        else { return [] }
        let folder = String(population[..<(population.lastIndex(of: "/") ?? population.startIndex)])
        let recorded = Set(inputs.map(\.path))
        guard
            let paths = try? SettlementPaths.resolve(
                folder: folder.isEmpty ? "." : folder,
                contract: contract,
                population: population,
                claims: [],
                indicators: [],
                output: nil
            )
        else { return [] }
        return (paths.claims + paths.indicators).filter {
            !recorded.contains($0) && DirectoryListing.kind(of: $0) == .file
        }
    }

    private static func subject(_ document: JSONValue) -> String {
        let root = DocumentFields(document)
        let id = root.string("contract", "id") ?? "?"
        let version = root.string("contract", "version") ?? "?"
        let start = root.string("contract", "period", "start") ?? "?"
        let end = root.string("contract", "period", "end") ?? "?"
        return "contract '\(id)' version \(version) (\(start)..\(end))"
            + (root.string("runOut", "stage").map { ", \($0) settlement" } ?? "")
    }

    private static func recordedInputs(_ document: JSONValue) -> [(role: String, path: String, sha256: String)] {
        guard case .array(let inputs)? = DocumentFields(document).value(["inputs"]) else { return [] }
        return inputs.compactMap { input in
            let entry = DocumentFields(input)
            guard let role = entry.string("role"), let path = entry.string("path"), let hash = entry.string("sha256")
            else {
                return nil
            }
            return (role, path, hash)
        }
    }

    /// The leaves where `again` differs from `recorded`, by their paths.
    static func differences(recorded: JSONValue, again: JSONValue) -> [Discrepancy] {
        var found: [Discrepancy] = []
        func walk(_ lhs: JSONValue?, _ rhs: JSONValue?, _ path: String) {
            guard found.count < maximumDifferences, lhs != rhs else { return }
            switch (lhs, rhs) {
            case (.object(let left)?, .object(let right)?):
                var keys = left.map(\.key)
                for key in right.map(\.key) where !keys.contains(key) { keys.append(key) }
                for key in keys {
                    walk(
                        left.first { $0.key == key }?.value,
                        right.first { $0.key == key }?.value,
                        path.isEmpty ? key : path + "." + key
                    )
                }
            case (.array(let left)?, .array(let right)?) where left.count == right.count:
                // Entries named by their subject where it names one entry only (`regimes[Zvw]`), else by position.
                let labels = left.map(Self.label)
                for index in left.indices {
                    let label = labels[index].flatMap { name in labels.count { $0 == name } == 1 ? name : nil }
                    walk(left[index], right[index], "\(path)[\(label ?? String(index))]")
                }
            default:
                found.append(
                    Discrepancy(
                        step: "settled again",
                        field: path.isEmpty ? "the document" : path,
                        recorded: Self.written(lhs),
                        recomputed: Self.written(rhs)
                    )
                )
            }
        }
        walk(recorded, again, "")
        if found.isEmpty {
            // The same figures in other bytes: the layout differs.
            found.append(
                Discrepancy(
                    step: "settled again",
                    field: "the document",
                    recorded: "the same figures, written differently",
                    recomputed: "the bytes this program writes"
                )
            )
        }
        return found
    }

    /// What a list entry is named by in a path: its regime, party, step, model or id (`regimes[Zvw]`).
    private static func label(_ element: JSONValue) -> String? {
        for key in ["regime", "party", "step", "model", "id", "financier", "reason"] {
            if let text = DocumentFields(element).string(key) { return text }
        }
        return nil
    }

    private static func written(_ value: JSONValue?) -> String {
        guard let value else { return "missing" }
        let text = value.serialized(pretty: false)
        return text.count > 120 ? String(text.prefix(117)) + "…" : text
    }
}

/// Reads strings out of a document.
private struct DocumentFields {
    let document: JSONValue
    init(_ document: JSONValue) { self.document = document }

    func value(_ keys: [String]) -> JSONValue? {
        var current: JSONValue? = document
        for key in keys {
            guard case .object(let members)? = current else { return nil }
            current = members.first { $0.key == key }?.value
        }
        return current
    }

    func string(_ keys: String...) -> String? {
        guard case .string(let text)? = value(keys) else { return nil }
        return text
    }
}
