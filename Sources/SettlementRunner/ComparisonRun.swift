public import CapitationCore
import ContractXML

/// Settles one set of inputs under several payment models and contract variants and compares them
/// (`capitation compare`).
///
/// Fee-for-service always comes first: it is the reference every financier's cost is measured against.
/// Then the built-in models in the order given, the contract files, and the contracts changed by
/// overrides. A model whose contract is the same as an earlier one's is not settled twice; its name is
/// added to the earlier one's.
public struct ComparisonRun: Sendable {
    /// The settlement whose inputs are compared.
    public var settlement: SettlementRun
    public var models: [PaymentModel]
    /// Contract files to settle as variants.
    public var variantFiles: [String]
    /// Variants of the contract changed by overrides.
    public var overrides: [ContractOverrides]
    /// The care avoided in each regime to measure the incentives: € 100.00.
    package static let avoidedCare = Cents(10_000)

    /// Settles the settlement `job` describes under each model and variant, without writing, and compares
    /// them: what `capitation compare` does, in one call.
    public static func run(
        _ job: SettlementJob,
        models: [PaymentModel] = PaymentModel.allCases,
        variantFiles: [String] = [],
        overrides: [ContractOverrides] = []
    ) async throws(RunError) -> Outcome {
        try await ComparisonRun(
            settlement: try await job.settlementRun(),
            models: models,
            variantFiles: variantFiles,
            overrides: overrides
        ).run()
    }

    public init(
        settlement: SettlementRun,
        models: [PaymentModel] = PaymentModel.allCases,
        variantFiles: [String] = [],
        overrides: [ContractOverrides] = []
    ) {
        self.settlement = settlement
        self.models = models
        self.variantFiles = variantFiles
        self.overrides = overrides
    }

    /// What a comparison produced.
    public struct Outcome: Sendable {
        public var comparison: ModelComparison
        /// The warnings of the contract and of the variant files.
        public var contractWarnings: [Diagnostic]
    }

    /// Loads the inputs once, settles each variant and compares them.
    ///
    /// - Returns: The comparison and the contracts' warnings.
    /// - Throws: ``RunError/Code/invalidInput`` for missing, unreadable or invalid inputs, variant files or
    ///   overrides that do not apply; a refusal (``RunError/isRefusal``) when a variant cannot be settled.
    public func run() async throws(RunError) -> Outcome {
        let settlementRun = settlement
        var files: [(name: String, contract: Contract, file: InputFile)] = []
        var warnings: [Diagnostic] = []
        for path in variantFiles {
            let (loaded, file) = try SettlementRun.loadContract(at: path)
            warnings += loaded.warnings
            files.append((Self.name(of: path), try settlementRun.prepare(loaded.contract), file))
        }
        var entries: [Variant] = []
        let (contractWarnings, settlements) = try await settlementRun.settleVariants(
            incentives: Self.avoidedCare
        ) { base throws(RunError) in
            entries = try variants(of: base, files: files)
            return entries.map { ($0.name, $0.contract, $0.file) }
        }
        let compared = zip(entries, settlements).compactMap { entry, settlement -> ModelComparison.Entry? in
            guard !entry.isReference else { return nil }
            return ModelComparison.Entry(
                name: entry.name,
                summary: entry.summary,
                settlement: settlement,
                feeForService: entry.reference.map { settlements[$0] }
            )
        }
        guard let reference = compared.first else { throw .refused("there is nothing to compare") }
        do {
            let comparison = try ModelComparison(feeForService: reference, entries: Array(compared.dropFirst()))
            return Outcome(comparison: comparison, contractWarnings: contractWarnings + warnings)
        } catch {
            throw .refused(error)
        }
    }

    /// A contract to settle: a model or variant to show, or the fee-for-service reference of a variant file.
    private struct Variant {
        var name: String
        var summary: String
        var contract: Contract
        var file: InputFile?
        /// Whether it is only the reference of another variant.
        var isReference = false
        /// The position of the variant's own fee-for-service reference, when it has one.
        var reference: Int?
    }

    /// Fee-for-service, the models, the files and the overrides, each once.
    private func variants(
        of base: Contract,
        files: [(name: String, contract: Contract, file: InputFile)]
    ) throws(RunError) -> [Variant] {
        var entries: [Variant] = []
        func add(_ name: String, _ contract: Contract, _ file: InputFile?, extra: String = "") {
            if let index = entries.firstIndex(where: {
                !$0.isReference && $0.contract == contract && $0.file?.path == file?.path
            }) {
                entries[index].name += " = " + name
                return
            }
            entries.append(
                Variant(name: name, summary: contract.settlement.summary + extra, contract: contract, file: file)
            )
        }
        let feeForService = PaymentModel.feeForService.applied(to: base)
        add(PaymentModel.feeForService.rawValue, feeForService, nil)
        for model in models where model != .feeForService {
            add(model.rawValue, model.applied(to: base), nil)
        }
        for file in files {
            // A file that selects another population or classifies claims otherwise is measured against
            // fee-for-service on its own inputs.
            let ownReference = PaymentModel.feeForService.applied(to: file.contract)
            var reference: Int?
            if !Self.sameInputs(ownReference, feeForService) {
                entries.append(
                    Variant(
                        name: "fee-for-service (\(file.name))",
                        summary: ownReference.settlement.summary,
                        contract: ownReference,
                        file: file.file,
                        isReference: true
                    )
                )
                reference = entries.count - 1
            }
            add(file.name, file.contract, file.file)
            if let index = entries.lastIndex(where: { $0.file?.path == file.file.path && !$0.isReference }) {
                entries[index].reference = reference
            }
        }
        for variant in overrides {
            let contract: Contract
            do { contract = try variant.applied(to: base) } catch {
                throw .invalidInput([
                    Diagnostic(
                        .error,
                        at: SourceLocation(path: "--vary", line: nil),
                        "\(variant.name): \(error.message)"
                    )
                ])
            }
            let other = variant.changes.filter {
                ["risk-adjustment", "discount", "truncation", "run-out"].contains($0.key)
            }
            let extra = other.isEmpty ? "" : "; " + other.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            // A variant that counts other claims (another run-out) is measured against fee-for-service on them.
            let ownReference = PaymentModel.feeForService.applied(to: contract)
            var reference: Int?
            if !Self.sameInputs(ownReference, feeForService) {
                entries.append(
                    Variant(
                        name: "fee-for-service (\(variant.name))",
                        summary: ownReference.settlement.summary,
                        contract: ownReference,
                        file: nil,
                        isReference: true
                    )
                )
                reference = entries.count - 1
            }
            add(variant.name, contract, nil, extra: extra)
            if let index = entries.lastIndex(where: { $0.contract == contract && !$0.isReference }) {
                entries[index].reference = reference
            }
        }
        return entries
    }

    /// Whether two contracts select the same population and pay the same claims under fee-for-service.
    private static func sameInputs(_ one: Contract, _ other: Contract) -> Bool {
        one.population == other.population && one.period == other.period
            && ClaimReconciler(contract: one) == ClaimReconciler(contract: other)
            && one.parties == other.parties && one.lumpSums == other.lumpSums
            // The run-out sets what a provisional settlement estimates, beside the lines it counts.
            && one.reconciliation.runOut == other.reconciliation.runOut
    }

    /// A variant file's name without its folder and `.xml`.
    private static func name(of path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".xml") ? String(file.dropLast(4)) : file
    }
}
