import CapitationCore
import SafeXML

extension ContractDecoder {
    mutating func decodeRegime(_ element: XMLElement, at index: Int) -> RegimeTerms? {
        sourceMap[.regime(index)] = element
        guard let regime = value(of: "name", in: element, as: Regime.self),
            let financier = required(element, "financier"),
            let perCapita = element.child(named: "perCapita"),
            let annual = cents("annual", in: perCapita)
        else { return nil }
        sourceMap[.perCapita(regime: index)] = perCapita
        var terms = RegimeTerms(
            regime: regime,
            financier: PartyID(financier),
            riskModel: text("riskModel", in: element).map(RiskModelID.init(rawValue:)),
            perCapitaAnnual: annual,
            scope: Scope()
        )
        if let scope = element.child(named: "scope") {
            sourceMap[.scope(regime: index)] = scope
            terms.scope = decodeScope(scope, regime: index)
        }
        for (trendIndex, trend) in element.children(named: "trend").enumerated() {
            sourceMap[.trend(regime: index, trend: trendIndex)] = trend
            if let percent = requiredPercentage("percent", in: trend) {
                terms.trends.append(
                    Trend(percent: percent, year: integer("year", in: trend), label: text("label", in: trend))
                )
            }
        }
        if let discount = element.child(named: "discount") {
            sourceMap[.discount(regime: index)] = discount
            terms.discount = requiredPercentage("percent", in: discount)
        }
        if let adjustment = element.child(named: "trendAdjustment") {
            sourceMap[.trendAdjustment(regime: index)] = adjustment
            var rule = TrendAdjustment(threshold: percentage("thresholdPercent", in: adjustment) ?? 0)
            for (corridorIndex, corridor) in adjustment.children(named: "corridor").enumerated() {
                sourceMap[.trendCorridor(regime: index, corridor: corridorIndex)] = corridor
                guard let from = requiredPercentage("fromPercent", in: corridor),
                    let borne = requiredPercentage("bornePercent", in: corridor)
                else { continue }
                rule.corridors.append(
                    TrendCorridor(from: from, to: percentage("toPercent", in: corridor), borne: borne)
                )
            }
            for (actualIndex, actual) in adjustment.children(named: "actual").enumerated() {
                sourceMap[.trendActual(regime: index, actual: actualIndex)] = actual
                guard let year = integer("year", in: actual), let percent = requiredPercentage("percent", in: actual)
                else { continue }
                rule.actuals.append(
                    TrendActual(
                        year: year,
                        percent: percent,
                        forecastPercent: percentage("forecastPercent", in: actual)
                    )
                )
            }
            terms.trendAdjustment = rule
        }
        return terms
    }

    /// Scope entries are numbered categories first, then products, then care profiles, as
    /// ``ContractElement/scopeEntry(regime:entry:)`` expects.
    private mutating func decodeScope(_ element: XMLElement, regime: Int) -> Scope {
        var scope = Scope()
        let categories = element.children(named: "category")
        let products = element.children(named: "product")
        for (offset, category) in categories.enumerated() {
            sourceMap[.scopeEntry(regime: regime, entry: offset)] = category
            guard let code = required(category, "code") else { continue }
            scope.categories.append(ScopeCategory(code: CategoryCode(code), label: text("label", in: category)))
        }
        for (offset, product) in products.enumerated() {
            sourceMap[.scopeEntry(regime: regime, entry: categories.count + offset)] = product
            guard let code = required(product, "code") else { continue }
            scope.products.append(
                ScopeProduct(
                    code: ProductCode(code),
                    category: text("category", in: product).map(CategoryCode.init(rawValue:)),
                    label: text("label", in: product)
                )
            )
        }
        for (offset, profile) in element.children(named: "careProfile").enumerated() {
            sourceMap[.scopeEntry(regime: regime, entry: categories.count + products.count + offset)] = profile
            guard let code = required(profile, "code") else { continue }
            scope.careProfiles.append(
                ScopeCareProfile(code: CareProfileCode(code), label: text("label", in: profile))
            )
        }
        return scope
    }
}
