import Dispatch

/// `map` over all cores, results in input order.
public enum ParallelMap {
    public static func map<T, R: Sendable>(_ items: [T], _ transform: (T) -> R) -> [R] {
        guard items.count > 1 else { return items.map(transform) }
        let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
        results.initialize(repeating: nil)
        defer {
            // The results were copied out; their storage must be released before the memory is freed.
            results.deinitialize()
            results.deallocate()
        }
        let box = UncheckedBox(results)
        items.withUnsafeBufferPointer { input in
            let inputBox = UncheckedBox(input)
            withoutActuallyEscaping(transform) { transform in
                let transformBox = UncheckedBox(transform)
                DispatchQueue.concurrentPerform(iterations: items.count) { index in
                    box.value[index] = transformBox.value(inputBox.value[index])
                }
            }
        }
        return results.map { $0! }
    }
}

/// Carries a value to other threads where the caller guarantees the sharing is safe: `concurrentPerform`'s
/// iterations writing disjoint indexes, or a job handed to a thread of its own that the caller waits for.
public struct UncheckedBox<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

