/// A failure while building a test artifact (libarchive refused an entry, a file could not be written).
public struct TestSupportError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
