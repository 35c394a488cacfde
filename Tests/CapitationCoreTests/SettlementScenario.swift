import CapitationCore
import SettlementReports
import SettlementVerification
import Testing

// A settlement built in code: ten members enrolled all of 2026, no risk model (every member weighs 1), a
// Zvw budget of 3,650.00 and a Wlz budget of 7,300.00 per person-year, so the budgets are 36,500.00 and
// 73,000.00 and the total 109,500.00. Tests vary the terms and the claims.
struct SettlementScenario {
    var contract: Contract
    var members: [Member]
    var lines: [ClaimLine] = []
    var observations = IndicatorObservations()
    /// The baseline years' lag triangles, for a provisional settlement after a run-out.
    var completion: ClaimCompletion?

    static func date(_ text: String) -> CalendarDate {
        guard let date = try? CalendarDate(parsing: text) else { preconditionFailure(text) }
        return date
    }

    init(
        settlement: SettlementTerms = .sharedSavings(
            SharedSavingsTerms(
                sides: .one,
                minimumSavingsRate: .fixed(2),
                sharingRate: SharingRate(rate: 50, quality: .none),
                savingsCap: 10,
                paymentReduction: 2
            )
        ),
        memberCount: Int = 10
    ) {
        guard let period = DatePeriod(start: Self.date("2026-01-01"), end: Self.date("2026-12-31")) else {
            preconditionFailure()
        }
        contract = Contract(
            id: "scenario",
            version: "1",
            title: "Scenario",
            period: period,
            parties: [
                Party(id: "insurer-a", role: .insurer, name: "Insurer"),
                Party(id: "zk", role: .careOffice, name: "Care office"),
                Party(id: "coop", role: .provider, name: "Cooperative"),
                Party(id: "fund", role: .fund, name: "Fund"),
            ],
            population: PopulationCriteria(referenceDate: period.start, minimumAge: 75),
            regimes: [
                RegimeTerms(
                    regime: .zvw,
                    financier: "insurer-a",
                    perCapitaAnnual: Cents(365_000),
                    scope: Scope(categories: [ScopeCategory(code: "care")])
                ),
                RegimeTerms(
                    regime: .wlz,
                    financier: "zk",
                    perCapitaAnnual: Cents(730_000),
                    scope: Scope(categories: [ScopeCategory(code: "care")])
                ),
            ],
            settlement: settlement,
            distribution: Distribution(
                financing: .proportionalToSavings,
                recipients: [
                    Recipient(share: 80, receiver: .party("coop")), Recipient(share: 20, receiver: .party("fund")),
                ]
            )
        )
        members = (1...memberCount).map {
            Member(id: MemberID("m\($0)"), birthDate: Self.date("1945-06-01"), sex: .female)
        }
    }

    /// Adds a claim of `amount` cents for member number `member` under `regime`.
    mutating func claim(_ member: Int, _ regime: Regime, _ amount: Int64, provider: String = "coop") {
        guard let day = DatePeriod(start: Self.date("2026-06-01"), end: Self.date("2026-06-01")) else {
            preconditionFailure()
        }
        lines.append(
            ClaimLine(
                claimID: "c\(lines.count + 1)",
                member: MemberID("m\(member)"),
                regime: regime,
                payer: regime == .zvw ? "insurer-a" : "zk",
                provider: provider,
                category: "care",
                product: "p",
                service: day,
                amount: Cents(amount),
                side: .debit,
                source: LineSource(file: 0, line: lines.count + 1)
            )
        )
    }

    /// Spends `zvw` and `wlz` cents in total, on member 1.
    mutating func spend(zvw: Int64, wlz: Int64) {
        claim(1, .zvw, zvw)
        claim(1, .wlz, wlz)
    }

    func settle(incentives: Cents? = nil) throws -> Settlement {
        let population = PopulationEvaluation(roster: members, contract: contract)
        let groups =
            contract.distribution?.recipients.filter {
                if case .attributedMembers = $0.receiver { true } else { false }
            }.count ?? 0
        let (ledger, _) = try Self.ledger(
            of: lines,
            reconciler: ClaimReconciler(contract: contract),
            population: population,
            groupCount: groups
        )
        var calculator = SettlementCalculator(
            contract: contract,
            population: population,
            ledger: ledger,
            indicators: observations,
            inputs: [],
            incentives: incentives
        )
        calculator.completion = completion
        let settlement = try calculator.settle()
        try Self.checkInvariants(settlement)
        return settlement
    }

    /// The ledger of `lines` reconciled one member at a time, and their rejected lines.
    static func ledger(
        of lines: [ClaimLine],
        reconciler: ClaimReconciler,
        population: PopulationEvaluation,
        groupCount: Int
    ) throws -> (ledger: ClaimLedger, rejected: [RejectedLine]) {
        var ledger = ClaimLedger(memberCount: population.roster.count, groupCount: groupCount)
        var rejected: [RejectedLine] = []
        for (member, memberLines) in Dictionary(grouping: lines, by: \.member) {
            let (position, window) = population.window(of: member)
            let reconciliation = try reconciler.reconcile(memberLines, window: window, onRoster: position != nil)
            try ledger.add(
                reconciliation,
                member: position,
                lineCount: memberLines.count,
                amount: memberLines.map(\.signedAmount).sum()
            )
            rejected += reconciliation.rejected
        }
        return (ledger, rejected)
    }

    // What holds for every settlement: every party's net is what it receives minus what it pays, the nets
    // sum to zero, the transfers add up to the parties' positions, and totals are sums over regimes.
    static func checkInvariants(_ settlement: Settlement) throws {
        #expect(try settlement.parties.map(\.net).sum() == .zero)
        for party in settlement.parties {
            #expect(try party.receives - party.pays == party.net)
            #expect(try settlement.transfers.filter { $0.to == party.party }.map(\.amount).sum() == party.receives)
            #expect(try settlement.transfers.filter { $0.from == party.party }.map(\.amount).sum() == party.pays)
        }
        // The parts of the payout and of the shared loss sum exactly to them.
        let payout = settlement.transfers.filter {
            $0.reason == "shared savings" || ($0.reason == "capitation result" && settlement.sharing.payout > .zero)
        }
        #expect(try payout.map(\.amount).sum() == settlement.sharing.payout)
        let losses = settlement.transfers.filter {
            $0.reason == "shared losses" || ($0.reason == "capitation result" && settlement.sharing.lossPayment > .zero)
        }
        #expect(try losses.map(\.amount).sum() == settlement.sharing.lossPayment)
        #expect(try settlement.regimes.map(\.budget).sum() == settlement.totals.budget)
        #expect(try settlement.regimes.map(\.savings).sum() == settlement.totals.savings)
        let reconciliation = settlement.reconciliation
        #expect(
            try reconciliation.read.amount == reconciliation.accepted.amount + reconciliation.proRataExcluded
                + reconciliation.rejected.map(\.total.amount).sum()
        )
        #expect(
            reconciliation.read.lines == reconciliation.accepted.lines
                + reconciliation.rejected.map(\.total.lines).reduce(0, +)
        )
        // Every settlement verifies: each step recomputed from what its settlement.json records, read back
        // from the bytes, gives the figures recorded.
        let json = Array(SettlementJSON.render(settlement).serialized().utf8)
        let report = try SettlementVerifier.verify(json: json)
        #expect(report.discrepancies.isEmpty, "\(report.discrepancies.map(\.description).joined(separator: "\n"))")
        // A step the verifier does not know is one nobody can check: teach it the step's rule.
        let unknown = report.notRecomputable.filter { $0.reason == SettlementVerifier.unknownStep }.map(\.step)
        #expect(unknown.isEmpty, "steps the verifier does not know: \(unknown)")
    }

    /// The transfers of one kind, as (from, to, amount in cents).
    static func flows(_ settlement: Settlement, _ reason: String) -> [String] {
        settlement.transfers.filter { $0.reason == reason }.map { "\($0.from)→\($0.to) \($0.amount)" }
    }

    func terms() -> SharedSavingsTerms? {
        if case .sharedSavings(let terms) = contract.settlement { return terms }
        return nil
    }

    mutating func vary(_ change: (inout SharedSavingsTerms) -> Void) {
        guard var terms = terms() else { return }
        change(&terms)
        contract.settlement = .sharedSavings(terms)
    }
}
