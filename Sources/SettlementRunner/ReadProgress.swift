/// How far reading the claims has come, for a progress display.
public struct ReadProgress: Sendable {
    /// Bytes of claim files read so far.
    public var bytesRead: Int
    /// Bytes of all claim files.
    public var totalBytes: Int
    /// Claim file lines read so far.
    public var linesRead: Int
    /// Whether every file has been read and the members' claims are being reconciled.
    public var reconciling: Bool
}

/// Receives ``ReadProgress`` while claims are read; called from one task at a time.
public typealias ProgressHandler = @Sendable (ReadProgress) -> Void
