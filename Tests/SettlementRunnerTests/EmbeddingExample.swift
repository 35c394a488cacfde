import CapitationCore
import ContractXML

// The example of the article "Embedding CapitationCore" and of the README, exactly as they show it
// (EmbeddingTests checks that they do, and settles it).
// embedding-example:start
/// Settles two members of the shared-losses contract, their claims held in memory.
func settleInMemory(contractAt path: String) throws -> Settlement {
    let contract = try ContractLoader().load(contentsOf: path).contract
    let born = try CalendarDate(parsing: "1940-05-01")
    let members = ["p1", "p2"].map { id in
        Member(id: MemberID(id), birthDate: born, sex: .female, municipality: "0294")
    }
    let day = DatePeriod(day: try CalendarDate(parsing: "2026-03-02"))
    func claim(_ id: String, _ regime: Regime, _ payer: String, _ category: CategoryCode, _ euros: Int64) -> ClaimLine {
        ClaimLine(
            claimID: id,
            member: "p1",
            regime: regime,
            payer: payer,
            provider: "coop",
            category: category,
            product: "visit",
            service: day,
            amount: Cents(euros * 100),
            side: .debit
        )
    }
    let claims = [
        claim("z1", .zvw, "insurer-a", "wijkverpleging", 6_000),
        claim("m1", .wmo, "winterswijk", "huishoudelijke-hulp", 2_000),
        claim("l1", .wlz, "zk-achterhoek", "vpt", 12_000),
    ]
    return try contract.settle(members: members, claims: claims)
}
// embedding-example:end
