import CLibXML2

/// A page parsed by libxml2's forgiving HTML parser (recover, no error output, no
/// network). It owns the libxml2 tree and frees it when dropped; ``HTMLNode`` values
/// borrow from it and must not outlive it.
///
/// Not `Sendable`: a document is parsed, read and dropped inside one call of the
/// normalize stage, on one thread. libxml2 itself is safe to use from many threads for
/// separate documents once ``HTMLDocument/initializeLibrary`` has run.
final class HTMLDocument {
    private let document: htmlDocPtr

    /// Parses `bytes` as HTML. UTF-8 unless the bytes are not valid UTF-8 and the page
    /// declares another charset (`<meta charset>`), which libxml2 then honours; bytes
    /// that are neither are read as UTF-8 with invalid sequences replaced (U+FFFD), so
    /// a stray bad byte does not turn the whole page into Latin-1 mojibake. Returns nil
    /// when libxml2 makes no document at all (empty input).
    init?(bytes: [UInt8]) {
        _ = Self.initializeLibrary
        geotag_xml_silence_errors()
        if String(validating: bytes, as: UTF8.self) != nil {
            guard let parsed = Self.parse(bytes, encoding: "UTF-8") else { return nil }
            document = parsed
            return
        }
        if let parsed = Self.parse(bytes, encoding: nil) {
            if let declared = parsed.pointee.encoding, !Self.isUTF8Name(String(cString: declared)) {
                document = parsed
                return
            }
            xmlFreeDoc(parsed)
        }
        let decoded = String(decoding: bytes, as: UTF8.self)
        replacedSequences = TextHygiene.replacedSequences(in: bytes, decoded: decoded)
        guard let parsed = Self.parse(Array(decoded.utf8), encoding: "UTF-8") else { return nil }
        document = parsed
    }

    /// How many invalid UTF-8 sequences were replaced with U+FFFD before parsing; 0
    /// when the bytes were valid or in the charset the page declares.
    private(set) var replacedSequences = 0

    deinit { xmlFreeDoc(document) }

    /// How deep the elements nest, counted no further than `limit`. libxml2 stops
    /// parsing (keeping what it read) at 256 levels, so a page that reaches that deep
    /// has lost its rest: the normalizer refuses it rather than extract half of it.
    func depth(reaching limit: Int) -> Int {
        LibXMLTree.depth(of: document, reaching: limit)
    }

    /// The root element (`<html>`, which the parser adds when the markup lacks it).
    var root: HTMLNode? {
        xmlDocGetRootElement(document).map(HTMLNode.init)
    }

    /// The `<body>` element, or the root when there is none.
    var body: HTMLNode? {
        guard let root else { return nil }
        return root.children.first { $0.tag == "body" } ?? root
    }

    /// Runs `xmlInitParser` once per process, before any parse, as libxml2 asks of
    /// threaded programs.
    static let initializeLibrary: Void = xmlInitParser()

    private static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)

    private static func parse(_ bytes: [UInt8], encoding: String?) -> htmlDocPtr? {
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(chars.count), nil, encoding, options)
            }
        }
    }

    private static func isUTF8Name(_ name: String) -> Bool {
        let folded = name.lowercased().filter { $0 != "-" && $0 != "_" }
        return folded == "utf8"
    }
}

/// One node of an ``HTMLDocument``'s tree: an element, a text node or anything else
/// (comments, processing instructions), which readers skip.
struct HTMLNode {
    fileprivate let node: xmlNodePtr

    fileprivate init(_ node: xmlNodePtr) { self.node = node }

    var isElement: Bool { node.pointee.type == XML_ELEMENT_NODE }

    /// A text or CDATA node: its characters, entities already decoded.
    var isText: Bool { node.pointee.type == XML_TEXT_NODE || node.pointee.type == XML_CDATA_SECTION_NODE }

    /// The element's name in lower case (`p`, `h1`); empty for other nodes. libxml2's
    /// HTML parser already lower-cases element and attribute names.
    var tag: String {
        guard isElement, let name = node.pointee.name else { return "" }
        return String(cString: name)
    }

    /// Identifies the node within its document, for tables keyed by node.
    var identity: UnsafeMutableRawPointer { UnsafeMutableRawPointer(node) }

    /// The characters of a text node; empty for other nodes.
    var text: String {
        guard isText, let content = node.pointee.content else { return "" }
        return String(cString: content)
    }

    /// How many letters and digits the text node holds, counted on libxml2's bytes
    /// without making a `String`; 0 for other nodes.
    var textLetters: Int {
        guard isText, let content = node.pointee.content else { return 0 }
        return TextMeasure.letters(inUTF8: UnsafePointer(content))
    }

    /// The children, in document order.
    var children: [HTMLNode] {
        var result: [HTMLNode] = []
        var child = node.pointee.children
        while let current = child {
            result.append(HTMLNode(current))
            child = current.pointee.next
        }
        return result
    }

    /// The first child node, nil when there is none.
    var firstChild: HTMLNode? { node.pointee.children.map(HTMLNode.init) }

    /// The next node with the same parent, nil after the last.
    var nextSibling: HTMLNode? { node.pointee.next.map(HTMLNode.init) }

    /// The parent element, nil at the root.
    var parent: HTMLNode? {
        guard let parent = node.pointee.parent, parent.pointee.type == XML_ELEMENT_NODE else { return nil }
        return HTMLNode(parent)
    }

    /// The value of the attribute `name` (lower case), nil when absent.
    func attribute(_ name: String) -> String? {
        var found: String?
        forEachAttribute { attributeName, value in
            guard attributeName == name else { return true }
            found = value()
            return false
        }
        return found
    }

    /// Calls `body` with the name of each attribute and a function that reads its
    /// value (decoded only when asked for), until `body` returns false.
    func forEachAttribute(_ body: (_ name: String, _ value: () -> String) -> Bool) {
        var attribute = node.pointee.properties
        while let current = attribute {
            if let attributeName = current.pointee.name {
                let keepGoing = body(String(cString: attributeName)) {
                    var value = ""
                    var child = current.pointee.children
                    while let text = child {
                        if let content = text.pointee.content { value += String(cString: content) }
                        child = text.pointee.next
                    }
                    return value
                }
                if !keepGoing { return }
            }
            attribute = current.pointee.next
        }
    }

    /// All the text below this node, concatenated in document order, raw (not cleaned).
    var textContent: String {
        if isText { return text }
        return children.reduce(into: "") { $0 += $1.textContent }
    }

    /// Whether an ancestor (not this node) is an element named `tag`.
    func hasAncestor(_ tag: String) -> Bool {
        var current = parent
        while let node = current {
            if node.tag == tag { return true }
            current = node.parent
        }
        return false
    }
}

/// Walks of a libxml2 tree (HTML or XML) that need no recursion, so no input can run
/// the stack out.
enum LibXMLTree {
    /// The deepest element nesting under `document` (its root element is 1), counted
    /// no further than `limit`.
    static func depth(of document: xmlDocPtr, reaching limit: Int) -> Int {
        guard var node = xmlDocGetRootElement(document) else { return 0 }
        let root = node
        var depth = 1, deepest = 1
        while true {
            if depth < limit, let child = firstElement(from: node.pointee.children) {
                node = child
                depth += 1
                deepest = max(deepest, depth)
                continue
            }
            // Up until an element has a next element sibling.
            while true {
                if node == root { return deepest }
                if let sibling = firstElement(from: node.pointee.next) {
                    node = sibling
                    break
                }
                guard let parent = node.pointee.parent else { return deepest }
                node = parent
                depth -= 1
            }
        }
    }

    /// `node` or the first element among its following siblings.
    private static func firstElement(from node: xmlNodePtr?) -> xmlNodePtr? {
        var node = node
        while let current = node, current.pointee.type != XML_ELEMENT_NODE { node = current.pointee.next }
        return node
    }
}
