//! A post's comments, kept beside it in `posts/NAME.comments.toml`:
//!
//! ```toml
//! [[comment]]
//! author = "Jo"
//! url = "https://jo.example"    # optional
//! published = "2009-04-18T10:02:00+10:00"
//! body = """
//! Plain text. Blank lines separate paragraphs.
//! """
//! ```

use std::path::Path;

use model::{Comment, DateTime};
use serde::Deserialize;

use crate::error::{line_of, ContentError};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommentsFile {
    #[serde(default)]
    comment: Vec<CommentEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommentEntry {
    author: String,
    #[serde(default)]
    url: Option<String>,
    published: toml::Spanned<String>,
    body: String,
}

/// Reads a comments file, oldest comment first.
pub fn parse(file: &Path, text: &str) -> Result<Vec<Comment>, ContentError> {
    let parsed: CommentsFile = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(0, |s| line_of(text, s.start));
        ContentError::at(file, line, e.message().trim().to_string())
    })?;
    let mut comments = parsed
        .comment
        .into_iter()
        .map(|c| {
            let published = DateTime::parse(c.published.get_ref()).map_err(|e| {
                ContentError::at(
                    file,
                    line_of(text, c.published.span().start),
                    format!("invalid published date: {e}"),
                )
            })?;
            let url = c
                .url
                .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
            Ok(Comment {
                author: c.author.trim().to_string(),
                author_url: url,
                published,
                body: c.body.trim().to_string(),
            })
        })
        .collect::<Result<Vec<_>, ContentError>>()?;
    comments.sort_by_key(|c| c.published);
    Ok(comments)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_orders_comments() {
        let text = "[[comment]]\nauthor = \"B\"\npublished = \"2009-04-19T10:00:00Z\"\nbody = \"second\"\n\
                    [[comment]]\nauthor = \"A\"\nurl = \"javascript:alert(1)\"\n\
                    published = \"2009-04-18T10:00:00Z\"\nbody = \"first\"\n";
        let c = parse(Path::new("x.comments.toml"), text).unwrap();
        assert_eq!(c[0].body, "first");
        assert_eq!(c[0].author_url, None, "only http(s) author links are kept");
        assert_eq!(c[1].author, "B");
    }

    #[test]
    fn bad_dates_name_their_line() {
        let text = "[[comment]]\nauthor = \"B\"\npublished = \"last week\"\nbody = \"x\"\n";
        let e = parse(Path::new("x.comments.toml"), text).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        let e = parse(Path::new("x.comments.toml"), "[[comment]]\nauthor = 1\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }
}
