//! `_headers` files, read and applied as Netlify and Cloudflare Pages do, so the browser
//! tests run under the headers a real host would send (the content security policy too).
//!
//! The format: a line with no indent is a path pattern; the indented `Name: value` lines
//! under it are the headers for every request path it matches. `*` matches any run of
//! characters (slashes too) and `:name` one path segment. When several rules match, a
//! header they share gets their values joined with ", ", as those hosts do.

/// One rule: a path pattern and its headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub pattern: String,
    pub headers: Vec<(String, String)>,
}

/// Why a `_headers` file could not be read: the line and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("_headers line {line}: {reason}")]
pub struct HeadersError {
    pub line: usize,
    pub reason: &'static str,
}

/// The rules of a `_headers` file, in order.
pub fn parse(text: &str) -> Result<Vec<Rule>, HeadersError> {
    let mut rules: Vec<Rule> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if raw.starts_with([' ', '\t']) {
            let rule = rules.last_mut().ok_or(HeadersError {
                line,
                reason: "a header before any path",
            })?;
            let (name, value) = trimmed.split_once(':').ok_or(HeadersError {
                line,
                reason: "a header line needs `Name: value`",
            })?;
            let name = name.trim();
            if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
                return Err(HeadersError {
                    line,
                    reason: "a header name is letters, digits and dashes",
                });
            }
            rule.headers
                .push((name.to_string(), value.trim().to_string()));
        } else {
            if !trimmed.starts_with('/') {
                return Err(HeadersError {
                    line,
                    reason: "a path pattern starts with /",
                });
            }
            rules.push(Rule {
                pattern: trimmed.to_string(),
                headers: Vec::new(),
            });
        }
    }
    Ok(rules)
}

/// Whether `pattern` matches the request path `path` (no query).
pub fn matches(pattern: &str, path: &str) -> bool {
    let (p, s) = (pattern.as_bytes(), path.as_bytes());
    // Iterative wildcard matching with one backtrack point for `*`.
    let (mut pi, mut si) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while si < s.len() {
        if pi < p.len() && p[pi] == b'*' {
            star = Some((pi, si));
            pi += 1;
        } else if pi < p.len() && p[pi] == b':' && (pi == 0 || p[pi - 1] == b'/') {
            // `:name` takes one segment, which must not be empty.
            let name_end = p[pi..]
                .iter()
                .position(|&b| b == b'/')
                .map_or(p.len(), |e| pi + e);
            let seg_end = s[si..]
                .iter()
                .position(|&b| b == b'/')
                .map_or(s.len(), |e| si + e);
            if seg_end == si {
                match star {
                    Some((sp, ss)) => {
                        pi = sp + 1;
                        si = ss + 1;
                        star = Some((sp, ss + 1));
                    }
                    None => return false,
                }
                continue;
            }
            pi = name_end;
            si = seg_end;
        } else if pi < p.len() && p[pi] == s[si] {
            pi += 1;
            si += 1;
        } else if let Some((sp, ss)) = star {
            pi = sp + 1;
            si = ss + 1;
            star = Some((sp, ss + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&b| b == b'*')
}

/// The headers `rules` give the request path `path`, merged as the hosts merge them.
pub fn headers_for(rules: &[Rule], path: &str) -> Vec<(String, String)> {
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut out: Vec<(String, String)> = Vec::new();
    for rule in rules.iter().filter(|r| matches(&r.pattern, path)) {
        for (name, value) in &rule.headers {
            match out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
                Some((_, v)) => {
                    v.push_str(", ");
                    v.push_str(value);
                }
                None => out.push((name.clone(), value.clone())),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# comment\n/assets/*\n  Cache-Control: immutable\n\n/\n  Cache-Control: no-cache\n\
        /blog/:year/*\n  X-Year: yes\n/*\n  X-Content-Type-Options: nosniff\n  Cache-Control: public\n";

    #[test]
    fn reads_rules_in_order() {
        let rules = parse(FILE).unwrap();
        assert_eq!(rules.len(), 4);
        assert_eq!(rules[0].pattern, "/assets/*");
        assert_eq!(
            rules[3].headers,
            vec![
                ("X-Content-Type-Options".into(), "nosniff".into()),
                ("Cache-Control".into(), "public".into())
            ]
        );
    }

    #[test]
    fn merges_every_matching_rule() {
        let rules = parse(FILE).unwrap();
        let h = headers_for(&rules, "/assets/app.wasm?v=1");
        assert_eq!(
            h,
            vec![
                ("Cache-Control".into(), "immutable, public".into()),
                ("X-Content-Type-Options".into(), "nosniff".into())
            ]
        );
        assert_eq!(
            headers_for(&rules, "/")[0],
            ("Cache-Control".into(), "no-cache, public".into())
        );
        assert!(headers_for(&rules, "/blog/2009/x.html")
            .iter()
            .any(|(n, _)| n == "X-Year"));
        assert!(!headers_for(&rules, "/blog//x.html")
            .iter()
            .any(|(n, _)| n == "X-Year"));
    }

    #[test]
    fn patterns_match_as_the_hosts_match() {
        assert!(matches("/*", "/"));
        assert!(matches("/*", "/a/b/c.html"));
        assert!(matches("/2009/*", "/2009/04/x.html"));
        assert!(!matches("/2009/*", "/2010/04/x.html"));
        assert!(matches("/atom.xml", "/atom.xml"));
        assert!(!matches("/atom.xml", "/atom.xml.br"));
        assert!(matches("/p/:slug", "/p/about.html"));
        assert!(!matches("/p/:slug", "/p/a/b"));
        assert!(matches("/a*c", "/abbbc"));
    }

    #[test]
    fn refuses_what_is_not_a_headers_file() {
        assert_eq!(parse("  X: y").unwrap_err().line, 1);
        assert_eq!(parse("/a\n  no colon").unwrap_err().line, 2);
        assert_eq!(parse("a\n").unwrap_err().line, 1);
        assert_eq!(parse("/a\n  Bad Name: v").unwrap_err().line, 2);
    }
}
