import CapitationCore

/// Where the recorded inputs of a settlement are now: each recorded path relative to the folder the
/// inputs shared when it was settled, under the folder given to verify it.
///
/// A settlement made with `capitation settle fieldlab/` records `fieldlab/contract.xml`,
/// `fieldlab/claims/zvw.csv` and so on; verified with `--inputs /audit/fieldlab-copy/` they are looked for
/// as `/audit/fieldlab-copy/contract.xml` and `/audit/fieldlab-copy/claims/zvw.csv`.
struct InputMapping {
    /// The directory components the recorded inputs (but a provisional settlement) share.
    private let shared: [Substring]
    private let folder: String
    private let provisional: String?

    static let provisionalRole = "provisional settlement"

    init(recorded: [(role: String, path: String)], folder: String, provisional: String?) {
        self.folder = folder
        self.provisional = provisional
        // The folder is that of the inputs written like the contract's path, absolute or relative: a file
        // given by another kind of path lies elsewhere.
        let absolute = recorded.first { $0.role == "contract" }?.path.hasPrefix("/") ?? false
        var shared: [Substring]?
        for input in recorded where input.role != Self.provisionalRole && input.path.hasPrefix("/") == absolute {
            let directory = input.path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            guard let common = shared else {
                shared = Array(directory)
                continue
            }
            shared = Array(zip(common, directory).prefix { $0 == $1 }.map(\.0))
        }
        self.shared = shared ?? []
    }

    /// Where the input recorded at `path` is looked for: under the folder by its path relative to the
    /// folder the inputs shared; an input from elsewhere (an issued provisional settlement, a file given by
    /// an absolute path) where it was, or else under the folder by its name.
    func path(of recorded: String, role: String) -> String {
        if role == Self.provisionalRole, let provisional { return provisional }
        let components = recorded.split(separator: "/", omittingEmptySubsequences: false)
        if components.starts(with: shared), components.count > shared.count {
            return components.dropFirst(shared.count).filter { !$0.isEmpty }
                .reduce(folder) { SettlementPaths.join($0, String($1)) }
        }
        if DirectoryListing.kind(of: recorded) == .file { return recorded }
        return SettlementPaths.join(folder, String(components.last ?? ""))
    }

    /// `document` with every mention of an input's path where it was found replaced by its recorded path,
    /// so that a settlement made again from the found files reads as the recorded one.
    func restoringRecordedPaths(in document: JSONValue, inputs: [VerificationRun.InputCheck]) -> JSONValue {
        let replacements = inputs.filter { $0.path != $0.recordedPath }
            .map { (found: $0.path, recorded: $0.recordedPath) }
            .sorted { $0.found.count > $1.found.count }
        guard !replacements.isEmpty else { return document }
        func restore(_ value: JSONValue) -> JSONValue {
            switch value {
            case .string(let text):
                var restored = text
                for replacement in replacements where restored.contains(replacement.found) {
                    restored = restored.replacing(replacement.found, with: replacement.recorded)
                }
                return .string(restored)
            case .object(let members): return .object(members.map { ($0.key, restore($0.value)) })
            case .array(let elements): return .array(elements.map(restore))
            default: return value
            }
        }
        return restore(document)
    }
}
