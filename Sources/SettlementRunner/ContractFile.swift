public import CapitationCore
public import ContractXML

/// A contract loaded from its file once, with the file's description as an input (its path and SHA-256),
/// to hand to each run that settles under it.
public struct ContractFile: Sendable {
    /// The contract and its warnings.
    public let loaded: LoadedContract
    /// The file, as the settlement records it among its inputs.
    public let file: InputFile

    /// Loads the contract at `path`.
    ///
    /// - Throws: ``RunError`` with code ``RunError/Code/invalidInput``, every problem located, when the
    ///   file cannot be read or is no valid contract.
    public init(path: String) throws(RunError) {
        (loaded, file) = try SettlementRun.loadContract(at: path)
    }

    /// The contract.
    public var contract: Contract { loaded.contract }
}
