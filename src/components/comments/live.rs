//! The live comments of a post on a blog with an Isso server: loaded after the bundled
//! ones, with a message and a Retry if the server cannot be reached, and the reader's own
//! sent comments added as the server confirms them.

use leptos::prelude::*;
use model::isso::ServerComment;

use super::list::{CommentItem, Shown};
use super::Destination;
use crate::isso::{self, CommentsError};

/// The post's comments from the server and those sent from this page.
#[derive(Clone, Copy)]
pub struct LiveComments {
    loaded: Option<LocalResource<Result<Vec<ServerComment>, CommentsError>>>,
    sent: RwSignal<Vec<ServerComment>>,
    /// Every live comment to show: the server's, then this reader's not yet among them.
    /// Worked out once per change, for both the count and the list.
    all: Memo<Vec<ServerComment>>,
}

impl LiveComments {
    /// Starts loading the thread if `destination` is a comment server.
    pub fn start(destination: &Destination) -> Self {
        let loaded = match destination {
            Destination::Isso { server, uri } => {
                let (server, uri) = (server.clone(), uri.clone());
                Some(LocalResource::new(move || {
                    let (server, uri) = (server.clone(), uri.clone());
                    async move { isso::comments(&server, &uri).await }
                }))
            }
            _ => None,
        };
        let sent = RwSignal::new(Vec::<ServerComment>::new());
        let all = Memo::new(move |_| {
            let mut all: Vec<ServerComment> = loaded
                .and_then(|r| r.get())
                .and_then(Result::ok)
                .unwrap_or_default();
            for comment in sent.get() {
                if !all.iter().any(|c| c.id == comment.id) {
                    all.push(comment);
                }
            }
            all
        });
        LiveComments { loaded, sent, all }
    }

    /// Adds a comment the server has just accepted from this reader.
    pub fn add_sent(&self, comment: ServerComment) {
        self.sent.try_update(|sent| sent.push(comment));
    }

    /// How many published live comments there are (not those awaiting moderation).
    pub fn count(&self) -> usize {
        self.all
            .with(|all| all.iter().filter(|c| !c.pending).count())
    }

    /// The list items of the live comments.
    pub fn items(&self) -> impl IntoView {
        let all = self.all;
        move || {
            all.with(|all| {
                all.iter()
                    .map(|c| view! { <CommentItem comment=Shown::from(c) /> })
                    .collect_view()
            })
        }
    }

    /// "Loading comments…", or why they could not be loaded with a Retry button.
    pub fn status(&self) -> impl IntoView {
        let loaded = self.loaded;
        move || {
            let resource = loaded?;
            match resource.get() {
                None => Some(
                    view! {
                        <p class="comments-loading" role="status">
                            "Loading comments…"
                        </p>
                    }
                    .into_any(),
                ),
                Some(Err(e)) => Some(
                    view! {
                        <div class="comments-error" role="alert">
                            <p>"Newer comments could not be loaded. " {e.to_string()}</p>
                            <button type="button" on:click=move |_| resource.refetch()>
                                "Retry"
                            </button>
                        </div>
                    }
                    .into_any(),
                ),
                Some(Ok(_)) => None,
            }
        }
    }
}
