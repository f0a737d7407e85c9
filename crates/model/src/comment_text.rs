//! A comment server's HTML made into plain text, so that the app shows comments as text
//! nodes and nothing a commenter wrote can become markup.
//!
//! Isso renders a comment's Markdown to HTML and escapes the author's name and website. The
//! app does not trust either to be harmless: it keeps the words, drops every tag, and
//! decodes character references, so `<img src=x onerror=alert(1)>` typed by a commenter
//! shows as those characters.

/// Elements whose end (or, for `br`, whose presence) ends a paragraph of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "hr",
    "ul",
    "ol",
    "table",
];

/// Elements whose content is never text to show.
const HIDDEN: &[&str] = &[
    "script", "style", "template", "noscript", "iframe", "object",
];

/// The paragraphs of text in an HTML fragment: tags dropped, character references decoded,
/// runs of white space folded, empty paragraphs left out.
pub fn html_to_paragraphs(html: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut hidden_until: Option<String> = None;
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(at) => {
                if hidden_until.is_none() {
                    current.push_str(&decode_entities(&rest[..at]));
                }
                let tag_text = &rest[at..];
                let starts_tag = tag_text[1..]
                    .starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '/' | '!' | '?'));
                if !starts_tag {
                    // A lone '<' is text, as it is to a browser.
                    if hidden_until.is_none() {
                        current.push('<');
                    }
                    rest = &tag_text[1..];
                    continue;
                }
                let end = tag_end(tag_text);
                let (name, closing) = tag_name(&tag_text[..end]);
                rest = &tag_text[end..];
                if let Some(hidden) = &hidden_until {
                    if closing && name == *hidden {
                        hidden_until = None;
                    }
                    continue;
                }
                if !closing && HIDDEN.contains(&name.as_str()) {
                    hidden_until = Some(name);
                } else if BLOCKS.contains(&name.as_str()) {
                    flush(&mut current, &mut paragraphs);
                }
            }
            None => {
                if hidden_until.is_none() {
                    current.push_str(&decode_entities(rest));
                }
                rest = "";
            }
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

/// The text of an HTML fragment on one line (for names and other short fields).
pub fn html_to_text(html: &str) -> String {
    html_to_paragraphs(html).join(" ")
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    let folded = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !folded.is_empty() {
        paragraphs.push(folded);
    }
    current.clear();
}

/// Where the tag starting `text` (at its `<`) ends: after its `>`, skipping `>` inside
/// quoted attribute values, or at the end of the text.
fn tag_end(text: &str) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    text.len()
}

/// The lower-case element name of a tag and whether it closes an element. Comments and
/// declarations give an empty name.
fn tag_name(tag: &str) -> (String, bool) {
    let inner = tag.trim_start_matches('<');
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name: String = inner
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (name, closing)
}

/// Decodes HTML character references: the named ones comment servers emit and every
/// numeric one. Anything else is left as it was written.
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let reference = after
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| decode_reference(&after[..end]).map(|c| (c, end)));
        match reference {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_reference(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|&c| c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "copy" => '©',
        _ => return None,
    })
}

/// A commenter's website as a link target: only an absolute http(s) address, else nothing.
pub fn safe_website(url: &str) -> Option<String> {
    let url = decode_entities(url.trim());
    let lower = url.to_ascii_lowercase();
    let ok = (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<');
    ok.then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_come_out_as_text() {
        assert_eq!(
            html_to_paragraphs("<p>First <em>one</em>,\nwrapped.</p>\n<p>Second &amp; last</p>"),
            ["First one, wrapped.", "Second & last"]
        );
        assert_eq!(
            html_to_paragraphs("line one<br>line two<ul><li>a</li><li>b</li></ul>"),
            ["line one", "line two", "a", "b"]
        );
    }

    #[test]
    fn markup_a_commenter_typed_shows_as_harmless_text() {
        // Isso escapes raw HTML it does not allow: decoding gives back the typed characters,
        // which the app shows as text.
        let escaped =
            "<p>&lt;img src=x onerror=alert(1)&gt; and &lt;script&gt;alert(2)&lt;/script&gt;</p>";
        assert_eq!(
            html_to_paragraphs(escaped),
            ["<img src=x onerror=alert(1)> and <script>alert(2)</script>"]
        );
        // Real tags, should a server let them through, are dropped with their power.
        let live = r#"<p>hi<img src=x onerror="alert('>')"><script>alert(1)</script><svg onload=alert(1)></svg></p>"#;
        assert_eq!(html_to_paragraphs(live), ["hi"]);
        assert_eq!(html_to_paragraphs("<style>p{}</style>text"), ["text"]);
        assert_eq!(html_to_paragraphs("a <!-- note --> b"), ["a b"]);
        assert_eq!(html_to_paragraphs("1 < 2 and 3 <= 4"), ["1 < 2 and 3 <= 4"]);
    }

    #[test]
    fn character_references_decode_and_bad_ones_stay() {
        assert_eq!(decode_entities("&#39;&#x27;&quot;&lt;&gt;&amp;"), "''\"<>&");
        assert_eq!(
            decode_entities("fish & chips &bogus; &#0; &#xZZ;"),
            "fish & chips &bogus; &#0; &#xZZ;"
        );
        assert_eq!(decode_entities("caf&eacute; &#233;"), "caf&eacute; é");
        assert_eq!(html_to_text("Ann &amp; Bob"), "Ann & Bob");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            safe_website("https://ann.example/?a=1&amp;b=2"),
            Some("https://ann.example/?a=1&b=2".into())
        );
        assert_eq!(safe_website("javascript:alert(1)"), None);
        assert_eq!(safe_website("java&#115;cript:alert(1)"), None);
        assert_eq!(safe_website("data:text/html,x"), None);
        assert_eq!(safe_website("http://x.example/\" onmouseover=\"x"), None);
        assert_eq!(safe_website(""), None);
    }
}
