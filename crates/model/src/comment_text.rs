//! A commenter's website, which Isso escapes but the app does not trust to be harmless: only
//! an http(s) address becomes a link. The comment's own text is made plain by
//! [`crate::text::html_to_paragraphs`].

use crate::text::decode_entities;

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
