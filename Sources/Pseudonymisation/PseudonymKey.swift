/// The secret key of pseudonymisation.
///
/// Whoever holds the key can pseudonymise the same BSN to the same pseudonym again (for next year's
/// files) and, by trying all BSNs, find the person behind a pseudonym: keep it like a password. It is
/// read from a file or from an environment variable, never from a command-line flag, where it would end
/// up in shell histories and process lists.
public struct PseudonymKey: Sendable {
    /// The key's bytes.
    public let bytes: [UInt8]

    /// The least number of bytes a key must have: 32, the size of an HMAC-SHA256 output.
    public static let minimumLength = 32

    /// The name of the environment variable that may hold the key.
    public static let environmentVariable = "CAPITATION_PSEUDONYM_KEY"

    /// A key from the contents of a key file or an environment variable; one line end at the end is not
    /// part of the key.
    ///
    /// - Throws: ``PseudonymKeyError`` when the key is shorter than ``minimumLength`` bytes.
    public init(_ contents: [UInt8], source: String) throws(PseudonymKeyError) {
        var bytes = contents
        if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard bytes.count >= Self.minimumLength else {
            throw PseudonymKeyError(
                description:
                    "the key in \(source) has \(bytes.count) bytes; a key needs at least \(Self.minimumLength) (for example the 64 characters of `openssl rand -hex 32`)"
            )
        }
        self.bytes = bytes
    }
}

/// Why a key cannot be used.
public struct PseudonymKeyError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
