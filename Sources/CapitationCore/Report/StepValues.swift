/// A calculation step's inputs or results, as `settlement.json` has them, written as rows of a table.
enum StepValues {
    /// A step's values as rows: amounts (keys ending in `Cents`, and the members of such a group) in euros,
    /// percentages with `%`, groups as `group › member`.
    static func rows(
        _ json: JSONValue,
        _ locale: ReportLocale,
        prefix: String = "",
        unitKey: String? = nil
    ) -> [(name: String, value: String)] {
        guard case .object(let members) = json else {
            return [(prefix, display(json, key: unitKey ?? "", locale))]
        }
        var rows: [(name: String, value: String)] = []
        for (key, value) in members {
            let name = (prefix.isEmpty ? "" : prefix + " › ") + label(key)
            // Within a group, the group's key says what its members are: `partCents` › `insurer-a`.
            let unit = unitKey ?? key
            if case .object = value {
                rows += self.rows(value, locale, prefix: name, unitKey: unit)
            } else {
                rows.append((name, display(value, key: unit, locale)))
            }
        }
        return rows
    }

    /// `riskWeightedDaysCents` → `risk weighted days`: the key in words, without its unit suffix.
    private static func label(_ key: String) -> String {
        var name = key
        for suffix in ["Cents", "Percent"] where key.hasSuffix(suffix) && key.count > suffix.count {
            name = String(key.dropLast(suffix.count))
        }
        var words = ""
        for character in name {
            if character.isUppercase, !words.isEmpty, words.last != " " {
                words += " " + character.lowercased()
            } else {
                words.append(character)
            }
        }
        return words
    }

    private static func display(_ value: JSONValue, key: String, _ locale: ReportLocale) -> String {
        switch value {
        case .integer(let number):
            return key.hasSuffix("Cents") ? locale.euros(Cents(number)) : locale.count(Int(number))
        case .string(let text):
            guard let decimal = try? ExactDecimal(parsing: text) else { return text }
            return key.hasSuffix("Percent") ? locale.percent(decimal) : locale.decimal(decimal)
        case .bool(let flag): return flag ? "yes" : "no"
        case .null: return "–"
        case .array(let elements): return elements.map { display($0, key: key, locale) }.joined(separator: ", ")
        case .object: return value.serialized(pretty: false)
        }
    }
}
