//! Words and markup shared by the app and the native tools: counts with their nouns
//! ("1 post", "3 comments"), escaping text for HTML and XML, and HTML made into plain text
//! with its character references decoded.
//!
//! A comment server's HTML goes through [`html_to_paragraphs`] so that the app shows comments
//! as text nodes and nothing a commenter wrote can become markup: the words are kept, every
//! tag is dropped, and references are decoded, so `<img src=x onerror=alert(1)>` typed by a
//! commenter shows as those characters.

/// `n` and its noun, plural unless `n` is 1: "1 post", "0 results", "12 comments". The
/// nouns here all take an "s".
pub fn count(n: usize, noun: &str) -> String {
    let plural = if n == 1 { "" } else { "s" };
    format!("{n} {noun}{plural}")
}

/// Text made safe inside HTML or XML, in an element or a double-quoted attribute (`&`, `<`,
/// `>` and `"` escaped, by htmlize).
pub fn escape_markup(text: &str) -> String {
    htmlize::escape_attribute(text).into_owned()
}

/// Elements whose start or end ends a paragraph of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
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
/// runs of white space folded, `<br>` kept as a line break (`\n`) within its paragraph,
/// empty paragraphs left out. What the app shows as text, never as markup.
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
                } else if name == "br" {
                    current.push_str(LINE_BREAK);
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

/// The text of an HTML fragment on one line: for excerpts, meta descriptions, the search
/// index, names and other short fields.
pub fn html_to_text(html: &str) -> String {
    html_to_paragraphs(html).join(" ").replace('\n', " ")
}

/// Stands for a `<br>` until white space is folded: a word of its own among the words.
const LINE_BREAK: &str = " \u{1} ";

/// Ends the paragraph being read: white space folded to single spaces, line breaks kept
/// (one `\n` for any run of them, none at either end), nothing if it holds no words.
fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    let mut folded = String::new();
    let mut broken = false;
    for word in current.split_whitespace() {
        if word == LINE_BREAK.trim() {
            broken = !folded.is_empty();
            continue;
        }
        if !folded.is_empty() {
            folded.push(if broken { '\n' } else { ' ' });
        }
        folded.push_str(word);
        broken = false;
    }
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

/// Decodes HTML character references. With the `entities` feature (press and the other
/// native tools) every reference the HTML standard names, by htmlize; without it (the app,
/// where the standard's 2,231 names would add about 30 KB to the wasm) the numeric ones and
/// the named ones that comment servers and Pagefind write ([`decode_common_entities`]).
#[cfg(feature = "entities")]
pub fn decode_entities(text: &str) -> String {
    htmlize::unescape(text).into_owned()
}

#[cfg(not(feature = "entities"))]
pub use self::decode_common_entities as decode_entities;

/// Decodes every numeric character reference and the named ones comment servers and
/// Pagefind write. Anything else is left as it was written.
pub fn decode_common_entities(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_with_their_nouns() {
        assert_eq!(count(1, "post"), "1 post");
        assert_eq!(count(0, "result"), "0 results");
        assert_eq!(count(12, "comment"), "12 comments");
    }

    #[test]
    fn markup_is_escaped_once() {
        assert_eq!(
            escape_markup("<a href=\"x\">Tom & Jerry</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/a&gt;"
        );
        assert_eq!(escape_markup("plain"), "plain");
    }

    #[test]
    fn paragraphs_come_out_as_text() {
        assert_eq!(
            html_to_paragraphs("<p>First <em>one</em>,\nwrapped.</p>\n<p>Second &amp; last</p>"),
            ["First one, wrapped.", "Second & last"]
        );
        assert_eq!(
            html_to_paragraphs("line one<br>line two<ul><li>a</li><li>b</li></ul>"),
            ["line one\nline two", "a", "b"]
        );
        assert_eq!(
            html_to_paragraphs(
                "Hi &amp; welcome!<br />Line two<p>New para &lt;b&gt;</p><b>bold</b>"
            ),
            ["Hi & welcome!\nLine two", "New para <b>", "bold"]
        );
        assert_eq!(html_to_paragraphs("<br><br>alone<br>"), ["alone"]);
        assert_eq!(
            html_to_text("<p>Fish &amp; chips</p><p>&lt;3<br>\n now</p>"),
            "Fish & chips <3 now"
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
    fn common_character_references_decode_and_bad_ones_stay() {
        let decode = decode_common_entities;
        assert_eq!(decode("&#39;&#x27;&quot;&lt;&gt;&amp;"), "''\"<>&");
        assert_eq!(
            decode("fish & chips &bogus; &#0; &#xZZ;"),
            "fish & chips &bogus; &#0; &#xZZ;"
        );
        assert_eq!(decode("caf&eacute; &#233;"), "caf&eacute; é");
        assert_eq!(html_to_text("Ann &amp; Bob"), "Ann & Bob");
    }

    /// The native tools decode every name the standard has.
    #[cfg(feature = "entities")]
    #[test]
    fn every_named_reference_decodes_in_the_native_tools() {
        assert_eq!(
            decode_entities("caf&eacute; &hearts; &frac12; &NotGreaterFullEqual; &#233;"),
            "café ♥ ½ \u{2267}\u{338} é"
        );
        assert_eq!(
            decode_entities("fish & chips &bogus;"),
            "fish & chips &bogus;"
        );
        assert_eq!(html_to_text("<p>3 &times; 4 &gt; 10</p>"), "3 × 4 > 10");
    }
}
