import Foundation

/// Writing to the terminal: results to standard output, diagnostics to standard error.
enum Console {
    /// Writes a line to standard output.
    static func output(_ text: String, terminator: String = "\n") {
        FileHandle.standardOutput.write(Data((text + terminator).utf8))
    }

    /// Writes a line to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
