import CapitationCore
import Foundation
import SettlementRunner
import Testing

/// The example's answers: a CSV of answers must find every line it answers among the claims read (an
/// unreadable one by its reference), or the settlement is refused.
struct ExampleAnswersTests {
    private static let answers = "claims/wijkverpleging-elv-2026-antwoorden.csv"

    /// The example with `row` added to the insurer's answers.
    private static func example(answering row: String) throws -> TemporaryFolder {
        let folder = try TemporaryFolder.copyOfExample("native-formats")
        let text = try String(contentsOfFile: folder.path(answers), encoding: .utf8)
        try folder.write(answers, text + row + "\n")
        return folder
    }

    /// A financier refuses the lines it cannot read too: an answer to a line that could not be read (here
    /// GP-G-04, whose BSN fails the elfproef) finds it by its reference, and the line stays invalid.
    @Test func findsALineThatCouldNotBeRead() async throws {
        let folder = try Self.example(answering: "GP-G-04,01012345,D,0.00,BSN,the BSN fails the elfproef")
        defer { folder.remove() }
        let settlement = try await folder.settle(threads: 2).settlement
        #expect(settlement.regimes.map(\.claims) == [Cents(676_000), Cents(124_250), Cents(3_954_000)])
        #expect(
            settlement.reconciliation.rejected.prefix(2).map { "\($0.reason.rawValue): \($0.total.lines)" } == [
                "invalid: 1", "refused by the financier: 5",
            ]
        )
    }

    @Test func refusesAnAnswerToALineNotRead() async throws {
        let folder = try Self.example(answering: "GP-Z-99,01012345,D,0.00,X,no such line")
        defer { folder.remove() }
        let error = await #expect(throws: RunError.self) { try await folder.settle(threads: 2) }
        #expect(error?.code == .invalidInput)
        #expect(
            error?.location == SourceLocation(path: folder.path(Self.answers), line: 4),
            "\(String(describing: error))"
        )
    }
}
