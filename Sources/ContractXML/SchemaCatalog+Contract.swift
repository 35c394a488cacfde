import SafeXML

extension SchemaCatalog {
    /// The catalog of the contract schema, built once.
    static let contract = SchemaCatalog(schema: PackageResources.contract_xsd)
}
