import CapitationCore
import SafeXML

/// Places the contract's rule violations at the elements and attributes they came from.
struct ViolationLocator {
    let reader: XMLDocumentReader
    let sourceMap: [ContractElement: XMLElement]

    /// One diagnostic per violation, followed by a note for each related element, ordered by position.
    func diagnostics(for violations: [ContractViolation]) -> [Diagnostic] {
        ordered(violations) { violation, placed in
            let subject =
                placed.element.map { "<\($0)>" + (placed.attribute.map { " attribute '\($0)'" } ?? "") + ": " } ?? ""
            var group = [Diagnostic(violation.severity, at: placed.location, subject + violation.message)]
            for related in violation.related {
                let location = reader.location(sourceMap[related.element]?.location)
                group.append(Diagnostic(.note, at: location, related.note))
            }
            return group
        }
    }

    /// The warnings among the violations as a settlement records them, in the order of ``diagnostics(for:)``.
    func settlementWarnings(for violations: [ContractViolation]) -> [SettlementWarning] {
        ordered(violations) { violation, placed in
            guard let warning = violation.warning else { return [] }
            return [
                SettlementWarning(
                    .contract(warning, element: placed.element, attribute: placed.attribute),
                    at: placed.location
                )
            ]
        }
    }

    /// Where a violation stands: its element's and attribute's names, as far as found, and their place.
    private struct Placed {
        var element: String?
        var attribute: String?
        var location: SourceLocation?
    }

    /// What `describe` makes of each violation, ordered by the violation's position, ties in their order.
    private func ordered<Item>(
        _ violations: [ContractViolation],
        _ describe: (ContractViolation, Placed) -> [Item]
    ) -> [Item] {
        let groups = violations.map { violation -> (key: [Int], items: [Item]) in
            let element = sourceMap[violation.element]
            let attribute = violation.attribute.flatMap { element?.attribute($0) }
            let position = attribute?.location ?? element?.location
            let placed = Placed(element: element?.name, attribute: attribute?.name, location: reader.location(position))
            return ([position?.line ?? 0, position?.column ?? 0], describe(violation, placed))
        }
        return groups.enumerated()
            .sorted {
                ($0.element.key[0], $0.element.key[1], $0.offset) < ($1.element.key[0], $1.element.key[1], $1.offset)
            }
            .flatMap(\.element.items)
    }
}
