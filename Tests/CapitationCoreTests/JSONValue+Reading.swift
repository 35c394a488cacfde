import CapitationCore

/// Reading a rendered JSON document in expectations.
extension JSONValue {
    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    var members: [(key: String, value: JSONValue)]? {
        guard case .object(let members) = self else { return nil }
        return members
    }

    var elements: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    var text: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    var integer: Int64? {
        guard case .integer(let value) = self else { return nil }
        return value
    }

    var cents: Cents? { integer.map(Cents.init) }

    var decimal: ExactDecimal? { text.flatMap { try? ExactDecimal(parsing: $0) } }
}
