//! Search This Blog: the `/search?q=words&label=NAME` address Blogger used, and the pure
//! parts of showing Pagefind's answers (its highlighted excerpts, the result count).
//! The index itself is Pagefind's, built by press; nothing here ranks or matches.

use crate::paths::{decode_segment, encode_segment};
use crate::text::decode_entities;

/// How many results one "More results" adds.
pub const RESULTS_PER_PAGE: usize = 10;

/// How many results a first search shows as soon as they are read, before the rest of
/// its page: about a phone's first screen. Each result is read from a fragment file of
/// its own; the later ones (over HTTP/1.1, beyond a browser's six connections) arrive a
/// round trip later.
pub const SHOWN_FIRST: usize = 3;

/// The Pagefind filter press files each post's labels under.
pub const LABEL_FILTER: &str = "label";

/// What the reader asked for: the words, and the label to narrow to, if any.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct SearchQuery {
    /// The words as typed (the page shows them back); see [`SearchQuery::terms`].
    pub words: String,
    pub label: Option<String>,
}

impl SearchQuery {
    /// Reads the query string of a `/search` address (without or with its `?`). Form
    /// encoding, as browsers submit it: `+` is a space and `%XX` a byte. A malformed
    /// escape is kept as written rather than losing the reader's words.
    pub fn from_query_string(query: &str) -> SearchQuery {
        let mut found = SearchQuery::default();
        for pair in query.trim_start_matches('?').split('&') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode_form_value(value);
            match key {
                "q" => found.words = value,
                "label" if !value.trim().is_empty() => found.label = Some(value),
                _ => {}
            }
        }
        found
    }

    /// The query string for this search, `q=tokyo+tower&label=travel`.
    pub fn to_query_string(&self) -> String {
        let mut out = format!("q={}", encode_form_value(&self.words));
        if let Some(label) = &self.label {
            out.push_str("&label=");
            out.push_str(&encode_form_value(label));
        }
        out
    }

    /// The words to search for, with surrounding and repeated spaces dropped; empty when
    /// the reader has not asked for anything yet.
    pub fn terms(&self) -> String {
        self.words.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

fn decode_form_value(value: &str) -> String {
    let spaced = value.replace('+', " ");
    decode_segment(&spaced).unwrap_or(spaced)
}

fn encode_form_value(value: &str) -> String {
    encode_segment(value).replace("%20", "+")
}

/// One run of an excerpt: plain text, or a matched word to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExcerptPart {
    pub text: String,
    pub matched: bool,
}

/// Pagefind's excerpt (escaped text with `<mark>` around the matched words) as runs of
/// plain text, so the page can render it without inserting HTML. Any other tag is dropped
/// and character references are decoded.
pub fn excerpt_parts(excerpt: &str) -> Vec<ExcerptPart> {
    let mut parts: Vec<ExcerptPart> = Vec::new();
    let mut matched = false;
    let mut rest = excerpt;
    let push = |text: &str, matched: bool, parts: &mut Vec<ExcerptPart>| {
        let text = decode_entities(text);
        if text.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(last) if last.matched == matched => last.text.push_str(&text),
            _ => parts.push(ExcerptPart { text, matched }),
        }
    };
    while let Some(open) = rest.find('<') {
        push(&rest[..open], matched, &mut parts);
        let Some(close) = rest[open..].find('>') else {
            // A lone "<" is text.
            push(&rest[open..], matched, &mut parts);
            rest = "";
            break;
        };
        let tag = rest[open + 1..open + close].trim().to_ascii_lowercase();
        match tag.as_str() {
            "mark" => matched = true,
            "/mark" => matched = false,
            _ => {}
        }
        rest = &rest[open + close + 1..];
    }
    push(rest, matched, &mut parts);
    parts
}

/// "1 result", "12 results", for the count a screen reader announces.
pub fn results_count(n: usize) -> String {
    crate::text::count(n, "result")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(words: &str, label: Option<&str>) -> SearchQuery {
        SearchQuery {
            words: words.to_string(),
            label: label.map(str::to_string),
        }
    }

    #[test]
    fn reads_what_browsers_submit() {
        assert_eq!(
            SearchQuery::from_query_string("?q=tokyo+tower"),
            query("tokyo tower", None)
        );
        assert_eq!(
            SearchQuery::from_query_string("q=%E6%9D%B1%E4%BA%AC&label=social%20media"),
            query("東京", Some("social media"))
        );
        assert_eq!(
            SearchQuery::from_query_string("label=&q=%22a+b%22"),
            query("\"a b\"", None)
        );
        // A broken escape keeps the reader's words.
        assert_eq!(
            SearchQuery::from_query_string("q=100%"),
            query("100%", None)
        );
        assert_eq!(SearchQuery::from_query_string(""), query("", None));
    }

    #[test]
    fn writes_a_query_that_reads_back() {
        for q in [
            query("tokyo tower", None),
            query("café & co+1", Some("social media")),
            query("\"a phrase\"", None),
            query("東京", Some("旅")),
        ] {
            let text = q.to_query_string();
            assert!(!text.contains(' '), "{text}");
            assert_eq!(SearchQuery::from_query_string(&text), q, "{text}");
        }
        assert_eq!(query("a b", None).to_query_string(), "q=a+b");
    }

    #[test]
    fn terms_drop_extra_spaces() {
        assert_eq!(query("  tokyo   tower ", None).terms(), "tokyo tower");
        assert_eq!(query("   ", None).terms(), "");
    }

    #[test]
    fn excerpts_become_text_and_marks() {
        let parts = excerpt_parts(
            "We went to <mark>Tokyo</mark> &amp; saw <mark>the</mark> <mark>tower</mark>.",
        );
        let shown: Vec<(&str, bool)> = parts.iter().map(|p| (p.text.as_str(), p.matched)).collect();
        assert_eq!(
            shown,
            [
                ("We went to ", false),
                ("Tokyo", true),
                (" & saw ", false),
                ("the", true),
                (" ", false),
                ("tower", true),
                (".", false),
            ]
        );
    }

    #[test]
    fn excerpts_never_carry_markup() {
        let parts = excerpt_parts("a <b onclick=x>bold</b> &lt;script&gt; 3 < 4");
        let text: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(text, "a bold <script> 3 < 4");
        assert!(parts.iter().all(|p| !p.matched));
        assert!(excerpt_parts("").is_empty());
    }

    #[test]
    fn counts_results() {
        assert_eq!(results_count(1), "1 result");
        assert_eq!(results_count(0), "0 results");
        assert_eq!(results_count(12), "12 results");
    }
}
