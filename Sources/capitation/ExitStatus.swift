import ArgumentParser
import SettlementRunner

/// The documented exit codes of `capitation`.
enum ExitStatus: Int32 {
    /// Everything succeeded.
    case success = 0
    /// The command line was wrong: an unknown option, a missing argument.
    case usage = 1
    /// An input file is invalid: a contract that breaks the schema or its rules, an unreadable file.
    case invalidInput = 2
    /// The inputs are valid but the settlement cannot be made, for example an indicator has no observations.
    case settlementRefused = 3
    /// The outputs cannot be written: the output folder cannot be created or written to.
    case outputFailed = 4
    /// `capitation verify` found a figure that does not follow from its inputs, an input that changed, or
    /// a settlement that comes out differently when made again.
    case notVerified = 5
    /// Interrupted by SIGINT (Ctrl-C), 128 + 2, after the run's temporary files were removed.
    case interrupted = 130
    /// Ended by SIGTERM, 128 + 15, after the run's temporary files were removed.
    case terminated = 143

    /// The status as an error that ends the command with this code.
    var exitCode: ExitCode { ExitCode(rawValue) }
}

extension ExitStatus {
    /// The status that a failed run ends with, from what went wrong.
    init(_ error: RunError) {
        switch error.code {
        case .invalidInput: self = .invalidInput
        case .incompleteClaims, .settlementRefused, .refused: self = .settlementRefused
        case .outputFailed: self = .outputFailed
        }
    }
}
