/// The version of Capitation, recorded in every settlement so that a result can be traced to the program
/// that computed it.
public enum CapitationVersion: Sendable {
    /// The version of this build.
    public static let current = "0.1.0"
}
