//! Turning an author's Markdown into safe HTML, and HTML into plain-text excerpts.

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

/// Plain text of sanitized HTML: tags dropped, the common entities decoded, white space
/// folded. Used for excerpts and meta descriptions.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                text.push(' ');
            }
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_entities(&text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Plain text of an HTML comment, keeping its paragraphs (blank lines) and line breaks:
/// what the app shows as text, never as markup.
pub fn html_to_paragraphs(html: &str) -> String {
    let mut marked = String::with_capacity(html.len());
    let mut rest = html;
    // Paragraph and line-break tags become markers that survive the tag stripping.
    while let Some(lt) = rest.find('<') {
        marked.push_str(&rest[..lt]);
        let gt = rest[lt..].find('>').map_or(rest.len(), |g| lt + g + 1);
        let tag = rest[lt..gt].to_ascii_lowercase();
        let name: String = tag
            .trim_start_matches(['<', '/'])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        match name.as_str() {
            "br" => marked.push('\u{1}'),
            "p" | "div" | "blockquote" => marked.push('\u{2}'),
            _ => marked.push_str(&rest[lt..gt]),
        }
        rest = &rest[gt..];
    }
    marked.push_str(rest);
    let text = html_to_text_keeping(&marked);
    text.split('\u{2}')
        .map(|para| {
            para.split('\u{1}')
                .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join("\n")
                .trim()
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Strips tags and decodes entities without folding white space.
fn html_to_text_keeping(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    decode_entities(&text)
}

/// Decodes the entities sanitized HTML and Blogger comments use.
fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
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
    fn comment_html_becomes_paragraphs_of_text() {
        assert_eq!(
            html_to_paragraphs(
                "Hi &amp; welcome!<br />Line two<p>New para &lt;b&gt;</p><b>bold</b>"
            ),
            "Hi & welcome!\nLine two\n\nNew para <b>\n\nbold"
        );
    }

    #[test]
    fn text_and_excerpts() {
        assert_eq!(
            html_to_text("<p>Fish &amp; chips</p><p>&lt;3\n now</p>"),
            "Fish & chips <3 now"
        );
        assert_eq!(excerpt("one two three", 20), "one two three");
        assert_eq!(excerpt("one two three", 9), "one two…");
        assert_eq!(excerpt("abcdefghij", 4), "abcd…");
    }
}
