import CapitationCore
import ClaimFormats
import Foundation
import SettlementReports
import SettlementRunner
import SyntheticData
import Testing

/// Settlements on what the financier paid: answers among the claim files refuse lines or approve them in
/// part, and an answer that answers nothing read is an error of the inputs.
struct FinancierAnswersTests {
    private static let header = "claim_id,provider,debit_credit,approved_amount,reason_codes,reason\n"

    private func error(settling folder: TemporaryFolder) async -> [String] {
        do {
            _ = try await folder.settle(threads: 2)
            return []
        } catch let error as RunError {
            return error.description.split(separator: "\n").map(String.init)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func answersRefuseAndApproveInPart() async throws {
        let folder = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { folder.remove() }
        let before = try await folder.settle(threads: 2).settlement
        // Z001 (M001's GP visit, 120.00) refused; Z002 (M001's district nursing in March, 1,450.00)
        // approved for 1,000.00. Accepted: 120.00 + 450.00 = 570.00 less, one line less (Z001); refused
        // by the financier: 1 line and 570.00.
        try folder.write(
            "claims/answers.csv",
            Self.header + "Z001,hap-winterswijk,D,0.00,T1,tarief\nZ002,coop,D,1000.00,V1,volume\n"
        )
        let outcome = try await folder.settle(threads: 2)
        let after = outcome.settlement
        #expect(after.reconciliation.read == before.reconciliation.read)
        #expect(after.reconciliation.accepted.lines == before.reconciliation.accepted.lines - 1)
        #expect(try after.reconciliation.accepted.amount + Cents(57_000) == before.reconciliation.accepted.amount)
        let refused = after.reconciliation.rejected.first { $0.reason == .refusedByFinancier }
        #expect(refused?.total == LineTotal(lines: 1, amount: Cents(57_000)))
        #expect(!before.reconciliation.rejected.contains { $0.reason == .refusedByFinancier })

        // rejected-claims.csv names both, the part refused of Z002 with what was approved.
        let rows = try String(contentsOfFile: folder.path("settlement/rejected-claims.csv"), encoding: .utf8)
        let answers = folder.path("claims/answers.csv")
        #expect(
            rows.contains(
                ",Z001,Zvw,120.00,refused by the financier,the financier refused it: \(answers) line 2: T1 (tarief)\n"
            )
        )
        #expect(
            rows.contains(
                ",Z002,Zvw,450.00,refused by the financier,the financier approved 1000.00 of 1450.00 and refused 450.00: \(answers) line 3: V1 (volume)\n"
            )
        )
        // Per reason code: T1 refused Z001 (1 line, 120.00), V1 the 450.00 of Z002 (no line of its own).
        #expect(
            after.reconciliation.refusals.map { "\($0.code) '\($0.meaning)' \($0.total.lines) \($0.total.amount)" } == [
                "T1 '' 1 120.00", "V1 '' 0 450.00",
            ]
        )
        let json = try String(contentsOfFile: folder.path("settlement/settlement.json"), encoding: .utf8)
        let document = try SettlementDocument(json: Array(json.utf8))
        #expect(document.reconciliation.refusals.map(\.code) == ["T1", "V1"])
        let report = try String(contentsOfFile: folder.path("settlement/report.md"), encoding: .utf8)
        #expect(report.contains("| `T1` |  | 1 | € 120.00 |\n| `V1` |  | 0 | € 450.00 |"))

        // The answers are an input of the settlement, hashed like the others.
        #expect(after.inputs.contains { $0.role == "answers" && $0.path.hasSuffix("claims/answers.csv") })
    }

    @Test func anAnswerToNoLineReadIsAnError() async throws {
        let folder = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { folder.remove() }
        try folder.write("claims/answers.csv", Self.header + "Z999,coop,D,0.00,T1,\nZ001,hap-winterswijk,C,0.00,T1,\n")
        let answers = folder.path("claims/answers.csv")
        #expect(
            await error(settling: folder) == [
                "\(answers):2: error: answers line Z999 of coop (debit), which is not among the claims read",
                "\(answers):3: error: answers line Z001 of hap-winterswijk (credit), which is not among the claims read",
            ]
        )
        #expect(!FileManager.default.fileExists(atPath: folder.path("settlement/settlement.json")))
    }

    /// A line answered twice is refused: twice in one file as one of that file's problems, in two files at
    /// the second file's row.
    @Test func aLineHasOneAnswer() async throws {
        let folder = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { folder.remove() }
        try folder.write(
            "claims/answers.csv",
            Self.header + "Z001,hap-winterswijk,D,0.00,T1,\nZ002,coop,D,1000.00,V1,\nZ001,hap-winterswijk,D,10.00,T2,\n"
        )
        let answers = folder.path("claims/answers.csv")
        #expect(
            await error(settling: folder) == [
                "\(answers):4: error: line Z001 of hap-winterswijk is answered already on line 2"
            ]
        )
        try folder.write(
            "claims/answers.csv",
            Self.header + "Z001,hap-winterswijk,D,0.00,T1,\nZ002,coop,D,1000.00,V1,\n"
        )
        try folder.write("claims/more-answers.csv", Self.header + "Z003,coop,D,0.00,T1,\nZ002,coop,D,900.00,V2,\n")
        let more = folder.path("claims/more-answers.csv")
        #expect(
            await error(settling: folder) == [
                "\(more):3: error: line Z002 of coop is answered already, on line 3 of another answers file"
            ]
        )
    }

    /// A generated native folder: every WMO323 has its WMO325; an answer to a declaration that is not
    /// there, and a second answer to one that is, are errors with their file and line.
    @Test func aWMO325AnswersExactlyOneDeclarationThatWasRead() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try SyntheticFieldlab(members: 300, seed: 8, year: 2026, format: .native).write(to: folder.path)
        let settled = try await folder.settle(threads: 2).settlement
        #expect(settled.inputs.filter { $0.format == "iwmo-wmo325" }.count == 13)
        #expect(
            settled.warnings.allSatisfy {
                if case .claimFile(.declarationWithoutAnswer) = $0.kind { false } else { true }
            }
        )
        // The municipality's return codes carry their meaning from the WJ001 list.
        #expect(
            settled.reconciliation.refusals.first { $0.code == "0611" }?.meaning
                == "Het ingediende tarief komt niet overeen met het contractuele tarief"
        )

        // A line refused by a WMO325 answer may not be answered again in a CSV.
        let refusing = try FileManager.default.contentsOfDirectory(atPath: folder.path("claims")).sorted().first {
            $0.hasPrefix("wmo325-")
                && (try? String(contentsOfFile: folder.path("claims/\($0)"), encoding: .utf8))?.contains(
                    "<wmo325:Clienten>"
                )
                    == true
        }
        let refusal = try String(contentsOfFile: folder.path("claims/\(try #require(refusing))"), encoding: .utf8)
        let reference = try #require(
            refusal.split(separator: "<iwmo:ReferentieNummer>").dropFirst().first?.split(separator: "<").first
        )
        let answersCSV = try String(contentsOfFile: folder.path("claims/answers.csv"), encoding: .utf8)
        try folder.write("claims/answers.csv", answersCSV + "\(reference),73730001,D,0.00,X1,\n")
        let twice = await error(settling: folder)
        #expect(
            twice.first?.hasSuffix(
                "error: line \(reference) of 73730001 is answered here and by a WMO325 answer to its declaration; a line has one answer"
            ) == true,
            "\(twice)"
        )
        try folder.write("claims/answers.csv", answersCSV)

        let march = try String(contentsOfFile: folder.path("claims/wmo325-coop-2026-03.xml"), encoding: .utf8)
        let stray = march.replacing("<iwmo:Identificatie>W2026030001<", with: "<iwmo:Identificatie>W2099030001<")
        try folder.write("claims/wmo325-stray.xml", stray)
        let strayPath = folder.path("claims/wmo325-stray.xml")
        #expect(
            await error(settling: folder) == [
                "\(strayPath):18: error: the answer is to declaration W2099030001 of 2026-04-05 from 73730001 to 0294, which is not among the claim files"
            ]
        )
        try folder.write("claims/wmo325-stray.xml", march)
        let second = await error(settling: folder)
        #expect(second.count == 1)
        #expect(
            second.first?.hasSuffix(
                "error: the declaration W2026030001 of 2026-04-05 is answered already, by \(folder.path("claims/wmo325-coop-2026-03.xml")); a declaration has one answer"
            ) == true
        )

        // Without any answer of the municipality, a declaration is counted as declared, and said so when
        // other declarations have answers.
        try FileManager.default.removeItem(atPath: strayPath)
        try FileManager.default.removeItem(atPath: folder.path("claims/wmo325-coop-2026-03.xml"))
        let unanswered = try await folder.settle(threads: 2).settlement
        #expect(
            unanswered.warnings.contains {
                $0.kind == .claimFile(.declarationWithoutAnswer(declaration: "W2026030001", messageDate: "2026-04-05"))
                    && $0.message
                        == "no WMO325 answer to declaration W2026030001 of 2026-04-05 is among the claim files, so its "
                        + "services count as declared"
            }
        )
    }
}
