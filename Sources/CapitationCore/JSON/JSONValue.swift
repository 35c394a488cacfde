/// A JSON document built in code and written deterministically.
///
/// Objects keep their keys in the order they were given, numbers are integers (money is in cents, rates
/// are exact decimal strings), and the output is the same bytes on every machine: what `settlement.json`
/// and every `--json` output need.
public enum JSONValue: Hashable, Sendable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int64)
    case bool(Bool)
    case null

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(serialized())
    }

    /// An integer value from any integer.
    public static func int(_ value: Int) -> JSONValue { .integer(Int64(value)) }

    /// A string, or `null` when `value` is `nil`.
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    /// The JSON text: pretty with two-space indents and a final newline, or compact on one line.
    public func serialized(pretty: Bool = true) -> String {
        var output = ""
        write(to: &output, indent: pretty ? 0 : nil)
        if pretty { output += "\n" }
        return output
    }

    private func write(to output: inout String, indent: Int?) {
        switch self {
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            for (index, member) in members.enumerated() {
                output += index == 0 ? "" : ","
                Self.newline(&output, indent.map { $0 + 1 })
                Self.writeString(member.key, to: &output)
                output += indent == nil ? ":" : ": "
                member.value.write(to: &output, indent: indent.map { $0 + 1 })
            }
            Self.newline(&output, indent)
            output += "}"
        case .array(let elements):
            guard !elements.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (index, element) in elements.enumerated() {
                output += index == 0 ? "" : ","
                Self.newline(&output, indent.map { $0 + 1 })
                element.write(to: &output, indent: indent.map { $0 + 1 })
            }
            Self.newline(&output, indent)
            output += "]"
        case .string(let text):
            Self.writeString(text, to: &output)
        case .integer(let value):
            output += String(value)
        case .bool(let value):
            output += value ? "true" : "false"
        case .null:
            output += "null"
        }
    }

    private static func newline(_ output: inout String, _ indent: Int?) {
        guard let indent else { return }
        output += "\n" + String(repeating: "  ", count: indent)
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}

extension Diagnostic {
    /// The diagnostic as a JSON object: severity, path, line, column, message.
    public var json: JSONValue {
        .object([
            ("severity", .string(severity.rawValue)),
            ("path", .optional(location?.path)),
            ("line", location?.line.map(JSONValue.int) ?? .null),
            ("column", location?.column.map(JSONValue.int) ?? .null),
            ("message", .string(message)),
        ])
    }
}
