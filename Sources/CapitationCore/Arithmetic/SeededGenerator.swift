/// A seeded random number generator (SplitMix64): the same seed gives the same numbers on every machine.
///
/// For reproducible draws: property tests over generated data, synthetic data, and resampling.
package struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator started from `seed`.
    package init(seed: UInt64) {
        state = seed
    }

    /// An independent stream for item `index` of a run with `seed`, so that items can be drawn in any
    /// order, or in parallel, and come out the same.
    package init(seed: UInt64, stream index: Int, salt: UInt64 = 0) {
        var mixer = SeededGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: index) &* 0xD1B5_4A32_D192_ED03) ^ salt)
        state = mixer.next()
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
