import CapitationCore

/// HTML built element by element, with every text and attribute value escaped.
struct HTMLText {
    private(set) var text = ""

    /// Text escaped for element content and attribute values: `&`, `<`, `>`, `"` and `'`.
    static func escape(_ value: String) -> String {
        var result = ""
        result.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    /// `text` with no-break spaces inside its amounts and percentages (`€ 1,234.56`, `-€ 5.00`, `€ -5,00`,
    /// `12.5 %`), so that a line breaks between them, never within one.
    static func keepingAmountsWhole(_ text: String) -> String {
        text.replacing("€ ", with: "€\u{00A0}").replacing(" %", with: "\u{00A0}%")
    }

    /// Markup as it is: only for markup this program writes.
    mutating func raw(_ markup: String) { text += markup }

    /// Escaped text.
    mutating func text(_ value: String) { text += Self.escape(value) }

    /// `<name attributes>`, with the attributes' values escaped.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        text += "<" + name + Self.attributes(attributes) + ">"
    }

    mutating func close(_ name: String) { text += "</" + name + ">\n" }

    /// An element holding escaped text.
    mutating func element(_ name: String, _ content: String, _ attributes: [(String, String)] = []) {
        open(name, attributes)
        text(content)
        text += "</" + name + ">"
    }

    static func attributes(_ attributes: [(String, String)]) -> String {
        attributes.map { " \($0.0)=\"\(escape($0.1))\"" }.joined()
    }

    /// A table with a caption, a header row and rows of cells; cells of the columns in `numeric` are
    /// right-aligned.
    mutating func table(
        caption: String,
        header: [String],
        rows: [[Cell]],
        numeric: Set<Int> = [],
        id: String? = nil
    ) {
        // A table of many columns is set smaller, so that one of amounts in the tens of millions fits the
        // width of an A4 page.
        open("table", (id.map { [("id", $0)] } ?? []) + (header.count >= 8 ? [("class", "wide")] : []))
        if !caption.isEmpty { element("caption", caption) }
        raw("\n<thead><tr>")
        for (index, title) in header.enumerated() {
            element("th", title, numeric.contains(index) ? [("class", "num"), ("scope", "col")] : [("scope", "col")])
        }
        raw("</tr></thead>\n<tbody>\n")
        for row in rows {
            raw("<tr>")
            for (index, cell) in row.enumerated() {
                // A cell's own class joins the column's.
                var attributes = cell.attributes.filter { $0.0 != "class" }
                let classes =
                    (numeric.contains(index) ? ["num"] : []) + cell.attributes.filter { $0.0 == "class" }.map(\.1)
                if !classes.isEmpty { attributes.insert(("class", classes.joined(separator: " ")), at: 0) }
                if cell.isMarkup {
                    open("td", attributes)
                    raw(cell.content)
                    raw("</td>")
                } else {
                    element("td", cell.content, attributes)
                }
            }
            raw("</tr>\n")
        }
        raw("</tbody>\n")
        close("table")
    }

    /// A table cell: text (escaped) or markup, with attributes such as `data-cents`.
    struct Cell: ExpressibleByStringLiteral {
        var content: String
        var isMarkup = false
        var attributes: [(String, String)] = []

        init(_ content: String, attributes: [(String, String)] = []) {
            self.content = content
            self.attributes = attributes
        }

        init(stringLiteral value: String) {
            content = value
        }

        static func markup(_ markup: String, attributes: [(String, String)] = []) -> Cell {
            var cell = Cell(markup, attributes: attributes)
            cell.isMarkup = true
            return cell
        }
    }
}
