extension SVGChart {
    /// A line of values by year for each series (in cents), on one scale that need not start at zero, each
    /// point labelled with its amount, with `marker` (a label, the index of its year and its value) drawn as
    /// a hollow point joined to the first series' point of that year by the difference between them; that
    /// year's amounts stand beside its points, the marker's right, the others left.
    static func lines(
        years: [Int],
        series: [(series: Series, values: [Int64])],
        marker: (label: String, year: Int, value: Int64)?,
        title: String,
        description: String,
        locale: ReportLocale
    ) -> String {
        let height: Int64 = 320
        let top: Int64 = 44
        let bottom: Int64 = 270
        let left: Int64 = 60
        let right: Int64 = width - 190
        let values = series.flatMap(\.values) + (marker.map { [$0.value] } ?? [])
        let lowest = values.min() ?? 0
        let highest = values.max() ?? 0
        // A margin of a tenth of the range (or of a hundredth of the level when all are equal) on each side.
        let pad = max(100, (highest - lowest) / 10, highest == lowest ? abs(highest) / 100 : 0)
        let low = lowest - pad
        let high = highest + pad
        func x(_ index: Int) -> Int64 {
            years.count < 2 ? (left + right) / 2 : left + Int64(index) * (right - left) / Int64(years.count - 1)
        }
        func y(_ value: Int64) -> Int64 { position(value, low: low, high: high, top: top, bottom: bottom) }
        var svg = open(height: height, title: title, description: description)
        for (index, entry) in series.enumerated() {
            let x = left + Int64(index) * 170
            svg += "<rect class=\"bar \(entry.series.className)\" x=\"\(x)\" y=\"8\" width=\"12\" height=\"12\"/>"
            svg += text(x + 18, 18, entry.series.name, anchor: "start", className: "label")
        }
        if let marker {
            let x = left + Int64(series.count) * 170
            svg += "<circle class=\"marker\" cx=\"\(x + 6)\" cy=\"14\" r=\"5\"/>"
            svg += text(x + 18, 18, marker.label, anchor: "start", className: "label")
        }
        svg += "<line class=\"axis\" x1=\"\(left - 20)\" y1=\"\(bottom)\" x2=\"\(right + 20)\" y2=\"\(bottom)\"/>\n"
        for (index, year) in years.enumerated() {
            svg += text(x(index), bottom + 20, String(year), anchor: "middle", className: "label")
        }
        // The first series' labels go above its points when it lies above the second, below otherwise.
        for (number, entry) in series.enumerated() {
            let points = entry.values.enumerated().map { "\(x($0.offset)),\(y($0.element))" }.joined(separator: " ")
            svg += "<polyline class=\"line \(entry.series.className)\" points=\"\(points)\"/>\n"
            for (index, value) in entry.values.enumerated() {
                svg +=
                    "<circle class=\"point \(entry.series.className)\" cx=\"\(x(index))\" cy=\"\(y(value))\" r=\"4\"/>"
                let label = locale.euros(Cents(value))
                if index == marker?.year {
                    // The marker's amount stands right of its year: the points' amounts stand left.
                    svg += text(x(index) - 10, y(value) + 4, label, anchor: "end", className: "value")
                    continue
                }
                let other = series.count > 1 ? series[number == 0 ? 1 : 0].values : []
                let above = index < other.count ? value >= other[index] : true
                svg += text(x(index), above ? y(value) - 9 : y(value) + 19, label, anchor: "middle", className: "value")
            }
        }
        if let marker, marker.year < years.count, let first = series.first, marker.year < first.values.count {
            let actual = first.values[marker.year]
            let cx = x(marker.year)
            svg +=
                "<line class=\"effect\" x1=\"\(cx)\" y1=\"\(y(marker.value))\" x2=\"\(cx)\" y2=\"\(y(actual))\"/>"
            svg += "<circle class=\"marker\" cx=\"\(cx)\" cy=\"\(y(marker.value))\" r=\"5\"/>"
            svg += text(
                cx + 12,
                y(marker.value) + 4,
                locale.euros(Cents(marker.value)),
                anchor: "start",
                className: "value"
            )
        }
        return svg + "</svg>\n"
    }

    /// Estimates with their intervals (in cents), one row each, on one scale through zero.
    static func intervals(
        _ rows: [(label: String, estimate: Int64, interval: ClosedRange<Int64>?)],
        title: String,
        description: String,
        locale: ReportLocale
    ) -> String {
        let row: Int64 = 34
        let top: Int64 = 12
        let left: Int64 = 90
        let right: Int64 = width - 270
        let height = top + row * Int64(rows.count) + 24
        var values: [Int64] = [0]
        for entry in rows {
            values.append(entry.estimate)
            if let interval = entry.interval { values += [interval.lowerBound, interval.upperBound] }
        }
        let lowest = values.min() ?? 0
        let highest = values.max() ?? 0
        let pad = max(100, (highest - lowest) / 12)
        let low = lowest - pad
        let high = highest + pad
        // Left to right: `position` runs from `top` at `high` to `bottom` at `low`.
        func x(_ value: Int64) -> Int64 { position(value, low: low, high: high, top: right, bottom: left) }
        var svg = open(height: height, title: title, description: description)
        let zero = x(0)
        svg += "<line class=\"axis\" x1=\"\(zero)\" y1=\"\(top - 6)\" x2=\"\(zero)\" y2=\"\(height - 20)\"/>\n"
        svg += text(zero, height - 6, locale.euros(.zero), anchor: "middle", className: "label")
        for (index, entry) in rows.enumerated() {
            let y = top + Int64(index) * row + row / 2
            svg += text(left - 10, y + 4, entry.label, anchor: "end", className: "label")
            if let interval = entry.interval {
                svg +=
                    "<line class=\"interval\" x1=\"\(x(interval.lowerBound))\" y1=\"\(y)\" x2=\"\(x(interval.upperBound))\" y2=\"\(y)\"/>"
                for end in [interval.lowerBound, interval.upperBound] {
                    svg +=
                        "<line class=\"interval\" x1=\"\(x(end))\" y1=\"\(y - 6)\" x2=\"\(x(end))\" y2=\"\(y + 6)\"/>"
                }
            }
            svg += "<circle class=\"point estimate\" cx=\"\(x(entry.estimate))\" cy=\"\(y)\" r=\"5\"/>"
            svg += text(right + 14, y + 4, locale.euros(Cents(entry.estimate)), anchor: "start", className: "value")
            if let interval = entry.interval {
                svg += text(
                    right + 100,
                    y + 4,
                    "\(locale.euros(Cents(interval.lowerBound))) … \(locale.euros(Cents(interval.upperBound)))",
                    anchor: "start",
                    className: "label"
                )
            }
        }
        return svg + "</svg>\n"
    }
}
