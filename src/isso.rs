//! Talking to the blog's Isso comment server: a post's live comments, and sending a new one.
//!
//! The server's answers are made into plain-text comments by [`model::isso`]; this module
//! only does the HTTP and says, for the reader, what went wrong.

use gloo_net::http::{Request, RequestBuilder};
use model::drafts::Draft;
use model::isso::{thread_comments, thread_url, NewComment, RawComment, ServerComment, Thread};
use thiserror::Error;
use web_sys::RequestCache;

use crate::drafts::local_offset_minutes;

/// How long a request to the comment server may take, answer included, before it is given
/// up: a server that is slow or sends a huge body never leaves the reader waiting for ever.
pub const TIMEOUT_SECONDS: u32 = 10;

/// The largest answer read from the comment server (a thread of a few thousand comments).
const MAX_ANSWER_BYTES: usize = 4 * 1024 * 1024;

/// Why comments could not be loaded or sent; shown to the reader with a Retry button.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CommentsError {
    /// The request never got an answer: the server is down or the network failed.
    #[error("The comment server could not be reached ({0}). Check your connection and try again.")]
    Network(String),
    /// The server refused the request (HTTP 4xx), giving its reason.
    #[error("The comment server refused the comment (HTTP {status}): {reason}")]
    Refused { status: u16, reason: String },
    /// The server failed (HTTP 5xx or another status).
    #[error("The comment server had a problem (HTTP {0}). Please try again in a moment.")]
    Server(u16),
    /// The browser is offline.
    #[error("You are offline: sending or loading comments needs a connection.")]
    Offline,
    /// No complete answer came within [`TIMEOUT_SECONDS`].
    #[error("The comment server did not answer within {0} seconds. Check your connection and try again.")]
    TimedOut(u32),
    /// The answer was not what an Isso server sends.
    #[error("The comment server's answer could not be read ({0}).")]
    Malformed(String),
}

/// Sends a request and reads its JSON answer within [`TIMEOUT_SECONDS`], mapping every
/// failure to a [`CommentsError`].
async fn answer<T: serde::de::DeserializeOwned>(
    request: impl FnOnce(RequestBuilder) -> Result<Request, gloo_net::Error>,
    builder: RequestBuilder,
) -> Result<T, CommentsError> {
    // The browser's own timer aborts the request, answer included, when time is up.
    let deadline = web_sys::AbortSignal::timeout_with_u32(TIMEOUT_SECONDS * 1000);
    let request = request(builder.abort_signal(Some(&deadline)))
        .map_err(|e| CommentsError::Malformed(e.to_string()))?;
    let network = |e: gloo_net::Error| {
        if deadline.aborted() {
            CommentsError::TimedOut(TIMEOUT_SECONDS)
        } else if web_sys::window().is_some_and(|w| !w.navigator().on_line()) {
            CommentsError::Offline
        } else {
            CommentsError::Network(e.to_string())
        }
    };
    let response = request.send().await.map_err(network)?;
    let status = response.status();
    if !(200..300).contains(&status) {
        return Err(match status {
            400..=499 => {
                let body = response.text().await.unwrap_or_default();
                let reason = model::text::html_to_text(&body);
                CommentsError::Refused {
                    status,
                    reason: if reason.is_empty() {
                        response.status_text()
                    } else {
                        reason.chars().take(300).collect()
                    },
                }
            }
            _ => CommentsError::Server(status),
        });
    }
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|l| l.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_ANSWER_BYTES) {
        return Err(CommentsError::Malformed("the answer is too large".into()));
    }
    let text = response.text().await.map_err(network)?;
    if text.len() > MAX_ANSWER_BYTES {
        return Err(CommentsError::Malformed("the answer is too large".into()));
    }
    serde_json::from_str(&text).map_err(|e| CommentsError::Malformed(e.to_string()))
}

/// The live comments of the post at `uri` (its path on the site), oldest first.
pub async fn comments(server: &str, uri: &str) -> Result<Vec<ServerComment>, CommentsError> {
    let builder = Request::get(&thread_url(server, uri, false)).cache(RequestCache::NoCache);
    let thread: Thread = answer(RequestBuilder::build, builder).await?;
    Ok(thread_comments(&thread, local_offset_minutes()))
}

/// Sends the reader's draft as a comment on the post at `uri` titled `title`. The answer
/// is the comment as the server keeps it (pending, if it is held for moderation).
pub async fn send(
    server: &str,
    uri: &str,
    title: &str,
    draft: &Draft,
) -> Result<ServerComment, CommentsError> {
    let comment = NewComment::from_draft(draft, title);
    let builder = Request::post(&thread_url(server, uri, true));
    let raw: RawComment = answer(|b| b.json(&comment), builder).await?;
    Ok(raw.to_comment(local_offset_minutes()))
}
