import CapitationCore

/// A table of a report, built once and rendered as Markdown or HTML, so that both formats show the same
/// rows.
struct ReportTable {
    /// A cell's text; an amount keeps its cents (HTML writes them to `data-cents`) and a key figure its
    /// name (`data-figure`).
    struct Cell: ExpressibleByStringLiteral {
        var text: String
        var cents: Cents?
        var figure: String?
        /// Code, a path or a hash: in backticks in Markdown, in a monospaced font in HTML.
        var isCode = false
        /// A range of amounts, `€ 1.00 to € 2.00` as lower bound, joining word and upper bound: in HTML it
        /// may wrap between its bounds, never inside one.
        var range: (lower: String, joiner: String, upper: String)?

        init(_ text: String) {
            self.text = text
        }

        static func code(_ text: String) -> Cell {
            var cell = Cell(text)
            cell.isCode = true
            return cell
        }

        /// `lower joiner upper`, or `–` without a range.
        static func range(_ range: ClosedRange<Cents>?, joiner: String, _ locale: ReportLocale) -> Cell {
            guard let range else { return "–" }
            let lower = locale.euros(range.lowerBound)
            let upper = locale.euros(range.upperBound)
            var cell = Cell("\(lower) \(joiner) \(upper)")
            cell.range = (lower, joiner, upper)
            return cell
        }

        init(stringLiteral value: String) {
            text = value
        }

        /// An amount in euros for `locale`, marked with its cents.
        static func amount(_ amount: Cents, _ locale: ReportLocale, figure: String? = nil) -> Cell {
            var cell = Cell(locale.euros(amount))
            cell.cents = amount
            cell.figure = figure
            return cell
        }
    }

    var caption: String
    var header: [String]
    var rows: [[Cell]]
    /// The columns of numbers, aligned right.
    var numeric: Set<Int> = []
    var id: String?

    /// The caption as a paragraph (when there is one), then the table.
    var markdown: String {
        (caption.isEmpty ? "" : caption + "\n\n")
            + ReportFormat.table(
                header,
                rows.map { $0.map { $0.isCode ? "`\($0.text)`" : $0.text } },
                rightAligned: numeric
            )
    }
}

extension HTMLText {
    /// Writes `table`: amounts with `data-cents`, key figures marked as in ``SettlementHTML/figure(_:_:_:)``.
    mutating func table(_ table: ReportTable, locale: ReportLocale) {
        self.table(
            caption: table.caption,
            header: table.header.map(HTMLText.keepingAmountsWhole),
            rows: table.rows.map { row in
                row.map { cell in
                    if let range = cell.range {
                        return .markup(
                            "<span class=\"bound\">\(HTMLText.escape(range.lower))</span> "
                                + "\(HTMLText.escape(range.joiner)) <span class=\"bound\">\(HTMLText.escape(range.upper))</span>",
                            attributes: [("class", "range")]
                        )
                    }
                    guard let cents = cell.cents else {
                        return Cell(cell.text, attributes: cell.isCode ? [("class", "hash")] : [])
                    }
                    guard let figure = cell.figure else {
                        return Cell(cell.text, attributes: [("data-cents", "\(cents.rawValue)")])
                    }
                    return .markup(SettlementHTML.figure(figure, cents, locale))
                }
            },
            numeric: table.numeric,
            id: table.id
        )
    }
}
