import CapitationCore

/// Charts as inline SVG, drawn from exact figures with integer arithmetic.
///
/// A waterfall, horizontal bars and a diagram of transfers. Each is an image with a title and description for screen readers; the
/// report puts the same numbers in a table next to it.
enum SVGChart {
    static let width: Int64 = 720

    /// `value` on a scale from `low` (at `bottom`) to `high` (at `top`), in whole pixels.
    static func position(_ value: Int64, low: Int64, high: Int64, top: Int64, bottom: Int64) -> Int64 {
        guard high > low else { return bottom }
        let offset = Int128(high) - Int128(value)
        return top + Int64(offset * Int128(bottom - top) / (Int128(high) - Int128(low)))
    }

    /// A waterfall of `steps`, each labelled with its amount.
    static func waterfall(
        _ steps: [SettlementDocument.WaterfallStep],
        title: String,
        description: String,
        locale: ReportLocale
    ) -> String {
        let height: Int64 = 330
        let top: Int64 = 30
        let bottom: Int64 = 260
        let values: [Int64] = steps.flatMap { step -> [Int64] in [step.from.rawValue, step.to.rawValue] } + [0]
        let low = values.min() ?? 0
        let high = values.max() ?? 0
        let slot = (width - 20) / Int64(max(1, steps.count))
        let barWidth = slot * 3 / 4
        var svg = open(height: height, title: title, description: description)
        let zero = position(0, low: low, high: high, top: top, bottom: bottom)
        for (index, step) in steps.enumerated() {
            let x = 10 + Int64(index) * slot + (slot - barWidth) / 2
            let y1 = position(max(step.from.rawValue, step.to.rawValue), low: low, high: high, top: top, bottom: bottom)
            let y2 = position(min(step.from.rawValue, step.to.rawValue), low: low, high: high, top: top, bottom: bottom)
            svg +=
                "<rect class=\"bar \(step.kind.rawValue)\" x=\"\(x)\" y=\"\(y1)\" width=\"\(barWidth)\" height=\"\(max(1, y2 - y1))\"/>\n"
            svg += text(
                x + barWidth / 2,
                max(12, y1 - 6),
                locale.euros(step.shown),
                anchor: "middle",
                className: "value"
            )
            for (line, part) in wrap(step.label, width: 14).enumerated() {
                svg += text(
                    x + barWidth / 2,
                    bottom + 18 + Int64(line) * 14,
                    part,
                    anchor: "middle",
                    className: "label"
                )
            }
        }
        svg += "<line class=\"axis\" x1=\"0\" y1=\"\(zero)\" x2=\"\(width)\" y2=\"\(zero)\"/>\n"
        return svg + "</svg>\n"
    }

    /// A series of horizontal bars.
    struct Series {
        var name: String
        var className: String
    }

    /// Groups of horizontal bars, one bar per series in each group, each labelled with its text, on one
    /// scale from zero to `maximum` (by default the largest value).
    static func bars(
        _ groups: [(label: String, values: [(value: Int64, text: String)])],
        series: [Series],
        title: String,
        description: String,
        maximum: Int64? = nil
    ) -> String {
        let row: Int64 = 20
        // Room for the longest group label, at about 7 units a character of the 12-unit font.
        let longest = Int64(groups.map(\.label.count).max() ?? 0)
        let labelWidth = min(320, max(120, longest * 7 + 16))
        let valueWidth: Int64 = 130
        let legend: Int64 = 26
        let perGroup = row * Int64(max(1, series.count)) + 12
        let height = legend + perGroup * Int64(groups.count) + 6
        let high = max(1, maximum ?? groups.flatMap(\.values).map { max(0, $0.value) }.max() ?? 1)
        var svg = open(height: height, title: title, description: description)
        for (index, entry) in series.enumerated() {
            svg += swatch(entry, x: labelWidth + Int64(index) * 150, y: 6)
        }
        for (groupIndex, group) in groups.enumerated() {
            let groupTop = legend + Int64(groupIndex) * perGroup
            svg += text(labelWidth - 8, groupTop + row - 5, group.label, anchor: "end", className: "label")
            for (index, (value, label)) in group.values.enumerated() where index < series.count {
                let y = groupTop + Int64(index) * row
                let length = min(high, max(0, value)) * (width - labelWidth - valueWidth) / high
                svg +=
                    "<rect class=\"bar \(series[index].className)\" x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(max(1, length))\" height=\"\(row - 5)\"/>"
                svg += text(labelWidth + length + 6, y + row - 6, label, anchor: "start", className: "value")
            }
        }
        return svg + "</svg>\n"
    }

    /// Who pays whom: payers on the left, receivers on the right, an arrow for each transfer, its width
    /// following the amount.
    static func transfers(
        _ transfers: [SettlementDocument.Transfer],
        name: (String) -> String,
        title: String,
        description: String,
        locale: ReportLocale
    ) -> String {
        var payers: [String] = []
        var receivers: [String] = []
        for transfer in transfers {
            if !payers.contains(transfer.from) { payers.append(transfer.from) }
            if !receivers.contains(transfer.to) { receivers.append(transfer.to) }
        }
        let busiest = transfers.map { transfer in transfers.filter { $0.from == transfer.from }.count }.max() ?? 1
        let box = max(52, Int64(busiest + 1) * 17)
        let gap: Int64 = 22
        let rows = Int64(max(payers.count, receivers.count))
        let height = max(box, rows * (box + gap)) + 10
        let boxWidth: Int64 = 220
        let largest = max(1, transfers.map(\.amount.rawValue.magnitude).max() ?? 1)
        func y(_ index: Int) -> Int64 { 5 + Int64(index) * (box + gap) }
        var svg = open(height: height, title: title, description: description)
        svg +=
            "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerUnits=\"userSpaceOnUse\" markerWidth=\"10\" markerHeight=\"10\" orient=\"auto\"><path d=\"M 0 0 L 10 5 L 0 10 z\" class=\"arrowhead\"/></marker></defs>\n"
        // Each flow leaves its payer and enters its receiver at its own height within the box; its amount is
        // written on the curve where it overlaps no amount written before it: halfway if it can, else nearer
        // one end.
        var placed: [(left: Int64, right: Int64, top: Int64, bottom: Int64)] = []
        let outgoing = transfers.map { transfer in transfers.filter { $0.from == transfer.from }.count }
        let incoming = transfers.map { transfer in transfers.filter { $0.to == transfer.to }.count }
        for (index, transfer) in transfers.enumerated() {
            guard let from = payers.firstIndex(of: transfer.from), let to = receivers.firstIndex(of: transfer.to)
            else { continue }
            let out = Int64(transfers[..<index].filter { $0.from == transfer.from }.count)
            let into = Int64(transfers[..<index].filter { $0.to == transfer.to }.count)
            let y1 = y(from) + (out + 1) * box / (Int64(outgoing[index]) + 1)
            let y2 = y(to) + (into + 1) * box / (Int64(incoming[index]) + 1)
            let x1 = boxWidth
            let x2 = width - boxWidth
            let stroke = 1 + Int64(transfer.amount.rawValue.magnitude * 7 / largest)
            svg +=
                "<path class=\"flow\" d=\"M \(x1) \(y1) C \(x1 + 110) \(y1), \(x2 - 110) \(y2), \(x2 - 2) \(y2)\" stroke-width=\"\(stroke)\" marker-end=\"url(#arrow)\"/>\n"
            let label = locale.euros(transfer.amount)
            let half = Int64(label.count) * 4 + 2
            // A point of the curve at t (in hundredths), the label above it.
            func spot(_ t: Int64) -> (x: Int64, y: Int64) {
                let u = 100 - t
                let points = [(x1, y1), (x1 + 110, y1), (x2 - 110, y2), (x2 - 2, y2)]
                let weights = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t]
                let x = zip(points, weights).reduce(Int64(0)) { $0 + $1.0.0 * $1.1 } / 1_000_000
                let y = zip(points, weights).reduce(Int64(0)) { $0 + $1.0.1 * $1.1 } / 1_000_000
                return (x, y - 4 - stroke / 2)
            }
            let candidates = [50, 35, 65, 22, 78].map(spot)
            let chosen =
                candidates.first { point in
                    !placed.contains {
                        point.x - half < $0.right && point.x + half > $0.left && point.y - 13 < $0.bottom
                            && point.y + 3 > $0.top
                    }
                } ?? candidates[0]
            placed.append((chosen.x - half, chosen.x + half, chosen.y - 13, chosen.y + 3))
            svg += text(chosen.x, chosen.y, label, anchor: "middle", className: "value flow-label")
        }
        for (index, party) in payers.enumerated() { svg += node(0, y(index), boxWidth, box, name(party)) }
        for (index, party) in receivers.enumerated() {
            svg += node(width - boxWidth, y(index), boxWidth, box, name(party))
        }
        return svg + "</svg>\n"
    }

    private static func node(_ x: Int64, _ y: Int64, _ width: Int64, _ height: Int64, _ label: String) -> String {
        "<rect class=\"node\" x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" rx=\"4\"/>"
            + text(x + width / 2, y + height / 2 + 5, label, anchor: "middle", className: "label")
    }

    /// A legend's entry: the series' colour in a square at (`x`, `y`), its name beside it.
    static func swatch(_ series: Series, x: Int64, y: Int64) -> String {
        "<rect class=\"bar \(series.className)\" x=\"\(x)\" y=\"\(y)\" width=\"12\" height=\"12\"/>"
            + text(x + 18, y + 10, series.name, anchor: "start", className: "label")
    }

    static func open(height: Int64, title: String, description: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" width=\"100%\" role=\"img\" aria-labelledby=\"\(id(title))-t \(id(title))-d\">"
            + "<title id=\"\(id(title))-t\">\(HTMLText.escape(title))</title><desc id=\"\(id(title))-d\">\(HTMLText.escape(description))</desc>\n"
    }

    /// An id for element references from a title: its letters and digits, lowercased, joined by `-`.
    static func id(_ title: String) -> String {
        title.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "-")
    }

    static func text(_ x: Int64, _ y: Int64, _ content: String, anchor: String, className: String) -> String {
        "<text class=\"\(className)\" x=\"\(x)\" y=\"\(y)\" text-anchor=\"\(anchor)\">\(HTMLText.escape(content))</text>"
    }

    /// `text` in lines of about `width` characters, broken at spaces.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = String(word)
            } else {
                current += (current.isEmpty ? "" : " ") + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
