/// Splits an amount into parts by weights so that the parts sum exactly to the whole.
///
/// The largest-remainder method: each part first gets its exact share rounded toward zero; the cents
/// left over go, one each, to the parts whose exact shares lost the largest fractions. Equal fractions
/// are broken by the parts' keys in ascending order (for parties: their ids), so the result never depends
/// on the order in which the parts are listed.
///
/// Splitting 100.00 three ways in equal shares gives 33.34, 33.33, 33.33 with keys `a`, `b`, `c`:
/// each exact share is 33.333…, the one cent left over goes to the smallest key.
public enum Allocation: Sendable {
    /// One part of an allocation: a key that orders ties and a non-negative weight.
    public struct Share<Key: Comparable & Sendable>: Sendable {
        public var key: Key
        public var weight: ExactDecimal

        public init(key: Key, weight: ExactDecimal) {
            self.key = key
            self.weight = weight
        }
    }

    /// Why an allocation cannot be made.
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// No shares were given.
        case noShares
        /// A weight is negative.
        case negativeWeight(String)
        /// All weights are zero, so there is nothing to divide by.
        case zeroTotalWeight
        /// The exact computation overflowed.
        case arithmetic(ArithmeticError)

        public var description: String {
            switch self {
            case .noShares: "nothing to allocate to: no shares"
            case .negativeWeight(let weight): "cannot allocate by a negative weight (\(weight))"
            case .zeroTotalWeight: "cannot allocate by weights that are all zero"
            case .arithmetic(let error): error.description
            }
        }
    }

    /// Splits `total` over `shares` in proportion to their weights.
    ///
    /// A negative total is split as its magnitude and every part negated, so splitting −100.00 gives the
    /// mirror image of splitting 100.00. Parts of zero weight get zero.
    ///
    /// - Returns: One amount per share, in the order of `shares`, summing exactly to `total`.
    /// - Throws: ``Failure`` when there are no shares, a weight is negative, all weights are zero, or
    ///   the arithmetic overflows.
    /// - Complexity: O(*n* log *n*) for *n* shares.
    public static func split<Key>(_ total: Cents, by shares: [Share<Key>]) throws(Failure) -> [Cents] {
        guard !shares.isEmpty else { throw .noShares }
        if let negative = shares.first(where: { $0.weight.isNegative }) {
            throw .negativeWeight(negative.weight.description)
        }
        guard total.rawValue != Int64.min else {
            throw .arithmetic(ArithmeticError(.overflow, in: "allocating \(total)"))
        }
        let scale = shares.map(\.weight.scale).max() ?? 0
        var weights: [Int128] = []
        weights.reserveCapacity(shares.count)
        var totalWeight: Int128 = 0
        for share in shares {
            let weight: Int128
            do { weight = try share.weight.significand(atScale: scale) } catch { throw .arithmetic(error) }
            let (sum, overflow) = totalWeight.addingReportingOverflow(weight)
            guard !overflow else {
                throw .arithmetic(ArithmeticError(.overflow, in: "the sum of the allocation weights"))
            }
            weights.append(weight)
            totalWeight = sum
        }
        guard totalWeight > 0 else { throw .zeroTotalWeight }
        return split(magnitude: total, weights: weights, totalWeight: totalWeight, keys: shares.map(\.key))
    }

    private static func split<Key: Comparable>(
        magnitude total: Cents,
        weights: [Int128],
        totalWeight: Int128,
        keys: [Key]
    ) -> [Cents] {
        let amount = total.rawValue.magnitude
        var parts: [UInt64] = []
        var remainders: [UInt128] = []
        parts.reserveCapacity(weights.count)
        remainders.reserveCapacity(weights.count)
        var allocated: UInt64 = 0
        for weight in weights {
            // amount × weight ÷ totalWeight with a full-width product; the quotient never exceeds amount.
            let product = UInt128(amount).multipliedFullWidth(by: weight.magnitude)
            let (quotient, remainder) = totalWeight.magnitude.dividingFullWidth(product)
            let part = UInt64(quotient)
            parts.append(part)
            remainders.append(remainder)
            allocated += part
        }
        var leftover = amount - allocated
        if leftover > 0 {
            let order = weights.indices.sorted { lhs, rhs in
                remainders[lhs] != remainders[rhs] ? remainders[lhs] > remainders[rhs] : keys[lhs] < keys[rhs]
            }
            for index in order where leftover > 0 {
                parts[index] += 1
                leftover -= 1
            }
        }
        return parts.map { Cents(total.isNegative ? -Int64($0) : Int64($0)) }
    }
}
