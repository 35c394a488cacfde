import CapitationCore

/// Rewrites libxml2's schema-validation messages into messages that name the element and attribute in
/// the contract's own terms and say what was expected.
///
/// libxml2 writes `Element '{urn:capitation:contract:1}cell', attribute 'weight': [facet 'pattern'] The
/// value 'abc' is not accepted by the pattern '[0-9]{1,20}(\.[0-9]{1,18})?'.`; this becomes
/// `<cell> attribute 'weight': 'abc' is not valid: expected an exact decimal number of zero or more …`,
/// at the attribute's own line and column.
struct SchemaMessages {
    let catalog: SchemaCatalog
    let namespace: String

    func diagnostics(
        for errors: [SchemaValidator.RawError],
        elements: [UnsafeMutableRawPointer: XMLElement],
        reader: XMLDocumentReader
    ) -> [Diagnostic] {
        var seen: Set<String> = []
        var result: [Diagnostic] = []
        for error in errors {
            let element = error.node.flatMap { elements[$0] }
            let parsed = parse(error.message)
            let attribute = parsed.attribute.flatMap { name in element?.attribute(name) }
            let position = attribute?.location ?? element?.location ?? Position(line: error.line, column: nil)
            let message = rewrite(parsed)
            // libxml2 may report one bad value twice (a facet, then the type); keep the first.
            let key = "\(element?.ordinal ?? -1)|\(parsed.attribute ?? "")|\(parsed.isValueError ? "value" : message)"
            guard seen.insert(key).inserted else { continue }
            result.append(Diagnostic(.error, at: reader.location(position), message))
        }
        return result
    }

    /// A libxml2 message split into its parts.
    struct Parsed {
        var element: String?
        var attribute: String?
        var detail: String
        var value: String?
        var isValueError: Bool
    }

    func parse(_ message: String) -> Parsed {
        var rest = stripNamespace(message)
        var element: String?
        var attribute: String?
        if rest.hasPrefix("Element '") {
            rest.removeFirst("Element '".count)
            if let end = rest.firstIndex(of: "'") {
                element = String(rest[..<end])
                rest = String(rest[rest.index(after: end)...])
            }
            if rest.hasPrefix(", attribute '") {
                rest.removeFirst(", attribute '".count)
                if let end = rest.firstIndex(of: "'") {
                    attribute = String(rest[..<end])
                    rest = String(rest[rest.index(after: end)...])
                }
            }
            if rest.hasPrefix(": ") { rest.removeFirst(2) }
        }
        let value = quotedValue(in: rest)
        let isValueError = rest.hasPrefix("[facet") || rest.contains("is not a valid value of")
        return Parsed(element: element, attribute: attribute, detail: rest, value: value, isValueError: isValueError)
    }

    func rewrite(_ parsed: Parsed) -> String {
        let element = parsed.element ?? "document"
        let subject = displayName(element) + (parsed.attribute.map { " attribute '\($0)'" } ?? "")
        let detail = parsed.detail
        if parsed.isValueError {
            let value =
                parsed.value.map { "'\($0.abbreviated())'" } ?? (parsed.attribute == nil ? "its text" : "the value")
            let expectation = catalog.expectation(element: element, attribute: parsed.attribute)
            var message = "\(subject): \(value) is not valid"
            if let expectation { message += ": expected \(expectation)" }
            if detail.contains("[facet 'enumeration']"), let suggestion = suggestedValue(parsed) {
                message += "; did you mean '\(suggestion)'?"
            }
            return message
        }
        if detail.hasPrefix("This element is not expected") {
            let expected = expectedElements(in: detail)
            return expected.isEmpty
                ? "\(subject) is not expected here"
                : "\(subject) is not expected here; expected \(expected)"
        }
        if detail.hasPrefix("Missing child element") {
            return "\(subject) is incomplete: expected \(expectedElements(in: detail)) inside it"
        }
        if detail.hasSuffix("is required but missing."), let name = quotedValue(in: detail) {
            let documentation = catalog.attributes[element]?[name]?.documentation.asPhrase
            return "\(subject) is missing the required attribute '\(name)'" + (documentation.map { " (\($0))" } ?? "")
        }
        if detail.hasSuffix("is not allowed."), let name = quotedValue(in: detail) {
            let allowed = (catalog.attributes[element] ?? [:]).keys.sorted()
            var message = "<\(element)> has no attribute '\(name)'"
            if let nearest = EditDistance.nearest(to: name, among: allowed) {
                message += "; did you mean '\(nearest)'?"
            } else if !allowed.isEmpty {
                message += " (its attributes are \(allowed.joined(separator: ", ")))"
            }
            return message
        }
        if detail.hasPrefix("No matching global declaration") {
            var found = "<\(element)>"
            if element.hasPrefix("{"), let close = element.firstIndex(of: "}") {
                let otherNamespace = element[element.index(after: element.startIndex)..<close]
                found = "<\(element[element.index(after: close)...])> in namespace '\(otherNamespace)'"
            } else {
                found += " without a namespace"
            }
            return "the root element must be <contract xmlns=\"\(namespace)\">; this document's root is \(found)"
        }
        if detail.hasPrefix("Character content other than whitespace is not allowed") {
            return "\(subject) may not contain text, only elements"
        }
        return "\(subject): \(detail)"
    }

    /// `<cell>` for the contract's own elements, `<include xmlns="…">` for foreign ones.
    private func displayName(_ element: String) -> String {
        guard element.hasPrefix("{"), let close = element.firstIndex(of: "}") else { return "<\(element)>" }
        let foreignNamespace = element[element.index(after: element.startIndex)..<close]
        return "<\(element[element.index(after: close)...]) xmlns=\"\(foreignNamespace)\">"
    }

    private func stripNamespace(_ text: String) -> String {
        text.replacing("{\(namespace)}", with: "")
    }

    /// The first value in single quotes after "value '" or at the start, as libxml2 writes it.
    private func quotedValue(in text: String) -> String? {
        if text.contains("The value has a length of") { return nil }
        let anchor: Substring
        if let range = text.firstRange(of: "The value '") {
            anchor = text[range.upperBound...]
        } else if let range = text.firstRange(of: "'") {
            anchor = text[range.upperBound...]
        } else {
            return nil
        }
        guard let end = anchor.firstIndex(of: "'") else { return nil }
        return String(anchor[..<end])
    }

    /// The expected elements as `<a>, <b> or <c>`, from libxml2's "Expected is one of ( a, b, c )".
    private func expectedElements(in detail: String) -> String {
        guard let anchor = detail.firstRange(of: "Expected is"),
            let open = detail[anchor.upperBound...].firstIndex(of: "("),
            let close = detail.lastIndex(of: ")"), open < close
        else {
            return ""
        }
        let names = detail[detail.index(after: open)..<close]
            .split(separator: ",")
            .map { "<\($0.trimmingCharacters())>" }
            .filter { $0 != "<>" && $0 != "<##other>" }
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
    }

    /// The enumeration member nearest to the refused value.
    private func suggestedValue(_ parsed: Parsed) -> String? {
        guard let value = parsed.value,
            let open = parsed.detail.firstIndex(of: "{"),
            let close = parsed.detail.lastIndex(of: "}"),
            open < close
        else { return nil }
        let members = parsed.detail[parsed.detail.index(after: open)..<close]
            .split(separator: ",")
            .map { $0.trimmingCharacters().trimmingQuotes() }
        return EditDistance.nearest(to: value, among: members)
    }
}

extension StringProtocol {
    func trimmingCharacters() -> String { String(self).trimmingWhitespace() }
    func trimmingQuotes() -> String {
        var text = String(self)
        if text.hasPrefix("'") { text.removeFirst() }
        if text.hasSuffix("'") { text.removeLast() }
        return text
    }
}
