//! Turning an author's Markdown into safe HTML, and plain text into excerpts.

use pulldown_cmark::{html, Options, Parser};

use crate::sanitize::sanitize;

/// Renders Markdown (with tables, footnotes and strikethrough) to HTML, then sanitizes it.
/// Quotes and dots are left as typed: an imported post's text must stay exactly as written.
pub fn markdown_to_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    sanitize(&raw)
}

/// The first words of `text`, at most `max` characters, cut at a word boundary with "…".
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > max {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = text.chars().take(max).collect();
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_tables_footnotes_and_strikethrough() {
        let html = markdown_to_html(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ new[^1]\n\n[^1]: A note.\n",
        );
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<del>old</del>"), "{html}");
        assert!(html.contains("A note."), "{html}");
    }

    #[test]
    fn removes_scripts_and_handlers_from_raw_html() {
        let html = markdown_to_html(
            "Hi <script>alert(1)</script><img src=x onerror=alert(1)> \
             <a href=\"javascript:alert(1)\">x</a>",
        );
        assert!(!html.contains("script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript"), "{html}");
    }

    #[test]
    fn links_get_noopener() {
        let html = markdown_to_html("[CNN](https://cnn.com)");
        assert!(html.contains("rel=\"noopener\""), "{html}");
    }

    #[test]
    fn excerpts_end_at_a_word() {
        assert_eq!(excerpt("one two three", 20), "one two three");
        assert_eq!(excerpt("one two three", 9), "one two…");
        assert_eq!(excerpt("abcdefghij", 4), "abcd…");
    }
}
