import CapitationCore
import Testing

@testable import SettlementRunner

/// The rows of `rejected-claims.csv`, written as RFC 4180 says and without a member's BSN.
struct RejectedClaimsCSVTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("a, b", "\"a, b\""),
        ("say \"no\"", "\"say \"\"no\"\"\""),
        ("\"", "\"\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\r", "\"cr\r\""),
        ("coöp, \"x\"", "\"coöp, \"\"x\"\"\""),
        ("", ""),
    ])
    func quotesAFieldOnlyWhenItMustAndDoublesItsQuotes(field: String, written: String) {
        #expect(RejectedClaimsCSV.escape(field) == written)
    }

    @Test func writesARowWithoutTheMember() {
        let line = RejectedLine(
            source: LineSource(file: 1, line: 7),
            claimID: "Z-123456782-1",
            regime: .zvw,
            amount: Cents(-1_250),
            reason: .outOfScope,
            detail: "category x, product \"y\" of 123456782 is not in the Zvw scope",
            member: "123456782"
        )
        #expect(
            RejectedClaimsCSV.row(line, files: ["a.csv", "claims/b.csv"])
                == "claims/b.csv,7,Z-*********-1,Zvw,-12.50,out of scope,"
                + "\"category x, product \"\"y\"\" of ********* is not in the Zvw scope\"\n"
        )
    }
}
