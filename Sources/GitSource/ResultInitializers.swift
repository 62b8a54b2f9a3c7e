extension FetchResult {
    /// A result with no transfer or traffic counted, for code that stands in for a mirror (the
    /// agent's reconciler is tested against a fake source). An extension, so the memberwise
    /// initializer GitSource itself uses stays.
    public init(old: String?, new: String, change: Change, fetched: Bool, duration: Duration = .zero) {
        self.init(old: old, new: new, change: change, fetched: fetched, transfer: TransferProgress(), traffic: Traffic(),
                  duration: duration)
    }
}
