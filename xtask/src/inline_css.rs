//! The stylesheet put into the page (`cargo xtask post-build`, release builds): Trunk's
//! minified `assets/main-HASH.css` becomes a `<style>` in `index.html`, so that in every
//! page press writes from it the first paint waits for the page alone and not for a
//! second request. On a phone (150 ms round trip, 1.6 Mbps) that brings a cold post's
//! first paint from about 640 to 390 ms (bench/LEVERS.md). The file is then removed: no
//! page asks for it, and the service worker would otherwise keep it for nothing. press
//! hashes the `<style>` into the content security policy, and into the worker's version,
//! so that a change of style alone is still a new version of the blog.

use std::fs;
use std::path::Path;

use crate::run::say;
use crate::split::link_tags;

/// Replaces the stylesheet link of `staging/index.html` with the stylesheet's text and
/// deletes the file. A build without a stylesheet link is left as it is.
pub fn inline_stylesheet(staging: &Path) -> Result<(), String> {
    let html_path = staging.join("index.html");
    let html = fs::read_to_string(&html_path)
        .map_err(|e| format!("could not read {}: {e}", html_path.display()))?;
    let Some(link) = stylesheet_link(&html) else {
        return Ok(());
    };
    let name = href_file_name(link)
        .ok_or_else(|| format!("index.html's stylesheet link has no file name: {link}"))?;
    let css_path = staging.join("assets").join(name);
    let css = fs::read_to_string(&css_path)
        .map_err(|e| format!("could not read {}: {e}", css_path.display()))?;
    let inlined = with_style(&html, link, &css)?;
    fs::write(&html_path, inlined)
        .map_err(|e| format!("could not write {}: {e}", html_path.display()))?;
    fs::remove_file(&css_path)
        .map_err(|e| format!("could not remove {}: {e}", css_path.display()))?;
    say(&format!(
        "put the stylesheet into the page: {name}, {} bytes",
        css.len()
    ));
    Ok(())
}

/// The first `<link … rel=stylesheet …>` tag of `html`, whole.
fn stylesheet_link(html: &str) -> Option<&str> {
    link_tags(html).find(|tag| {
        tag.split(|c: char| c.is_ascii_whitespace() || c == '>')
            .any(|a| matches!(a, "rel=stylesheet" | "rel=\"stylesheet\""))
    })
}

/// The last path segment of a tag's `href`, quoted or not.
fn href_file_name(tag: &str) -> Option<&str> {
    let value = tag.split_once("href=")?.1;
    let value = value.trim_start_matches('"');
    let end = value.find(['"', ' ', '>'])?;
    value[..end].rsplit('/').next().filter(|n| !n.is_empty())
}

/// `html` with `link` replaced by a `<style>` holding `css`. A stylesheet that would end
/// the element early is refused rather than cut.
fn with_style(html: &str, link: &str, css: &str) -> Result<String, String> {
    if css.to_ascii_lowercase().contains("</style") {
        return Err("the stylesheet contains \"</style\", so it cannot go into the page".into());
    }
    Ok(html.replacen(link, &format!("<style>{css}</style>"), 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<head><link href=/blog/assets/main-0a1b.css integrity=sha384-x \
        rel=stylesheet><link href=/blog/assets/favicon-1.svg rel=icon></head>";

    #[test]
    fn the_stylesheet_link_is_found_and_replaced_by_its_text() {
        let link = stylesheet_link(PAGE).expect("the link");
        assert!(link.starts_with("<link href=/blog/assets/main-0a1b.css") && link.ends_with('>'));
        assert_eq!(href_file_name(link), Some("main-0a1b.css"));
        let page = with_style(PAGE, link, "p{color:red}").unwrap();
        assert_eq!(
            page,
            "<head><style>p{color:red}</style><link href=/blog/assets/favicon-1.svg rel=icon></head>"
        );
    }

    #[test]
    fn quoted_attributes_are_read_too_and_other_links_are_not_stylesheets() {
        let page =
            "<link rel=\"icon\" href=\"/f.svg\"><link rel=\"stylesheet\" href=\"/assets/m.css\">";
        let link = stylesheet_link(page).unwrap();
        assert_eq!(href_file_name(link), Some("m.css"));
        assert_eq!(stylesheet_link("<link rel=icon href=/f.svg>"), None);
    }

    #[test]
    fn a_stylesheet_that_would_close_the_element_is_refused() {
        let link = stylesheet_link(PAGE).unwrap();
        let refused = with_style(PAGE, link, "p::after{content:'</STYLE>'}").unwrap_err();
        assert!(refused.contains("</style"), "{refused}");
    }
}
