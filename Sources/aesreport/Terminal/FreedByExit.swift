/// Values a command is done with at its very end, kept until the process exits instead of freed piece by piece:
/// a fleet's analysis is millions of small allocations, and the kernel takes the whole address space back at
/// once (as compilers do with their syntax trees). Only for what a command holds until it returns.
enum FreedByExit {
    /// Written only by the command's own thread, once, as its last step.
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `value` alive until the process exits.
    static func keep(_ value: Any) {
        kept.append(value)
    }
}
