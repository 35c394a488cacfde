import CapitationCore

/// A value of the recorded `settlement.json` and where it sits in it, so that a check names the field.
///
/// Reading a missing value or one of the wrong kind throws ``Unreadable``, which the check of the step that
/// needed it reports as a discrepancy.
struct Recorded {
    let value: JSONValue?
    /// Where the value sits: `regimes[Zvw].budgetCents`, or within a step `result.budgetCents`.
    let path: String

    init(_ value: JSONValue?, path: String) {
        self.value = value
        self.path = path
    }

    subscript(key: String) -> Recorded {
        let path = path.isEmpty ? key : path + "." + key
        guard case .object(let members)? = value else { return Recorded(nil, path: path) }
        return Recorded(members.first { $0.key == key }?.value, path: path)
    }

    /// Whether the value is there and not `null`.
    var isPresent: Bool {
        guard let value else { return false }
        return value != .null
    }

    /// The elements of a list, each named by `label` (its position by default).
    func elements(label: (Recorded) -> String? = { _ in nil }) -> [Recorded] {
        guard case .array(let elements)? = value else { return [] }
        return elements.enumerated().map { index, element in
            let probe = Recorded(element, path: "")
            return Recorded(element, path: "\(path)[\(label(probe) ?? String(index))]")
        }
    }

    /// The members of an object, in their order.
    var members: [(key: String, value: Recorded)] {
        guard case .object(let members)? = value else { return [] }
        return members.map { ($0.key, Recorded($0.value, path: path + "." + $0.key)) }
    }

    /// An amount in cents: a JSON integer.
    func cents() throws(Unreadable) -> Fraction {
        guard case .integer(let number)? = value else { throw unreadable("an amount in cents") }
        return Fraction(number)
    }

    /// A number of days or people as an exact value: a JSON integer.
    func number() throws(Unreadable) -> Fraction {
        guard case .integer(let number)? = value else { throw unreadable("a whole number") }
        return Fraction(number)
    }

    /// A count: a JSON integer.
    func integer() throws(Unreadable) -> Int {
        guard case .integer(let number)? = value, let count = Int(exactly: number) else {
            throw unreadable("a whole number")
        }
        return count
    }

    /// An exact decimal: a JSON string such as `"0.095759"`.
    func decimal() throws(Unreadable) -> Fraction {
        guard case .string(let text)? = value, let decimal = try? ExactDecimal(parsing: text) else {
            throw unreadable("an exact decimal in a string")
        }
        return Fraction(decimal)
    }

    func flag() throws(Unreadable) -> Bool {
        guard case .bool(let flag)? = value else { throw unreadable("true or false") }
        return flag
    }

    func text() throws(Unreadable) -> String {
        guard case .string(let text)? = value else { throw unreadable("a string") }
        return text
    }

    /// The amount, or `nil` when the value is absent or `null`.
    func optionalCents() throws(Unreadable) -> Fraction? { isPresent ? try cents() : nil }

    /// The decimal, or `nil` when the value is absent or `null`.
    func optionalDecimal() throws(Unreadable) -> Fraction? { isPresent ? try decimal() : nil }

    /// The text, or `nil` when the value is absent or `null`.
    func optionalText() throws(Unreadable) -> String? { isPresent ? try text() : nil }

    /// The value as the document writes it, for messages: `5636259`, `"0.154366"`, `missing`.
    var written: String {
        guard let value else { return "missing" }
        return value.serialized(pretty: false)
    }

    private func unreadable(_ expected: String) -> Unreadable {
        Unreadable(path: path, expected: expected, found: written)
    }
}

/// A value a check needs that the document does not hold in the expected form.
struct Unreadable: Error {
    var path: String
    var expected: String
    var found: String
}
