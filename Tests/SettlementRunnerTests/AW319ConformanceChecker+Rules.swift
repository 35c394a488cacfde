import CapitationCore

/// The conditions of the AW319 v1.4 field table across fields and records, and its record order.
extension AW319ConformanceChecker {
    /// What the file has read so far, for the rules that look back.
    private struct State {
        var header: Record?
        var person: Record?
        var personClaims = 0
        var detailNumber = 0
        var commentLines = 0
        var counts = ["02": 0, "04": 0, "98": 0]
        /// Σ debit − Σ credit of 429 in cents; `nil` once an amount cannot be read (it is a finding of its own).
        var total: Int64? = 0
        var findings: [AW319Finding] = []

        mutating func add(_ record: Record, _ field: Int?, _ rule: Rule, _ detail: String) {
            findings.append(AW319Finding(record: record.number, field: field, rule: rule.rawValue, detail: detail))
        }
    }

    /// The findings of ``Rule`` in `records`, each 310 characters.
    func ruleFindings(_ records: [Record]) -> [AW319Finding] {
        var state = State()
        if let first = records.first, first.kind != "01" {
            state.add(first, nil, .order, "the first record is \(first.kind), not the header 01")
        }
        if let last = records.last, last.kind != "99" {
            state.add(last, nil, .order, "the last record is \(last.kind), not the trailer 99")
        }
        for (index, record) in records.enumerated() {
            switch record.kind {
            case "01":
                if index != 0 { state.add(record, nil, .order, "a second header record 01") }
                state.header = record
                headerRules(record, &state)
            case "02":
                closePerson(&state)
                state.counts["02", default: 0] += 1
                nextDetail(record, 202, &state)
                state.person = record
                state.personClaims = 0
                insuredRules(record, &state)
            case "04":
                state.counts["04", default: 0] += 1
                nextDetail(record, 402, &state)
                state.personClaims += 1
                claimRules(record, &state)
            case "98":
                state.counts["98", default: 0] += 1
                state.commentLines += 1
                if state.detailNumber == 0 {
                    state.add(record, nil, .order, "a comment record 98 before any insured-person or claim record")
                }
                if Int(raw(9802, record)) != state.detailNumber {
                    state.add(record, 9802, .commentNumber, "is \(raw(9802, record)), not \(state.detailNumber)")
                }
                if Int(raw(9803, record)) != state.commentLines {
                    state.add(record, 9803, .commentNumber, "is \(raw(9803, record)), not \(state.commentLines)")
                }
            case "99":
                if index != records.count - 1 { state.add(record, nil, .order, "records follow the trailer 99") }
                closePerson(&state)
                trailerRules(record, &state)
            default:
                break
            }
        }
        return state.findings
    }

    private func closePerson(_ state: inout State) {
        if let person = state.person, state.personClaims == 0 {
            state.add(person, nil, .order, "an insured-person record 02 without a claim record 04 after it")
        }
    }

    private func nextDetail(_ record: Record, _ field: Int, _ state: inout State) {
        state.detailNumber += 1
        state.commentLines = 0
        if Int(raw(field, record)) != state.detailNumber {
            state.add(record, field, .detailNumber, "is \(raw(field, record)), not \(state.detailNumber)")
        }
    }

    private func headerRules(_ record: Record, _ state: inout State) {
        if let payTo = Int(raw(113, record)), (1...4).contains(payTo), Self.isZero(raw(108 + payTo, record)) {
            state.add(record, 113, .payee, "0\(payTo) pays field \(108 + payTo), which is empty")
        }
        if Self.isZero(raw(110, record)) != Self.isZero(raw(111, record)) {
            state.add(record, 110, .providerWithPractice, "110 '\(raw(110, record))', 111 '\(raw(111, record))'")
        }
        if Self.isZero(raw(106, record)) != Self.isBlank(raw(107, record)) {
            state.add(record, 107, .softwareVersion, "106 '\(raw(106, record))', 107 '\(raw(107, record))'")
        }
        if let start = Self.date(raw(114, record)), let end = Self.date(raw(115, record)), start > end {
            state.add(record, 114, .claimPeriod, "\(start) after \(end)")
        }
    }

    private func insuredRules(_ record: Record, _ state: inout State) {
        checkBSN(record, 203, &state)
        if (raw(212, record) == "2") == Self.isBlank(raw(213, record)) {
            state.add(record, 213, .partnerName, "212 '\(raw(212, record))'")
        }
        if Self.isBlank(raw(217, record)), Self.isBlank(raw(221, record)) {
            state.add(record, 217, .address, "neither a Dutch postcode nor a country")
        }
        if !Self.isBlank(raw(218, record)), !Self.isBlank(raw(217, record)) {
            state.add(record, 218, .foreignPostcode, "a foreign postcode beside the Dutch one")
        }
        if !Self.isZero(raw(224, record)), Self.isBlank(raw(225, record)) {
            state.add(record, 225, .indicationClient, "empty, with 224 '\(raw(224, record))'")
        }
    }

    private func claimRules(_ record: Record, _ state: inout State) {
        checkBSN(record, 403, &state)
        if let person = state.person {
            for (claimField, personField) in [(403, 203), (404, 204), (405, 205), (408, 224), (409, 225)]
            where raw(claimField, record) != raw(personField, person) {
                state.add(record, claimField, .repeatsInsured, "differs from \(personField) on record \(person.number)")
            }
        } else {
            state.add(record, nil, .order, "a claim record 04 before any insured-person record 02")
        }
        let underIndication = !Self.isZero(raw(412, record)) || !Self.isZero(raw(413, record))
        let indicationNamed =
            !Self.isZero(raw(408, record)) || !Self.isBlank(raw(409, record)) || !Self.isZero(raw(410, record))
            || !Self.isZero(raw(411, record))
        if underIndication {
            for field in [410, 411] where Self.isZero(raw(field, record)) {
                state.add(record, field, .indication, "zero, though 412 or 413 claims under an indication")
            }
            if Self.isBlank(raw(409, record)) {
                state.add(record, 409, .indication, "empty, though 412 or 413 claims under an indication")
            }
        } else if indicationNamed {
            state.add(record, 413, .indication, "an indication in 408–411, but neither 412 nor 413")
        }
        let list = raw(416, record)
        if let header = state.header {
            let lists = ["187": ["055"], "428": ["065", "068"], "430": ["066"]][raw(102, header)] ?? []
            if !(lists + ["990"]).contains(list) {
                state.add(record, 416, .serviceList, "'\(list)' in message \(raw(102, header))")
            }
        }
        if ["11", "31", "41"].contains(raw(419, record)), list != "065" {
            state.add(record, 419, .districtNursingUnit, "'\(raw(419, record))' under list '\(list)'")
        }
        if let start = Self.date(raw(414, record)), let end = Self.date(raw(415, record)) {
            if start.year < 2013 || start > end {
                state.add(record, 414, .serviceDates, "\(start) to \(end)")
            }
        }
        if let tariff = Int64(raw(425, record)), let count = Int64(raw(418, record)),
            let calculated = Int64(raw(426, record)), tariff * count != calculated
        {
            state.add(record, 426, .calculatedAmount, "\(calculated), not \(tariff) × \(count)")
        }
        if raw(430, record) == "C", Self.isBlank(raw(432, record)) {
            state.add(record, 432, .creditReference, "empty for a credit")
        }
        if let amount = Int64(raw(429, record)), ["D", "C"].contains(raw(430, record)) {
            state.total = state.total.map { $0 + (raw(430, record) == "C" ? -amount : amount) }
        } else {
            state.total = nil
        }
    }

    private func trailerRules(_ record: Record, _ state: inout State) {
        let insured = state.counts["02", default: 0]
        let claims = state.counts["04", default: 0]
        let comments = state.counts["98", default: 0]
        let expected = [9902: insured, 9903: 0, 9904: claims, 9905: comments, 9906: insured + claims + comments]
        for (field, count) in expected.sorted(by: { $0.key < $1.key }) where Int(raw(field, record)) != count {
            state.add(record, field, .counts, "is \(raw(field, record)), the file has \(count)")
        }
        if let total = state.total {
            let side = total < 0 ? "C" : "D"
            if Int64(raw(9907, record)) != total.magnitude.int64 || raw(9908, record) != side {
                state.add(
                    record,
                    9907,
                    .total,
                    "\(raw(9907, record)) \(raw(9908, record)), the claims add up to \(total)"
                )
            }
        }
    }

    private func checkBSN(_ record: Record, _ field: Int, _ state: inout State) {
        let value = raw(field, record)
        if value != "999999999", BSN(utf8: value.utf8) == nil {
            state.add(record, field, .bsn, "fails the elfproef")
        }
    }
}

extension UInt64 {
    fileprivate var int64: Int64 { Int64(clamping: self) }
}
