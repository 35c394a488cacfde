import CapitationCore
import Testing

struct JSONValueTests {
    @Test func keepsKeyOrderAndEscapes() {
        let value = JSONValue.object([
            ("z", .int(1)),
            ("a", .string("quote \" backslash \\ newline \n tab \t bell \u{07} € ü")),
            ("list", .array([.bool(true), .null, .integer(-5)])),
            ("empty", .object([])),
        ])
        #expect(
            value.serialized(pretty: false)
                == #"{"z":1,"a":"quote \" backslash \\ newline \n tab \t bell \u0007 € ü","list":[true,null,-5],"empty":{}}"#
        )
        #expect(
            value.serialized() == """
                {
                  "z": 1,
                  "a": "quote \\" backslash \\\\ newline \\n tab \\t bell \\u0007 € ü",
                  "list": [
                    true,
                    null,
                    -5
                  ],
                  "empty": {}
                }

                """
        )
    }
}
