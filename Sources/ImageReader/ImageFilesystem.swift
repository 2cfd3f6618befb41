import SpoolscanCore

/// The final filesystem of an image: its layers applied in order with whiteouts, each path
/// remembering the layer that last wrote it. Holds metadata only, never file contents.
public final class ImageFilesystem {
    /// A path in the final view and the layer (image index) that put it there.
    public struct Node: Sendable, Equatable {
        public let entry: LayerEntry
        public let layerIndex: Int
    }

    final class TreeNode {
        var node: Node
        var children: [String: TreeNode]
        init(node: Node) { self.node = node; self.children = [:] }
    }

    private let root = TreeNode(node: Node(entry: LayerEntry(path: "", kind: .directory, mode: 0o755), layerIndex: 0))
    private let maxSymlinkHops: Int

    /// Builds the view from each layer's entries, base layer first.
    public init(layers: [[LayerEntry]], maxSymlinkHops: Int = ScanLimits.standard.maxSymlinkHops) {
        self.maxSymlinkHops = maxSymlinkHops
        for (index, entries) in layers.enumerated() { apply(entries, layerIndex: index) }
    }

    private func apply(_ entries: [LayerEntry], layerIndex: Int) {
        // Whiteouts act on lower layers only, so apply them before this layer's own entries.
        for entry in entries {
            switch entry.kind {
            case .whiteout:
                let (parent, name) = splitParent(entry.path)
                findDirectory(parent)?.children.removeValue(forKey: name)
            case .opaqueWhiteout:
                if entry.path.isEmpty { root.children.removeAll() } else { findDirectory(entry.path)?.children.removeAll() }
            default: break
            }
        }
        for entry in entries where entry.kind != .whiteout && entry.kind != .opaqueWhiteout {
            insert(entry, layerIndex: layerIndex)
        }
    }

    private func insert(_ entry: LayerEntry, layerIndex: Int) {
        guard !entry.path.isEmpty else { return }
        var dir = root
        let components = Self.components(of: entry.path)
        guard let last = components.last else { return }
        for (depth, component) in components.dropLast().enumerated() {
            let name = String(component)
            if let next = dir.children[name], next.node.entry.kind == .directory {
                dir = next
                continue
            }
            // A folder no entry has named yet: its path is built only now, not for every entry.
            let prefix = components[...depth].joined(separator: "/")
            let made = TreeNode(node: Node(entry: LayerEntry(path: prefix, kind: .directory, mode: 0o755), layerIndex: layerIndex))
            if let replaced = dir.children[name], replaced.node.entry.kind == .symlink {
                // A later layer writing below a symlinked folder: keep the layer's own view.
                made.children = replaced.children
            }
            dir.children[name] = made
            dir = made
        }
        let name = String(last)
        let node = Node(entry: entry, layerIndex: layerIndex)
        if let existing = dir.children[name], existing.node.entry.kind == .directory, entry.kind == .directory {
            existing.node = node
        } else {
            dir.children[name] = TreeNode(node: node)
        }
    }

    /// The non-empty components of `path` between `/`s, split on its bytes: splitting by
    /// Character cost more than the rest of building the view.
    static func components(of path: String) -> [Substring] {
        path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map { Substring($0) }
    }

    private func splitParent(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    private func findDirectory(_ path: String) -> TreeNode? {
        var node = root
        for component in Self.components(of: path) {
            guard let next = node.children[String(component)] else { return nil }
            node = next
        }
        return node
    }

    /// The node at `path` exactly as written (symlinks are not followed).
    public func node(at path: String) -> Node? {
        let trimmed = path.hasPrefix("/") ? String(path.dropFirst()) : path
        if trimmed.isEmpty { return root.node }
        return findDirectory(trimmed)?.node
    }

    /// Resolves `path` like the kernel would inside the image root: symlinks in every
    /// component (and the last one too), `..` never above the root. Returns nil when the path
    /// does not exist; throws `SCAN-008` on a symlink loop.
    public func resolve(_ path: String) throws(SpoolscanError) -> Node? {
        var hops = 0
        var pending = Self.components(of: path).map(String.init).reversed() as [String]
        var stack: [TreeNode] = [root]
        while let component = pending.popLast() {
            if component.isEmpty || component == "." { continue }
            if component == ".." {
                if stack.count > 1 { stack.removeLast() }
                continue
            }
            guard let child = stack.last!.children[component] else { return nil }
            if child.node.entry.kind == .symlink, let target = child.node.entry.linkTarget {
                hops += 1
                if hops > maxSymlinkHops {
                    throw SpoolscanError(.symlinkLoop, "resolving \(path)")
                }
                if target.hasPrefix("/") { stack = [root] }
                pending.append(contentsOf: Self.components(of: target).map(String.init).reversed())
                continue
            }
            stack.append(child)
        }
        return stack.last!.node
    }

    /// True when the final view shows the version of `path` that layer `layerIndex` wrote,
    /// i.e. no later layer replaced or deleted it.
    public func isVisible(path: String, fromLayer layerIndex: Int) -> Bool {
        node(at: path)?.layerIndex == layerIndex
    }

    /// Every entry of the final view except the root, depth first in path order: each parent
    /// right before its children, siblings sorted by name (`etc`, `etc/issue`, `var`, …).
    public func forEach(_ body: (Node) throws -> Void) rethrows {
        var stack: [TreeNode] = Self.sortedChildren(of: root)
        while let node = stack.popLast() {
            try body(node.node)
            stack.append(contentsOf: Self.sortedChildren(of: node))
        }
    }

    /// Children in reverse name order, so popping a stack yields them sorted.
    private static func sortedChildren(of node: TreeNode) -> [TreeNode] {
        node.children.sorted { $0.key > $1.key }.map(\.value)
    }

    /// Number of entries in the final view.
    public var count: Int {
        var total = 0
        forEach { _ in total += 1 }
        return total
    }
}
