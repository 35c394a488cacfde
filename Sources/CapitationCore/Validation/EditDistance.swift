/// Levenshtein distance, to suggest the identifier that a misspelt reference probably meant.
package enum EditDistance {
    /// The number of single-character insertions, deletions and substitutions between `a` and `b`.
    package static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `text`, when it is close enough to be a likely typo.
    package static func nearest(to text: String, among candidates: [String]) -> String? {
        let limit = max(1, text.count / 3)
        return candidates
            .map { (candidate: $0, distance: between(text, $0)) }
            .filter { $0.distance <= limit }
            .min { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }?
            .candidate
    }
}
