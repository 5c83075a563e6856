import CLibXML2
import Foundation

/// One item of a feed: an article to fetch, with what the feed says about it.
public struct FeedItem: Sendable, Equatable, Codable {
    /// The article's URL, absolute (relative links are resolved against the feed's URL).
    public var link: String
    public var title: String?
    /// The date as the feed writes it (RFC 2822 in RSS, ISO 8601 in Atom); normalize
    /// reads it.
    public var published: String?
    /// RSS `guid`, Atom `id`, RSS 1.0 `rdf:about`.
    public var guid: String?

    public init(link: String, title: String? = nil, published: String? = nil, guid: String? = nil) {
        self.link = link
        self.title = title
        self.published = published
        self.guid = guid
    }
}

/// Reads RSS 2.0 (and 0.9x), RSS 1.0 (RDF) and Atom 1.0 feeds with libxml2's XML
/// parser: the items' links, titles, dates and ids.
///
/// Elements are matched by local name, so any namespace prefix works (`dc:date`,
/// `atom:link`). The parser recovers from small breakage, never touches the network
/// (no external DTD or entities) and never expands entities: text is read from text
/// and CDATA nodes only, so an entity bomb in a hostile feed stays unexpanded.
/// Items without a usable link are skipped, and a link that appears twice is taken once.
public enum FeedParser {
    /// The items of the feed in `bytes`, fetched from `feedURL`, in feed order.
    ///
    /// - Throws: ``DocumentError`` when the bytes are not XML or not a feed.
    public static func items(of bytes: [UInt8], feedURL: String) throws(DocumentError) -> [FeedItem] {
        _ = HTMLDocument.initializeLibrary
        geotag_xml_silence_errors()
        guard !bytes.isEmpty, bytes.count < Int(Int32.max) else { throw DocumentError("not a feed: the body is empty") }
        let options = Int32(XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
            | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_COMPACT.rawValue)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { xmlReadMemory($0.baseAddress, Int32($0.count), feedURL, nil, options) }
        }
        guard let document else { throw DocumentError("not a feed: the body is not XML") }
        defer { xmlFreeDoc(document) }
        guard let root = xmlDocGetRootElement(document).map(Element.init) else { throw DocumentError("not a feed: the body is not XML") }
        // A feed cut short by libxml2's depth ceiling would lose its later items unseen.
        let maxDepth = LimitsConfig().maxDepth
        if LibXMLTree.depth(of: document, reaching: maxDepth + 1) > maxDepth {
            throw DocumentError("feed: \(Normalizer.tooDeep(maxDepth))")
        }

        let base = URL(string: feedURL)
        var raw: [FeedItem?]
        switch root.name {
        case "rss":
            let channel = root.children(named: "channel").first
            raw = (channel?.children(named: "item") ?? root.children(named: "item")).map { rssItem($0, base: base) }
        case "rdf":
            raw = (root.children(named: "item") + root.children(named: "channel").flatMap { $0.children(named: "item") })
                .map { rssItem($0, base: base) }
        case "feed":
            raw = root.children(named: "entry").map { atomEntry($0, base: base) }
        default:
            throw DocumentError("not an RSS or Atom feed (the root element is <\(root.name)>)")
        }
        var seen = Set<String>()
        return raw.compactMap { $0 }.filter { seen.insert($0.link).inserted }
    }

    /// An RSS 2.0 or 1.0 item: `link` (or a permalink `guid`), `title`, `pubDate` or
    /// `dc:date`, `guid` or `rdf:about`.
    private static func rssItem(_ item: Element, base: URL?) -> FeedItem? {
        let guidElement = item.children(named: "guid").first
        let guid = guidElement?.text ?? item.attribute("about")
        var link = item.children(named: "link").first?.text
        if link == nil, let guidElement, guidElement.attribute("ispermalink")?.lowercased() != "false" {
            link = guidElement.text
        }
        guard let absolute = link.flatMap({ absoluteLink($0, base: base) }) else { return nil }
        let published = item.children(named: "pubdate").first?.text ?? item.children(named: "date").first?.text
        return FeedItem(link: absolute, title: item.children(named: "title").first?.text, published: published, guid: guid)
    }

    /// An Atom entry: the `link` whose `rel` is `alternate` (or absent), an HTML one
    /// first; `title`; `published`, else `updated`; `id`.
    private static func atomEntry(_ entry: Element, base: URL?) -> FeedItem? {
        let alternates = entry.children(named: "link").filter { ($0.attribute("rel") ?? "alternate").lowercased() == "alternate" }
        let link = (alternates.first { ($0.attribute("type") ?? "").lowercased().contains("html") } ?? alternates.first)?.attribute("href")
        guard let absolute = link.flatMap({ absoluteLink($0, base: base) }) else { return nil }
        let published = entry.children(named: "published").first?.text ?? entry.children(named: "updated").first?.text
        return FeedItem(link: absolute, title: entry.children(named: "title").first?.text, published: published, guid: entry.children(named: "id").first?.text)
    }

    /// `link` resolved against the feed's URL, when the result is http(s).
    private static func absoluteLink(_ link: String, base: URL?) -> String? {
        guard let url = URL(string: link.trimmingASCIIWhitespace, relativeTo: base)?.absoluteURL,
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else { return nil }
        return url.absoluteString
    }

    /// A view of one element of the parsed tree, valid while the document lives.
    private struct Element {
        let node: xmlNodePtr

        /// The local name, lower-cased (`pubdate`, `link`), without a namespace prefix.
        var name: String {
            node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
        }

        /// The child elements whose local name is `name` (lower case).
        func children(named name: String) -> [Element] {
            var result: [Element] = []
            var child = node.pointee.children
            while let current = child {
                if current.pointee.type == XML_ELEMENT_NODE, Element(node: current).name == name { result.append(Element(node: current)) }
                child = current.pointee.next
            }
            return result
        }

        /// The text of the text and CDATA nodes below this element, whitespace
        /// collapsed; nil when there is none. Entity references are not followed.
        var text: String? {
            var pieces: [String] = []
            collectText(node, into: &pieces)
            let collapsed = pieces.joined().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            return collapsed.isEmpty ? nil : collapsed
        }

        private func collectText(_ node: xmlNodePtr, into pieces: inout [String]) {
            var child = node.pointee.children
            while let current = child {
                switch current.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = current.pointee.content { pieces.append(String(cString: content)) }
                case XML_ELEMENT_NODE:
                    collectText(current, into: &pieces)
                default:
                    break
                }
                child = current.pointee.next
            }
        }

        /// The value of the attribute whose local name is `name` (lower case).
        func attribute(_ name: String) -> String? {
            var attribute = node.pointee.properties
            while let current = attribute {
                if let attributeName = current.pointee.name, String(cString: attributeName).lowercased() == name {
                    return current.pointee.children.flatMap { $0.pointee.content }.map { String(cString: $0) }
                }
                attribute = current.pointee.next
            }
            return nil
        }
    }
}
