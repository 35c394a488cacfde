import CapitationCore
import SafeXML

/// Places the contract's rule violations at the elements and attributes they came from.
struct ViolationLocator {
    let reader: XMLDocumentReader
    let sourceMap: [ContractElement: XMLElement]

    /// One diagnostic per violation, followed by a note for each related element, ordered by position.
    func diagnostics(for violations: [ContractViolation]) -> [Diagnostic] {
        let groups = violations.map { violation -> (key: [Int], diagnostics: [Diagnostic]) in
            let element = sourceMap[violation.element]
            let attribute = violation.attribute.flatMap { element?.attribute($0) }
            let position = attribute?.location ?? element?.location
            let subject =
                element.map { "<\($0.name)>" + (attribute.map { " attribute '\($0.name)'" } ?? "") + ": " } ?? ""
            var group = [Diagnostic(violation.severity, at: reader.location(position), subject + violation.message)]
            for related in violation.related {
                let location = reader.location(sourceMap[related.element]?.location)
                group.append(Diagnostic(.note, at: location, related.note))
            }
            return ([position?.line ?? 0, position?.column ?? 0], group)
        }
        return groups.enumerated()
            .sorted {
                ($0.element.key[0], $0.element.key[1], $0.offset) < ($1.element.key[0], $1.element.key[1], $1.offset)
            }
            .flatMap(\.element.diagnostics)
    }
}
