//! Blogger-compatible paths: permalinks, archive, label and page paths, and where each
//! post's JSON lives.
//!
//! All paths here are relative to the site's base path and start with `/`.

use crate::DateTime;

/// A post permalink, `/YYYY/MM/slug.html`, split into its parts.
///
/// The year and month are the ones in the permalink, which on imported blogs need not match
/// the published date: never recompute one from the other.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PostPath {
    pub year: i32,
    pub month: u8,
    /// The last segment, with its `.html`.
    pub file: String,
}

/// True for the characters Blogger-style slugs are made of.
fn is_slug_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '~' | '%')
}

impl PostPath {
    /// Reads the three route segments of a permalink. Returns `None` for anything that is
    /// not a four-digit year, a month 01 to 12 and a `NAME.html` file.
    pub fn from_segments(year: &str, month: &str, file: &str) -> Option<Self> {
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        if !year
            .bytes()
            .chain(month.bytes())
            .all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let month_n: u8 = month.parse().ok()?;
        if !(1..=12).contains(&month_n) {
            return None;
        }
        let stem = file.strip_suffix(".html")?;
        if stem.is_empty() || !stem.chars().all(is_slug_char) {
            return None;
        }
        Some(PostPath {
            year: year.parse().ok()?,
            month: month_n,
            file: file.to_string(),
        })
    }

    /// Reads a whole permalink path such as `/2009/04/win.html`.
    pub fn parse(path: &str) -> Option<Self> {
        let rest = path.strip_prefix('/')?;
        let mut parts = rest.split('/');
        let (year, month, file) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        Self::from_segments(year, month, file)
    }

    /// The permalink path, `/2009/04/win.html`.
    pub fn permalink(&self) -> String {
        format!("/{:04}/{:02}/{}", self.year, self.month, self.file)
    }

    /// Where this post's JSON lives, relative to the site root: `data/posts/2009/04/win.json`.
    pub fn data_file(&self) -> String {
        let stem = self.file.strip_suffix(".html").unwrap_or(&self.file);
        format!("data/posts/{:04}/{:02}/{stem}.json", self.year, self.month)
    }
}

/// The permalink Blogger would give a new post: `/YYYY/MM/slug.html`, from the published
/// date as written and a slug of the title.
pub fn default_permalink(published: &DateTime, title: &str) -> String {
    let slug = slugify(title);
    let slug = match slug.as_str() {
        "" => "blog-post".to_string(),
        // `index.html` is the month page's own file.
        "index" => "index-post".to_string(),
        _ => slug,
    };
    format!("/{:04}/{:02}/{slug}.html", published.year, published.month)
}

/// A URL slug of a title: lower-case ASCII letters and digits joined by `-`, at most 40
/// characters, cut at a word boundary. Accented Latin letters lose their accents.
pub fn slugify(title: &str) -> String {
    const MAX: usize = 40;
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in title.chars().flat_map(fold_accent) {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '\u{2019}' {
            // "Kutcher's" -> "kutchers", as Blogger does.
        } else if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let mut slug = String::new();
    for w in words {
        let extra = if slug.is_empty() {
            w.len()
        } else {
            w.len() + 1
        };
        if slug.len() + extra > MAX {
            if slug.is_empty() {
                slug.push_str(&w[..MAX]);
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&w);
    }
    slug
}

/// Strips the accent from common Latin letters, so "Café" slugs to "cafe".
fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let folded: &str = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'Ç' => "c",
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => "e",
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => "i",
        'ñ' | 'Ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "o",
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => "u",
        'ý' | 'ÿ' | 'Ý' => "y",
        'ß' => "ss",
        _ => "",
    };
    let keep = folded.is_empty().then_some(c);
    folded.chars().chain(keep)
}

/// Reads a year or month archive path (`/2009/`, `/2009/04/`, with or without the final
/// slash) into its year and month.
pub fn parse_archive_path(path: &str) -> Option<(i32, Option<u8>)> {
    let rest = path.strip_prefix('/')?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let mut parts = rest.split('/');
    let year = parse_year(parts.next()?)?;
    let month = parts
        .next()
        .map(parse_month)
        .map_or(Some(None), |m| m.map(Some))?;
    if parts.next().is_some() {
        return None;
    }
    Some((year, month))
}

/// A four-digit year segment.
pub fn parse_year(segment: &str) -> Option<i32> {
    (segment.len() == 4 && segment.bytes().all(|b| b.is_ascii_digit()))
        .then(|| segment.parse().ok())
        .flatten()
}

/// A two-digit month segment, 01 to 12.
pub fn parse_month(segment: &str) -> Option<u8> {
    (segment.len() == 2 && segment.bytes().all(|b| b.is_ascii_digit()))
        .then(|| segment.parse().ok())
        .flatten()
        .filter(|m| (1..=12).contains(m))
}

/// The year archive path, `/2009/`.
pub fn year_path(year: i32) -> String {
    format!("/{year:04}/")
}

/// The month archive path, `/2009/04/`.
pub fn month_path(year: i32, month: u8) -> String {
    format!("/{year:04}/{month:02}/")
}

/// A label's page, `/search/label/Social%20Media`, with the name percent-encoded.
pub fn label_path(label: &str) -> String {
    format!("/search/label/{}", encode_segment(label))
}

/// A static page's path, `/p/about.html`.
pub fn page_path(slug: &str) -> String {
    format!("/p/{slug}.html")
}

/// Where a static page's JSON lives: `data/pages/about.json`.
pub fn page_data_file(slug: &str) -> String {
    format!("data/pages/{slug}.json")
}

/// Where the site file lives: `data/site.json`.
pub const SITE_DATA_FILE: &str = "data/site.json";

/// Where page `page` (2 and on) of the home page's list lives: `data/home/2.json`.
pub fn home_data_file(page: usize) -> String {
    format!("data/home/{page}.json")
}

/// Where a month's list lives: `data/months/2009-04.json`.
pub fn month_data_file(year: i32, month: u8) -> String {
    format!("data/months/{year:04}-{month:02}.json")
}

/// Where page `page` of a label's list lives, by the label's key: `data/labels/twitter/1.json`.
pub fn label_data_file(key: &str, page: usize) -> String {
    format!("data/labels/{key}/{page}.json")
}

/// Reads the slug of a `/p/NAME.html` route segment; `None` if it is not one.
pub fn page_slug(file: &str) -> Option<&str> {
    let stem = file.strip_suffix(".html")?;
    (!stem.is_empty() && stem.chars().all(is_slug_char)).then_some(stem)
}

/// Whether a link to `href` stands for the page at `location` (both paths from the
/// domain's root, without a query), so that it is marked `aria-current="page"`: the same
/// path, or, unless `exact`, a page below it ("/2009/" for "/2009/04/a-post.html").
pub fn is_current(href: &str, location: &str, exact: bool) -> bool {
    // "/blog/" and "/blog" are the same page.
    let (href, location) = (href.trim_end_matches('/'), location.trim_end_matches('/'));
    if href == location {
        return true;
    }
    !exact
        && location
            .strip_prefix(href)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Percent-encodes one path segment (everything but unreserved ASCII).
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes in a path segment. Returns `None` for a malformed escape or bytes
/// that are not UTF-8.
pub fn decode_segment(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_link_is_current_on_its_page_and_below_it_unless_exact() {
        use super::is_current;
        assert!(is_current("/archive", "/archive", false));
        assert!(is_current("/2009/", "/2009/04/a-post.html", false));
        assert!(is_current("/blog/2009/04/", "/blog/2009/04/", false));
        assert!(is_current(
            "/search/label/Kids",
            "/search/label/Kids/",
            false
        ));
        assert!(!is_current(
            "/search/label/Kid",
            "/search/label/Kids",
            false
        ));
        assert!(!is_current("/2009/04/", "/2009/05/", false));
        assert!(is_current("/", "/", true));
        assert!(!is_current("/", "/archive", true));
        assert!(!is_current("/blog/", "/blog/archive", true));
        assert!(is_current("/blog/", "/blog", true));
    }

    use super::*;

    #[test]
    fn parses_blogger_permalinks() {
        let p = PostPath::parse("/2009/04/win-for-little-guy.html").unwrap();
        assert_eq!((p.year, p.month), (2009, 4));
        assert_eq!(p.permalink(), "/2009/04/win-for-little-guy.html");
        assert_eq!(p.data_file(), "data/posts/2009/04/win-for-little-guy.json");
        // Blogger's own suffixes and fallback slugs are kept exactly.
        assert!(PostPath::parse("/2010/01/blog-post_1.html").is_some());
        assert!(PostPath::parse("/2010/01/caf%C3%A9.html").is_some());
    }

    #[test]
    fn rejects_what_is_not_a_permalink() {
        for p in [
            "",
            "/",
            "2009/04/x.html",
            "/2009/04/",
            "/2009/04/x",
            "/2009/4/x.html",
            "/09/04/x.html",
            "/2009/13/x.html",
            "/2009/00/x.html",
            "/abcd/04/x.html",
            "/2009/04/.html",
            "/2009/04/x.html/more",
            "/2009/04/a b.html",
            "/2009/04/../x.html",
            "/2009/04/<script>.html",
        ] {
            assert_eq!(PostPath::parse(p), None, "{p:?}");
        }
    }

    #[test]
    fn default_permalink_uses_the_written_date() {
        let d = DateTime::parse("2009-04-18T09:12:00+10:00").unwrap();
        assert_eq!(
            default_permalink(
                &d,
                "A win for the little guy? Ashton Kutcher plays tag with CNN."
            ),
            "/2009/04/a-win-for-the-little-guy-ashton-kutcher.html"
        );
        assert_eq!(default_permalink(&d, "???"), "/2009/04/blog-post.html");
        assert_eq!(default_permalink(&d, "Index"), "/2009/04/index-post.html");
    }

    #[test]
    fn slugs_are_short_lowercase_and_folded() {
        assert_eq!(slugify("Hello, World!"), "hello-world");
        assert_eq!(slugify("Mum's the word"), "mums-the-word");
        assert_eq!(slugify("Café Crème"), "cafe-creme");
        assert_eq!(slugify("日本語"), "");
        assert_eq!(slugify(&"x".repeat(50)), "x".repeat(40));
        let long = slugify("one two three four five six seven eight nine ten");
        assert!(long.len() <= 40 && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn archive_label_and_page_paths() {
        assert_eq!(year_path(2009), "/2009/");
        assert_eq!(month_path(2009, 4), "/2009/04/");
        assert_eq!(label_path("social media"), "/search/label/social%20media");
        assert_eq!(label_path("café"), "/search/label/caf%C3%A9");
        assert_eq!(page_path("about"), "/p/about.html");
        assert_eq!(page_data_file("about"), "data/pages/about.json");
        assert_eq!(home_data_file(2), "data/home/2.json");
        assert_eq!(month_data_file(2009, 4), "data/months/2009-04.json");
        assert_eq!(label_data_file("twitter", 3), "data/labels/twitter/3.json");
        assert_eq!(page_slug("about.html"), Some("about"));
        assert_eq!(page_slug("about"), None);
        assert_eq!(page_slug("../x.html"), None);
    }

    #[test]
    fn reads_archive_paths() {
        assert_eq!(parse_archive_path("/2009/"), Some((2009, None)));
        assert_eq!(parse_archive_path("/2009"), Some((2009, None)));
        assert_eq!(parse_archive_path("/2009/04/"), Some((2009, Some(4))));
        assert_eq!(parse_archive_path("/2009/04"), Some((2009, Some(4))));
        for bad in [
            "/",
            "/archive",
            "/2009/13/",
            "/2009/4/",
            "/2009/04/x.html",
            "2009/",
            "/20091/",
        ] {
            assert_eq!(parse_archive_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn percent_encoding_round_trips() {
        for s in ["social media", "café", "a/b", "100%", "plain"] {
            assert_eq!(decode_segment(&encode_segment(s)).as_deref(), Some(s));
        }
        assert_eq!(decode_segment("%zz"), None);
        assert_eq!(decode_segment("%4"), None);
        assert_eq!(decode_segment("%FF"), None);
    }
}
