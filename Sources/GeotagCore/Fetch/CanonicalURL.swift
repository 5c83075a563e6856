import Foundation

/// The canonical form of an article URL, which identifies a document (its `doc_id` is
/// a hash of it) and keys the fetch state, so that the same article reached by two
/// links is one document.
///
/// Canonical means: scheme and host in lower case, no default port, no fragment, an
/// empty path as `/`, and no tracking parameters in the query (`utm_*` and the click
/// ids of the big ad and mail platforms, see ``trackingParameters``); the other
/// parameters keep their order and spelling.
public enum CanonicalURL {
    /// Query parameters that only say where a click came from, never which article.
    static let trackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid", "mc_cid", "mc_eid",
        "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "rb_clickid",
        "s_cid", "at_medium", "at_campaign", "ocid", "cmpid", "ito", "xtor",
    ]

    /// The canonical form of `text`, or nil when it is not an absolute http(s) URL with
    /// a host.
    public static func canonical(_ text: String) -> String? {
        guard var components = URLComponents(string: text.trimmingASCIIWhitespace),
              let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host, !host.isEmpty
        else { return nil }
        components.scheme = scheme
        components.percentEncodedHost = components.percentEncodedHost?.lowercased()
        if components.port == (scheme == "https" ? 443 : 80) { components.port = nil }
        components.fragment = nil
        if components.percentEncodedPath.isEmpty { components.percentEncodedPath = "/" }
        if let query = components.percentEncodedQuery {
            let kept = query.split(separator: "&", omittingEmptySubsequences: true).filter { !isTracking(parameter: $0) }
            components.percentEncodedQuery = kept.isEmpty ? nil : kept.joined(separator: "&")
        }
        return components.string
    }

    /// Whether the `name=value` pair `pair` is a tracking parameter.
    private static func isTracking(parameter pair: Substring) -> Bool {
        let rawName = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let name = (String(rawName).removingPercentEncoding ?? String(rawName)).lowercased()
        return name.hasPrefix("utm_") || trackingParameters.contains(name)
    }

    /// The URL that names a fetched page: its `<link rel=canonical>` (or `og:url`)
    /// when that is on the same site as the address it was fetched from, else that
    /// address; both canonical. A canonical link to another site is ignored, so a page
    /// cannot pass itself off as another site's article.
    public static func preferred(pageCanonical: String?, fetchedFrom address: String) -> String {
        let fetched = canonical(address) ?? address
        guard let pageCanonical, let page = canonical(pageCanonical),
              let pageHost = URLComponents(string: page)?.host, let fetchedHost = URLComponents(string: fetched)?.host,
              siteName(pageHost) == siteName(fetchedHost)
        else { return fetched }
        return page
    }

    /// A host without the prefixes that name the same site's other editions
    /// (`www.`, `m.`, `amp.`).
    static func siteName(_ host: String) -> String {
        var name = host.lowercased()
        for prefix in ["www.", "m.", "amp."] where name.hasPrefix(prefix) && name.count > prefix.count {
            name.removeFirst(prefix.count)
        }
        return name
    }
}
