//! Words and markup shared by the app and the native tools: counts with their nouns
//! ("1 post", "3 comments") and escaping text for HTML and XML.

/// `n` and its noun, plural unless `n` is 1: "1 post", "0 results", "12 comments". The
/// nouns here all take an "s".
pub fn count(n: usize, noun: &str) -> String {
    let plural = if n == 1 { "" } else { "s" };
    format!("{n} {noun}{plural}")
}

/// Text made safe inside HTML or XML, in an element or a double-quoted attribute.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
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
}
