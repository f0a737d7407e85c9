//! Cleaning post and page HTML at build time, so the app can insert it as it is.
//!
//! What blog posts use is kept: images with alt and size, links, lists, tables, quotes,
//! code, headings, emphasis, line breaks, sub/superscript, figures, and video iframes from
//! the hosts in [`VIDEO_HOSTS`]. Everything that can run code goes: scripts, event
//! handlers, `javascript:`/`data:`/`vbscript:` URLs (however they are disguised), styles,
//! forms, objects, SVG and MathML.

use std::collections::HashSet;

/// Hosts whose embedded video players may stay, with the path their embeds live under.
pub const VIDEO_HOSTS: [(&str, &str); 5] = [
    ("www.youtube.com", "/embed/"),
    ("youtube.com", "/embed/"),
    ("www.youtube-nocookie.com", "/embed/"),
    ("player.vimeo.com", "/video/"),
    ("www.blogger.com", "/video.g"),
];

/// Whether an iframe `src` is an embed from an allowed video host (https only).
pub fn is_allowed_embed(src: &str) -> bool {
    let Some(rest) = src.trim().strip_prefix("https://") else {
        return false;
    };
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    VIDEO_HOSTS
        .iter()
        .any(|(h, prefix)| host.eq_ignore_ascii_case(h) && path.starts_with(prefix))
}

/// The configured cleaner.
fn cleaner() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.add_tags(["figure", "figcaption", "iframe", "section"])
        .rm_tags(["map", "area"])
        .add_tag_attributes("img", ["width", "height", "loading"])
        .add_tag_attributes("a", ["id", "name"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("sup", ["id"])
        .add_tag_attributes("div", ["id"])
        .add_tag_attributes(
            "iframe",
            ["src", "width", "height", "allowfullscreen", "title"],
        )
        .set_tag_attribute_value(
            "iframe",
            "sandbox",
            "allow-scripts allow-same-origin allow-presentation allow-popups",
        )
        .set_tag_attribute_value("iframe", "loading", "lazy")
        .set_tag_attribute_value(
            "iframe",
            "referrerpolicy",
            "strict-origin-when-cross-origin",
        )
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("noopener"))
        .attribute_filter(|element, attribute, value| {
            if element == "iframe" && attribute == "src" && !is_allowed_embed(value) {
                None
            } else {
                Some(value.into())
            }
        });
    b
}

/// Cleans `html` down to the allow-list; an iframe from a host not on the list is removed.
pub fn sanitize(html: &str) -> String {
    let mut clean = drop_empty_iframes(&cleaner().clean(html).to_string());
    // A carriage return from a character reference (`&#xd`) is written out as it is, and
    // the parser would read it as a line feed the next time: write the line feed now, so
    // that sanitizing twice changes nothing (found by the fuzzer).
    if clean.contains('\r') {
        clean = clean.replace('\r', "\n");
    }
    // The HTML parser drops a byte-order mark that comes first in what it reads, so one
    // that ends up first in the output (after a dropped tag) would vanish on a second
    // pass: drop it now, and sanitizing twice changes nothing (found by the fuzzer).
    match clean.strip_prefix('\u{feff}') {
        Some(_) => clean.trim_start_matches('\u{feff}').to_string(),
        None => clean,
    }
}

/// Removes `<iframe ...></iframe>` elements that lost their `src` to the filter, so a
/// refused embed leaves no empty box. Works on the cleaner's normalised output.
fn drop_empty_iframes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<iframe") {
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(end) = after.find("</iframe>") else {
            out.push_str(after);
            return out;
        };
        let element = &after[..end + "</iframe>".len()];
        let open_tag = &element[..element.find('>').unwrap_or(element.len())];
        if open_tag.contains(" src=\"") {
            out.push_str(element);
        }
        rest = &after[element.len()..];
    }
    out.push_str(rest);
    out
}

/// Every tag sanitized output may hold (an independent list, for [`first_unsafe_part`]).
const SAFE_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "hr",
    "i",
    "iframe",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// The scheme a browser reads in an attribute's URL (lower case), or `None` for a relative
/// URL: entities decoded, leading controls and spaces dropped, tabs and newlines removed,
/// as the HTML and URL parsers do.
fn url_scheme(value: &str) -> Option<String> {
    if value.contains("&#") {
        // Sanitized output never holds a numeric reference in a URL; a browser would
        // decode it before reading the scheme, so one counts as a scheme of its own.
        return Some("&#".into());
    }
    let decoded = model::text::decode_entities(value);
    let cleaned: String = decoded
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme = &cleaned[..cleaned.find(':')?];
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// The first part of `html` that could run code, described, or `None`: an unknown tag, an
/// event handler, a style, `srcdoc` or `formaction` attribute, a URL attribute with a scheme
/// other than http(s) or mailto (so no `javascript:` or `data:text/html`), or an iframe
/// from elsewhere. It reads sanitized output independently of ammonia, for the tests and
/// the fuzzer.
pub fn first_unsafe_part(html: &str) -> Option<String> {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt + 1..];
        let gt = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..gt];
        rest = &rest[gt..];
        let tag = tag.trim_start_matches('/');
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if !SAFE_TAGS.contains(&name.as_str()) {
            return Some(format!("the tag <{name}>"));
        }
        // attribute="value" pairs in ammonia's normalised output
        let mut attrs = &tag[name.len()..];
        while let Some(eq) = attrs.find("=\"") {
            let attr = attrs[..eq]
                .trim()
                .rsplit(' ')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let value_start = eq + 2;
            let value_end = attrs[value_start..]
                .find('"')
                .map_or(attrs.len(), |e| value_start + e);
            let value = attrs[value_start..value_end].to_ascii_lowercase();
            attrs = &attrs[(value_end + 1).min(attrs.len())..];
            if attr.starts_with("on") || matches!(attr.as_str(), "style" | "srcdoc" | "formaction")
            {
                return Some(format!("the attribute {attr} on <{name}>"));
            }
            if matches!(
                attr.as_str(),
                "href" | "src" | "cite" | "action" | "background" | "poster"
            ) {
                let scheme_ok = url_scheme(&value)
                    .is_none_or(|s| matches!(s.as_str(), "http" | "https" | "mailto"));
                if !scheme_ok {
                    return Some(format!("{attr}={value} on <{name}>"));
                }
            }
            if name == "iframe" && attr == "src" && !is_allowed_embed(&value) {
                return Some(format!("an iframe from {value}"));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tags that may appear in cleaned output.
    fn assert_safe(input: &str, html: &str) {
        if let Some(part) = first_unsafe_part(html) {
            panic!("{part} from {input:?}: {html}");
        }
    }

    #[test]
    fn sanitizing_twice_changes_nothing_even_with_odd_characters() {
        for input in [
            "<C>\u{feff}\u{0}wo, in CD &amp; all</p>",
            "\u{feff}\u{feff}<b>x</b>",
        ] {
            let once = sanitize(input);
            assert_eq!(sanitize(&once), once, "{input:?}");
        }
    }

    const XSS_VECTORS: &[&str] = &[
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<img src=\"x\" ONERROR=\"alert(1)\">",
        "<img src=javascript:alert(1)>",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
        "<a href=\"java\tscript:alert(1)\">x</a>",
        "<a href=\"java\nscript:alert(1)\">x</a>",
        "<a href=\" javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<iframe src=\"http://www.youtube.com/embed/x\"></iframe>",
        "<iframe src=\"https://www.youtube.com.evil.example/embed/x\"></iframe>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"behavior:url(x.htc)\">x</p>",
        "<style>@import 'javascript:alert(1)';</style>",
        "<link rel=stylesheet href=//evil.example/x.css>",
        "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<object data=\"javascript:alert(1)\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "<button formaction=\"javascript:alert(1)\">x</button>",
        "<input onfocus=alert(1) autofocus>",
        "<details open ontoggle=alert(1)>",
        "<body onload=alert(1)>",
        "<video><source onerror=alert(1)></video>",
        "<marquee onstart=alert(1)>",
        "<a href=\"#\" onclick=\"alert(1)\">x</a>",
        "<<script>script>alert(1)<</script>/script>",
        "<img src=\"x\" alt=\"\" onerror=\"alert(1)\"/>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<template><script>alert(1)</script></template>",
        "<a href=\"https://ok.example/\" target=\"_blank\">x</a>",
    ];

    #[test]
    fn no_xss_vector_survives_with_the_power_to_run_code() {
        for input in XSS_VECTORS {
            let out = sanitize(input);
            assert_safe(input, &out);
            let lower = out.to_ascii_lowercase();
            assert!(!lower.contains("<script"), "{input:?} -> {out}");
            assert!(!lower.contains("javascript:"), "{input:?} -> {out}");
        }
    }

    #[test]
    fn the_safety_check_itself_catches_unsafe_html() {
        for unsafe_html in [
            "<script>alert(1)</script>",
            "<img src=\"x\" onerror=\"alert(1)\">",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<a href=\"data:text/html,x\">x</a>",
            "<p style=\"x\">x</p>",
            "<iframe src=\"https://evil.example/\"></iframe>",
            "<svg></svg>",
        ] {
            let caught = std::panic::catch_unwind(|| assert_safe("raw", unsafe_html)).is_err();
            assert!(caught, "the check let {unsafe_html} through");
        }
    }

    #[test]
    fn keeps_what_blog_posts_use() {
        let post = "<h2>Hi</h2><p><em>a</em> <strong>b</strong> <del>c</del> x<sub>2</sub>y<sup>3</sup><br>\
                    <a href=\"https://cnn.com/\">CNN</a></p>\
                    <figure><img src=\"https://img.example/a.jpg\" alt=\"A cat\" width=\"400\" height=\"300\">\
                    <figcaption>Cat</figcaption></figure>\
                    <ul><li>one</li></ul><ol><li>two</li></ol>\
                    <table><tr><th>h</th></tr><tr><td>d</td></tr></table>\
                    <blockquote>q</blockquote><pre><code>c</code></pre>";
        let out = sanitize(post);
        for kept in [
            "<h2>",
            "<em>",
            "<strong>",
            "<del>",
            "<sub>",
            "<sup>",
            "<br>",
            "<figure>",
            "alt=\"A cat\"",
            "width=\"400\"",
            "height=\"300\"",
            "<figcaption>",
            "<ul>",
            "<ol>",
            "<table>",
            "<th>",
            "<td>",
            "<blockquote>",
            "<pre>",
            "<code>",
        ] {
            assert!(out.contains(kept), "{kept} missing from {out}");
        }
        assert!(
            out.contains("<a href=\"https://cnn.com/\" rel=\"noopener\">CNN</a>"),
            "{out}"
        );
    }

    #[test]
    fn keeps_video_embeds_only_from_listed_hosts() {
        let yt = sanitize("<iframe width=\"560\" height=\"315\" src=\"https://www.youtube.com/embed/abc\" allowfullscreen></iframe>");
        assert!(
            yt.contains("src=\"https://www.youtube.com/embed/abc\""),
            "{yt}"
        );
        assert!(yt.contains("sandbox="), "{yt}");
        let vimeo = sanitize("<iframe src=\"https://player.vimeo.com/video/1\"></iframe>");
        assert!(vimeo.contains("player.vimeo.com"), "{vimeo}");
        for refused in [
            "<p>a</p><iframe src=\"https://evil.example/embed/x\"></iframe><p>b</p>",
            "<iframe src=\"https://www.youtube.com/watch?v=x\"></iframe>",
        ] {
            let out = sanitize(refused);
            assert!(!out.contains("iframe"), "{refused} -> {out}");
        }
        assert_eq!(
            sanitize("<p>a</p><iframe src=\"https://evil.example/\"></iframe><p>b</p>"),
            "<p>a</p><p>b</p>"
        );
    }
}
