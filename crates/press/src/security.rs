//! The site's Content-Security-Policy and security headers.
//!
//! press writes the policy twice: as a header rule in `_headers` (Netlify, Cloudflare
//! Pages) and as a `<meta http-equiv>` in every HTML file, for hosts that ignore
//! `_headers` (GitHub Pages). The only inline script a page may run, and the only inline
//! style it may apply, are those really in the page (Trunk's loader, and the release
//! build's stylesheet): press hashes each inline `<script>` and `<style>` of the final HTML.

use std::collections::BTreeSet;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::sanitize::VIDEO_HOSTS;

/// Headers every response gets, whatever it is: no MIME sniffing, no full referrer to
/// other sites, no powerful features a blog never uses, a browsing context of its own.
pub const SECURITY_HEADERS: [(&str, &str); 4] = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    (
        "Permissions-Policy",
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), \
         hid=(), magnetometer=(), microphone=(), midi=(), payment=(), serial=(), usb=()",
    ),
    ("Cross-Origin-Opener-Policy", "same-origin"),
];

/// What a page's policy depends on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Policy {
    /// The inline scripts and styles the pages hold.
    pub inline: InlineHashes,
    /// The origin of the configured Isso server (`https://comments.example.com`).
    pub isso_origin: Option<String>,
}

/// The `'sha256-…'` sources of the inline code of one page or of several together.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InlineHashes {
    /// Of each inline `<script>` (one without `src`).
    pub scripts: BTreeSet<String>,
    /// Of each `<style>` element.
    pub styles: BTreeSet<String>,
}

impl InlineHashes {
    /// The hashes of the inline scripts and styles of `html`.
    pub fn of(html: &str) -> Self {
        InlineHashes {
            scripts: inline_script_hashes(html),
            styles: inline_style_hashes(html),
        }
    }

    /// Adds `other`'s hashes to these.
    pub fn extend(&mut self, other: InlineHashes) {
        self.scripts.extend(other.scripts);
        self.styles.extend(other.styles);
    }
}

/// Where the policy is delivered; a `<meta>` cannot carry `frame-ancestors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    Header,
    Meta,
}

impl Policy {
    /// The policy for pages that hold the inline scripts and styles of `html` and talk to
    /// the Isso server at `isso` (an absolute address, as site.toml gives it).
    pub fn new(html: &str, isso: Option<&str>) -> Self {
        Self::with_hashes(InlineHashes::of(html), isso)
    }

    /// The policy for pages holding the inline scripts and styles with these hashes.
    pub fn with_hashes(inline: InlineHashes, isso: Option<&str>) -> Self {
        Policy {
            inline,
            isso_origin: isso.and_then(origin),
        }
    }

    /// The policy's text, for a header or for a `<meta http-equiv>`.
    pub fn text(&self, delivery: Delivery) -> String {
        let mut script = vec!["'self'".to_string(), "'wasm-unsafe-eval'".to_string()];
        script.extend(self.inline.scripts.iter().cloned());
        let mut style = vec!["'self'".to_string()];
        style.extend(self.inline.styles.iter().cloned());
        let isso = self.isso_origin.iter().cloned();
        let mut frames: Vec<String> = VIDEO_HOSTS
            .iter()
            .map(|(host, _)| format!("https://{host}"))
            .collect();
        frames.dedup();
        let mut directives = vec![
            ("default-src", vec!["'self'".to_string()]),
            ("script-src", script),
            ("style-src", style),
            (
                "img-src",
                vec!["'self'".into(), "https:".into(), "data:".into()],
            ),
            ("frame-src", frames),
            (
                "connect-src",
                std::iter::once("'self'".to_string())
                    .chain(isso.clone())
                    .collect(),
            ),
            ("object-src", vec!["'none'".to_string()]),
            ("base-uri", vec!["'self'".to_string()]),
            (
                "form-action",
                std::iter::once("'self'".to_string()).chain(isso).collect(),
            ),
        ];
        if delivery == Delivery::Header {
            directives.push(("frame-ancestors", vec!["'none'".to_string()]));
        }
        directives
            .into_iter()
            .map(|(name, sources)| format!("{name} {}", sources.join(" ")))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The `<meta http-equiv>` form, to go first in a page's head.
    pub fn meta_tag(&self) -> String {
        format!(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
            self.text(Delivery::Meta)
        )
    }
}

/// The `'sha256-…'` source of every inline `<script>` (one without `src`) in `html`.
pub fn inline_script_hashes(html: &str) -> BTreeSet<String> {
    inline_element_hashes(html, "script", |attributes| !has_src(attributes))
}

/// The `'sha256-…'` source of every `<style>` element in `html`.
pub fn inline_style_hashes(html: &str) -> BTreeSet<String> {
    inline_element_hashes(html, "style", |_| true)
}

/// The `'sha256-…'` source of the text of every `<name>` element in `html` whose
/// attribute text `counts`.
fn inline_element_hashes(
    html: &str,
    name: &str,
    counts: impl Fn(&str) -> bool,
) -> BTreeSet<String> {
    elements(html, name)
        .filter(|(attributes, _)| counts(attributes))
        .map(|(_, text)| {
            let digest = Sha256::digest(text.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect()
}

/// Each `<name>` element of `html` (the name in any case) as its attribute text and its
/// text; an element without its end tag runs to the end.
pub fn elements<'a>(html: &'a str, name: &str) -> impl Iterator<Item = (&'a str, &'a str)> {
    let (open, close) = (format!("<{name}"), format!("</{name}"));
    let mut rest = html;
    std::iter::from_fn(move || loop {
        let start = find_ascii_ci(rest, &open)?;
        let after = &rest[start + open.len()..];
        // `<styles>` or `<scripted>` are other elements.
        if !after.starts_with(|c: char| c.is_ascii_whitespace() || c == '>') {
            rest = after;
            continue;
        }
        let tag_end = after.find('>')?;
        let body_and_rest = &after[tag_end + 1..];
        let body_end = find_ascii_ci(body_and_rest, &close).unwrap_or(body_and_rest.len());
        rest = &body_and_rest[body_end..];
        return Some((&after[..tag_end], &body_and_rest[..body_end]));
    })
}

/// Whether a tag's attribute text names a `src` attribute.
fn has_src(attributes: &str) -> bool {
    attributes
        .split(|c: char| c.is_ascii_whitespace())
        .any(|a| {
            a.get(..3).is_some_and(|n| n.eq_ignore_ascii_case("src")) && a[3..].starts_with('=')
        })
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let (haystack, needle) = (haystack.as_bytes(), needle.as_bytes());
    let first = *needle.first()?;
    debug_assert!(
        !first.is_ascii_alphabetic(),
        "the first byte is matched exactly"
    );
    // Only where the needle's first byte (a `<`, not a letter) is: every page is scanned,
    // and comparing at each byte was a sixth of the route pages' time.
    memchr::memchr_iter(first, haystack).find(|&at| {
        haystack
            .get(at..at + needle.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// `scheme://host[:port]` of an absolute http(s) address.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let host = rest
        .split(['/', '?', '#'])
        .next()
        .filter(|h| !h.is_empty())?;
    Some(format!("{scheme}://{host}"))
}

/// The `_headers` rule that gives every path the policy and the security headers.
/// `base_path` is "" or a sub-path such as "/blog".
pub fn header_rule(policy: &Policy, base_path: &str) -> String {
    let mut out =
        String::from("# Every response: the content security policy and the security headers.\n");
    out.push_str(&format!("{base_path}/*\n"));
    out.push_str(&format!(
        "  Content-Security-Policy: {}\n",
        policy.text(Delivery::Header)
    ));
    for (name, value) in SECURITY_HEADERS {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><script type=module>import init from '/a.js';</script>\
        <script src=/x.js></script><SCRIPT>x()</SCRIPT></head><body>script</body></html>";

    /// The policy's source for an inline element holding `body`.
    fn source(body: &str) -> String {
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(body))
        )
    }

    #[test]
    fn hashes_each_inline_script_and_skips_external_ones() {
        assert_eq!(
            inline_script_hashes(PAGE),
            BTreeSet::from([source("import init from '/a.js';"), source("x()")])
        );
        assert!(inline_script_hashes("<p>no scripts</p>").is_empty());
        // A script without its end tag is hashed to the end, never panics.
        assert_eq!(inline_script_hashes("<script>a").len(), 1);
        assert!(inline_script_hashes("<script").is_empty());
    }

    #[test]
    fn hashes_each_style_element_and_nothing_else() {
        let page = "<head><STYLE>p{color:red}</STYLE><link rel=stylesheet href=/a.css>\
            <style media=print>p{}</style><styles>no</styles></head><p style=\"x\">style</p>";
        let hashes = inline_style_hashes(page);
        assert_eq!(
            hashes,
            BTreeSet::from([source("p{color:red}"), source("p{}")])
        );
        let sorted: Vec<String> = hashes.into_iter().collect();
        let policy = Policy::new(page, None).text(Delivery::Header);
        assert!(
            policy.contains(&format!("; style-src 'self' {};", sorted.join(" "))),
            "{policy}"
        );
        assert!(inline_style_hashes(PAGE).is_empty());
    }

    #[test]
    fn the_policy_is_strict_and_names_only_what_the_site_uses() {
        let policy = Policy::new(PAGE, Some("https://comments.example.com:8443/isso/"));
        let header = policy.text(Delivery::Header);
        assert!(
            header.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")
        );
        assert!(header.contains("; style-src 'self';"));
        assert!(header.contains("; img-src 'self' https: data:;"));
        assert!(header.contains("frame-src https://www.youtube.com https://youtube.com"));
        assert!(header.contains("; connect-src 'self' https://comments.example.com:8443;"));
        assert!(header.contains("; form-action 'self' https://comments.example.com:8443;"));
        assert!(header.contains("; object-src 'none'; base-uri 'self';"));
        assert!(header.ends_with("; frame-ancestors 'none'"));
        assert!(!header.contains("unsafe-inline") && !header.contains("'unsafe-eval'"));
        let meta = policy.text(Delivery::Meta);
        assert!(!meta.contains("frame-ancestors"), "{meta}");
        assert_eq!(policy.inline.scripts.len(), 2);
    }

    #[test]
    fn no_isso_means_only_self() {
        let policy = Policy::new("", None);
        assert!(policy
            .text(Delivery::Meta)
            .contains("connect-src 'self'; object-src"));
        assert_eq!(origin("ftp://x"), None);
        assert_eq!(
            origin("http://127.0.0.1:8081/"),
            Some("http://127.0.0.1:8081".into())
        );
    }

    #[test]
    fn the_header_rule_covers_every_path_under_the_base() {
        let rule = header_rule(&Policy::new("", None), "/blog");
        assert!(rule.contains("\n/blog/*\n  Content-Security-Policy: default-src"));
        for (name, _) in SECURITY_HEADERS {
            assert!(rule.contains(&format!("  {name}: ")), "{name}");
        }
    }
}
