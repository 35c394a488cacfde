/// A small, fast, seeded random number generator (SplitMix64), so that the same seed always gives the same
/// data on every machine.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// An independent stream for item `index` of a run with `seed`: items can be generated in any order, or
    /// in parallel, and come out the same.
    init(seed: UInt64, stream index: Int, salt: UInt64 = 0) {
        var mixer = SeededRandom(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03) ^ salt)
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

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
