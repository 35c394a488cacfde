import CapitationCore

extension SVGChart {
    /// A line of values by year for each series, on one scale that need not start at zero.
    ///
    /// Values are cents; `nil` leaves a gap. Each point is labelled with its amount; each series' `level`
    /// (its weighted baseline level) is dashed over the first `baselineYears` years; `counterfactual` stands
    /// at the last year, a hollow point reached by a dashed line from the first series' level and joined to
    /// that series' last point by the difference between them. The last year's amounts stand beside its
    /// points, the counterfactual's right, the others left, pushed apart where they would overlap.
    static func lines(
        years: [Int],
        series: [(series: Series, values: [Int64?], level: Int64?)],
        baselineYears: Int,
        counterfactual: (label: String, value: Int64)?,
        title: String,
        description: String,
        locale: ReportLocale
    ) -> String {
        let height: Int64 = 310
        let top: Int64 = 44
        let bottom: Int64 = 250
        let axis: Int64 = 276
        let left: Int64 = 60
        let right: Int64 = width - 190
        let values =
            series.flatMap { $0.values.compactMap { $0 } + ($0.level.map { [$0] } ?? []) }
            + (counterfactual.map { [$0.value] } ?? [])
        let lowest = values.min() ?? 0
        let highest = values.max() ?? 0
        // A margin of a tenth of the range (or of a hundredth of the level when all are equal) on each side.
        let pad = max(100, (highest - lowest) / 10, highest == lowest ? abs(highest) / 100 : 0)
        let low = lowest - pad
        let high = highest + pad
        let last = years.count - 1
        func x(_ index: Int) -> Int64 {
            years.count < 2 ? (left + right) / 2 : left + Int64(index) * (right - left) / Int64(years.count - 1)
        }
        func y(_ value: Int64) -> Int64 { position(value, low: low, high: high, top: top, bottom: bottom) }
        var svg = open(height: height, title: title, description: description)
        for (index, entry) in series.enumerated() {
            svg += swatch(entry.series, x: left + Int64(index) * 170, y: 8)
        }
        if let counterfactual {
            let x = left + Int64(series.count) * 170
            svg += "<circle class=\"marker\" cx=\"\(x + 6)\" cy=\"14\" r=\"5\"/>"
            svg += text(x + 18, 18, counterfactual.label, anchor: "start", className: "label")
        }
        svg += "<line class=\"axis\" x1=\"\(left - 20)\" y1=\"\(axis)\" x2=\"\(right + 20)\" y2=\"\(axis)\"/>\n"
        for (index, year) in years.enumerated() {
            svg += text(x(index), axis + 18, String(year), anchor: "middle", className: "label")
        }
        // The weighted baseline levels, over the baseline years (a short stroke for one).
        let lastBaseline = min(max(0, baselineYears - 1), last)
        for entry in series {
            guard let level = entry.level, baselineYears > 0 else { continue }
            let from = baselineYears > 1 ? x(0) : x(0) - 20
            let to = baselineYears > 1 ? x(lastBaseline) : x(0) + 20
            svg +=
                "<line class=\"level \(entry.series.className)\" x1=\"\(from)\" y1=\"\(y(level))\" x2=\"\(to)\" y2=\"\(y(level))\"/>"
        }
        var lastLabels: [(y: Int64, text: String)] = []
        for (number, entry) in series.enumerated() {
            // Consecutive known points are joined; a missing one leaves a gap.
            var run: [String] = []
            func flush() {
                if run.count > 1 {
                    svg +=
                        "<polyline class=\"line \(entry.series.className)\" points=\"\(run.joined(separator: " "))\"/>\n"
                }
                run = []
            }
            for (index, value) in entry.values.enumerated() {
                guard let value else {
                    flush()
                    continue
                }
                run.append("\(x(index)),\(y(value))")
            }
            flush()
            for (index, value) in entry.values.enumerated() {
                guard let value else { continue }
                svg +=
                    "<circle class=\"point \(entry.series.className)\" cx=\"\(x(index))\" cy=\"\(y(value))\" r=\"4\"/>"
                let label = locale.euros(Cents(value))
                if index == last, years.count > 1 {
                    lastLabels.append((y(value) + 4, label))
                    continue
                }
                let others = series.indices.filter { $0 != number }.compactMap { other -> Int64? in
                    index < series[other].values.count ? series[other].values[index] : nil
                }
                let above = others.allSatisfy { value >= $0 }
                svg += text(x(index), above ? y(value) - 9 : y(value) + 19, label, anchor: "middle", className: "value")
            }
        }
        lastLabels.sort { $0.y < $1.y }
        for index in lastLabels.indices.dropFirst() where lastLabels[index].y - lastLabels[index - 1].y < 14 {
            lastLabels[index].y = lastLabels[index - 1].y + 14
        }
        for label in lastLabels {
            svg += text(x(last) - 10, label.y, label.text, anchor: "end", className: "value")
        }
        if let counterfactual, let first = series.first {
            let cx = x(last)
            let cy = y(counterfactual.value)
            if let level = first.level, baselineYears > 0, lastBaseline < last {
                svg +=
                    "<line class=\"counterfactual\" x1=\"\(x(lastBaseline))\" y1=\"\(y(level))\" x2=\"\(cx)\" y2=\"\(cy)\"/>"
            }
            if last < first.values.count, let actual = first.values[last] {
                svg += "<line class=\"effect\" x1=\"\(cx)\" y1=\"\(cy)\" x2=\"\(cx)\" y2=\"\(y(actual))\"/>"
            }
            svg += "<circle class=\"marker\" cx=\"\(cx)\" cy=\"\(cy)\" r=\"5\"/>"
            svg += text(cx + 12, cy + 4, locale.euros(Cents(counterfactual.value)), anchor: "start", className: "value")
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
        let right: Int64 = width - 300
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
            svg += text(right + 12, y + 4, locale.euros(Cents(entry.estimate)), anchor: "start", className: "value")
            if let interval = entry.interval {
                svg += text(
                    width - 4,
                    y + 4,
                    "\(locale.euros(Cents(interval.lowerBound))) … \(locale.euros(Cents(interval.upperBound)))",
                    anchor: "end",
                    className: "label"
                )
            }
        }
        return svg + "</svg>\n"
    }
}
