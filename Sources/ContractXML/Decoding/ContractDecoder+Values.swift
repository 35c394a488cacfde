import CapitationCore
import SafeXML

/// Reading typed attribute values, with a located diagnostic for every value that does not read.
extension ContractDecoder {
    mutating func error(_ element: XMLElement, _ attribute: String?, _ message: String) {
        let position = attribute.flatMap { element.attribute($0)?.location } ?? element.location
        let subject = "<\(element.name)>" + (attribute.map { " attribute '\($0)'" } ?? "")
        diagnostics.append(Diagnostic(.error, at: reader.location(position), "\(subject): \(message)"))
    }

    /// The attribute's text, or `nil` when it is absent.
    func text(_ name: String, in element: XMLElement) -> String? {
        element.attribute(name)?.value
    }

    /// The attribute's text; reports it missing when absent.
    mutating func required(_ element: XMLElement, _ name: String) -> String? {
        guard let value = element.attribute(name)?.value else {
            error(element, nil, "is missing the required attribute '\(name)'")
            return nil
        }
        return value
    }

    mutating func decimal(_ name: String, in element: XMLElement) -> ExactDecimal? {
        guard let text = text(name, in: element) else { return nil }
        do {
            return try ExactDecimal(parsing: text)
        } catch {
            self.error(element, name, error.description)
            return nil
        }
    }

    mutating func requiredDecimal(_ name: String, in element: XMLElement) -> ExactDecimal? {
        guard required(element, name) != nil else { return nil }
        return decimal(name, in: element)
    }

    mutating func percentage(_ name: String, in element: XMLElement) -> Percentage? {
        decimal(name, in: element).map { Percentage($0) }
    }

    mutating func requiredPercentage(_ name: String, in element: XMLElement) -> Percentage? {
        requiredDecimal(name, in: element).map { Percentage($0) }
    }

    mutating func cents(_ name: String, in element: XMLElement) -> Cents? {
        guard let text = text(name, in: element) else { return nil }
        do {
            return try Cents(parsing: text)
        } catch {
            self.error(element, name, error.description)
            return nil
        }
    }

    mutating func date(_ name: String, in element: XMLElement) -> CalendarDate? {
        guard let text = required(element, name) else { return nil }
        do {
            return try CalendarDate(parsing: text)
        } catch {
            self.error(element, name, error.description)
            return nil
        }
    }

    mutating func integer(_ name: String, in element: XMLElement) -> Int? {
        guard let text = text(name, in: element) else { return nil }
        guard let value = Int(text), value >= 0 else {
            error(element, name, "'\(text)' is not a whole number of zero or more")
            return nil
        }
        return value
    }

    mutating func boolean(_ name: String, in element: XMLElement) -> Bool? {
        switch text(name, in: element) {
        case nil: return nil
        case "true", "1": return true
        case "false", "0": return false
        case let other?:
            error(element, name, "'\(other)' is not true or false")
            return nil
        }
    }

    mutating func value<Value: RawRepresentable & CaseIterable>(
        of name: String,
        in element: XMLElement,
        as type: Value.Type
    ) -> Value? where Value.RawValue == String {
        guard let text = text(name, in: element) else { return nil }
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
            error(element, name, "'\(text)' is not one of \(allowed)")
            return nil
        }
        return value
    }

    /// Space-separated identifiers, for example `supersedes="frailty-mid frailty-low"`.
    func identifiers<Kind>(_ name: String, in element: XMLElement) -> [Identifier<Kind>] {
        (text(name, in: element) ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" })
            .map { Identifier(String($0)) }
    }

    /// Reports when not exactly one of `names` is present; returns the one present.
    mutating func exactlyOne(of names: [String], in element: XMLElement) -> String? {
        let present = names.filter { element.attribute($0) != nil }
        let list = names.map { "'\($0)'" }.joined(separator: ", ")
        switch present.count {
        case 1:
            return present[0]
        case 0:
            error(element, nil, "needs one of the attributes \(list)")
        default:
            error(
                element,
                present[1],
                "takes only one of the attributes \(list), not both '\(present[0])' and '\(present[1])'"
            )
        }
        return nil
    }
}
