import CapitationCore
import ContractXML

/// The outcome of checking one contract file.
struct ContractCheck {
    var path: String
    var contract: Contract?
    var diagnostics: [Diagnostic]
    var isValid: Bool

    init(path: String, loader: ContractLoader, strict: Bool) {
        self.path = path
        do {
            let loaded = try loader.load(contentsOf: path)
            contract = loaded.contract
            diagnostics = loaded.warnings
            isValid = !(strict && loaded.warnings.contains { $0.severity == .warning })
        } catch {
            contract = nil
            diagnostics = error.diagnostics
            isValid = false
        }
    }

    var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

    /// One line: `path: valid: id version 1, …` or `path: invalid: 2 errors, 1 warning`.
    var verdict: String {
        let counts = [
            errorCount > 0 ? "\(errorCount) error\(errorCount == 1 ? "" : "s")" : nil,
            warningCount > 0 ? "\(warningCount) warning\(warningCount == 1 ? "" : "s")" : nil,
        ].compactMap { $0 }.joined(separator: ", ")
        guard let contract, isValid else { return "\(path): invalid (\(counts))" }
        let summary =
            "contract \(contract.id) version \(contract.version), \(contract.parties.count) parties, "
            + "regimes \(contract.regimes.map(\.regime.rawValue).joined(separator: "+")), \(contract.settlement.summary)"
        return "\(path): valid: \(summary)" + (counts.isEmpty ? "" : " (\(counts))")
    }

    static func json(_ results: [ContractCheck]) -> JSONValue {
        .object([
            ("valid", .bool(results.allSatisfy(\.isValid))),
            (
                "files",
                .array(
                    results.map { result in
                        .object([
                            ("path", .string(result.path)),
                            ("valid", .bool(result.isValid)),
                            (
                                "contract",
                                result.contract.map {
                                    .object([("id", .string($0.id.rawValue)), ("version", .string($0.version))])
                                } ?? .null
                            ),
                            ("errors", .int(result.errorCount)),
                            ("warnings", .int(result.warningCount)),
                            ("diagnostics", .array(result.diagnostics.map(\.json))),
                        ])
                    }
                )
            ),
        ])
    }
}

extension SettlementTerms {
    /// `shared-savings (one-sided)`, `capitation with 4 corridor bands`, `fee-for-service`.
    var summary: String {
        switch self {
        case .feeForService: "fee-for-service"
        case .capitation(let terms):
            terms.corridors.isEmpty ? "capitation" : "capitation with \(terms.corridors.count) corridor bands"
        case .sharedSavings(let terms): "shared-savings (\(terms.sides.rawValue)-sided)"
        }
    }
}
