/// One step of the pipeline that turns a value into the next, alone and synchronously,
/// like a handler in a SwiftNIO pipeline: normalize (`RawDocument → Article`) and
/// extract (`Article → [Mention]`).
///
/// A stage is a value with no shared mutable state, so the runner may call it from any
/// number of threads at once. A document that cannot pass throws ``DocumentError``;
/// the runner records it as a ``Failure`` and carries on.
public protocol Stage: Sendable {
    associatedtype Input: Sendable
    associatedtype Output: Sendable

    /// The name recorded in `failures.stage`.
    static var name: StageName { get }

    func process(_ input: Input) throws(DocumentError) -> Output
}
