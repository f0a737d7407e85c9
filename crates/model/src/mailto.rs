//! A comment sent by email, for blogs without a comment server: a `mailto:` link with the
//! reader's draft filled in.

use crate::drafts::Draft;

/// The `mailto:` address that opens the reader's mail program with the comment on the post
/// titled `post_title` (at `post_url`) ready to send to `contact`.
pub fn comment_mailto(contact: &str, post_title: &str, post_url: &str, draft: &Draft) -> String {
    let subject = format!("Comment on \"{post_title}\"");
    let mut body = draft.text.trim_end().to_string();
    body.push_str("\n\n--\n");
    if !draft.name.trim().is_empty() {
        body.push_str(draft.name.trim());
        body.push('\n');
    }
    if !draft.website.trim().is_empty() {
        body.push_str(draft.website.trim());
        body.push('\n');
    }
    body.push_str("On ");
    body.push_str(post_url);
    format!(
        "mailto:{}?subject={}&body={}",
        encode(contact.trim()),
        encode(&subject),
        encode(&body)
    )
}

/// Percent-encodes everything but the characters RFC 3986 leaves unreserved (and `@`, so
/// the address stays readable), with line breaks as CRLF as RFC 6068 asks.
fn encode(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n").replace('\n', "\r\n");
    let mut out = String::with_capacity(normalized.len() * 3);
    for byte in normalized.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'@') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draft_goes_into_the_body_and_the_title_into_the_subject() {
        let draft = Draft {
            name: "Ann".into(),
            website: "https://ann.example".into(),
            text: "Great post & thanks!\nSee you?".into(),
        };
        let link = comment_mailto(
            "mum@example.com",
            "Mediamum",
            "https://mediamum.example.com/2009/04/mediamum.html",
            &draft,
        );
        assert_eq!(
            link,
            "mailto:mum@example.com?subject=Comment%20on%20%22Mediamum%22\
             &body=Great%20post%20%26%20thanks%21%0D%0ASee%20you%3F%0D%0A%0D%0A--%0D%0AAnn%0D%0A\
             https%3A%2F%2Fann.example%0D%0AOn%20https%3A%2F%2Fmediamum.example.com%2F2009%2F04%2Fmediamum.html"
        );
    }

    #[test]
    fn nothing_in_the_draft_can_add_headers() {
        let draft = Draft {
            name: "x&cc=victim@example.com".into(),
            website: String::new(),
            text: "é?&=#".into(),
        };
        let link = comment_mailto("a@example.com", "T", "u", &draft);
        assert_eq!(link.matches('&').count(), 1, "{link}");
        assert_eq!(link.matches('?').count(), 1, "{link}");
        assert!(link.contains("%C3%A9%3F%26%3D%23"));
    }
}
