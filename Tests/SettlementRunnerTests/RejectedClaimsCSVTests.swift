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

    /// A reference or detail is appended as it is only when it is printable ASCII without a comma or a
    /// quote; any other is written visibly and quoted as before, the bytes at each edge of the plain range
    /// (space, tilde, DEL, a control character, beyond ASCII) included.
    @Test(arguments: [
        ("plain text ~ with (all) sorts: of; printable! ASCII", "plain text ~ with (all) sorts: of; printable! ASCII"),
        (" ", " "),
        ("~", "~"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"no\"", "\"say \"\"no\"\"\""),
        ("tab\there", "tab\\u{9}here"),
        ("del\u{7F}", "del\\u{7F}"),
        ("two\nlines", "two\\u{A}lines"),
        ("coöp", "coöp"),
        ("coöp, \u{0}", "\"coöp, \\u{0}\""),
    ])
    func writesAReferenceOrDetailVisiblyAndQuotedOnlyWhenItMust(field: String, written: String) {
        var bytes: [UInt8] = []
        RejectedClaimsCSV.appendVisiblyEscaped(field, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == written)
        #expect(written == RejectedClaimsCSV.escape(field.visiblyEscapingControlCharacters))
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
