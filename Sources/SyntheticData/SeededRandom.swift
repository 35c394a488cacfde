import CapitationCore

/// The draws the generator makes, on the core's seeded generator.
typealias SeededRandom = SeededGenerator

extension SeededGenerator {
    /// A whole number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &self)
    }

    /// True with probability `perMille` / 1000.
    mutating func chance(perMille: Int) -> Bool {
        int(0...999) < perMille
    }

    /// One of `choices`, each with its weight.
    mutating func pick<Value>(_ choices: [(Value, Int)]) -> Value {
        let total = choices.reduce(0) { $0 + $1.1 }
        var draw = int(0...(total - 1))
        for (value, weight) in choices {
            if draw < weight { return value }
            draw -= weight
        }
        return choices[choices.count - 1].0
    }
}
