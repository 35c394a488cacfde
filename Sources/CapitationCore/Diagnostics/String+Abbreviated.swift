extension String {
    /// The text shortened for a message: at most `limit` characters, with the total length when cut.
    ///
    /// Messages quote the values they refuse; a refused value can be megabytes long.
    package func abbreviated(to limit: Int = 60) -> String {
        guard count > limit else { return self }
        return prefix(limit) + "… (\(count) characters)"
    }
}
