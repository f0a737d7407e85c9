//! "Post a Comment": the form under a post's comments, whose draft is kept as the reader
//! types, sent to the comment server (or by email), and cleared only once it has arrived.

use leptos::prelude::*;
use leptos::task::spawn_local;
use model::isso::{check_draft, ServerComment};
use model::mailto::comment_mailto;

use super::draft_sync::{Choice, DraftSync, SaveStatus, SetAsideNotice};
use super::{CommentsClosed, Destination};
use crate::isso::{self, CommentsError};

/// Where sending the comment has got to.
#[derive(Debug, Clone, PartialEq)]
enum Sending {
    Idle,
    /// The draft is not ready to send; the reason is shown.
    Invalid(String),
    InFlight,
    /// The server did not take it; the draft is kept and Retry sends it again.
    Failed(CommentsError),
    /// Accepted: published, or held for moderation.
    Accepted {
        pending: bool,
    },
}

/// The comment form for the post at `permalink` titled `title`. A comment the server
/// accepts is handed to `on_sent` to join the list.
#[component]
pub fn CommentForm(
    permalink: String,
    title: String,
    destination: Destination,
    on_sent: Callback<ServerComment>,
) -> impl IntoView {
    if destination == Destination::Closed {
        return view! { <CommentsClosed /> }.into_any();
    }
    let sync = DraftSync::start(permalink.clone());
    let sending = RwSignal::new(Sending::Idle);
    let mail_title = title.clone();

    let send = {
        let destination = destination.clone();
        move || {
            let Destination::Isso { server, uri } = destination.clone() else {
                return;
            };
            if sending.get_untracked() == Sending::InFlight {
                return;
            }
            // Whatever happens next, the draft is in storage first.
            sync.flush();
            let draft = sync.current();
            if let Err(reason) = check_draft(&draft) {
                sending.set(Sending::Invalid(reason));
                return;
            }
            sending.set(Sending::InFlight);
            let title = title.clone();
            let permalink = permalink.clone();
            spawn_local(async move {
                match isso::send(&server, &uri, &title, &draft).await {
                    Ok(comment) => {
                        // Only now, with the server's 2xx answer in hand, is the draft
                        // dropped.
                        sync.clear_sent(&permalink);
                        let pending = comment.pending;
                        on_sent.try_run(comment);
                        sending.try_set(Sending::Accepted { pending });
                    }
                    Err(e) => {
                        sending.try_set(Sending::Failed(e));
                    }
                }
            });
        }
    };
    let send_on_submit = send.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send_on_submit();
    };
    let on_edit = move || {
        sync.edited();
        if matches!(
            sending.get_untracked(),
            Sending::Invalid(_) | Sending::Accepted { .. }
        ) {
            sending.set(Sending::Idle);
        }
    };

    // Every field keeps its value in its signal and counts as an edit of the draft.
    let edit = move |field: RwSignal<String>| {
        move |ev: leptos::ev::Event| {
            field.set(event_target_value(&ev));
            on_edit();
        }
    };

    let send_controls = match destination {
        Destination::Isso { .. } => {
            view! { <SendControls sending send=Callback::new(move |()| send()) /> }.into_any()
        }
        Destination::Email { contact } => {
            let href = move || {
                let url = window()
                    .location()
                    .href()
                    .map(|h| h.split('#').next().unwrap_or_default().to_string())
                    .unwrap_or_default();
                comment_mailto(&contact, &mail_title, &url, &sync.draft())
            };
            view! {
                <p class="comment-email-note">
                    "This blog takes comments by email. Your draft is kept here until you send it."
                </p>
                <a class="button send-email" href=href>
                    "Send by email"
                </a>
            }
            .into_any()
        }
        Destination::Closed => ().into_any(),
    };

    view! {
        <form
            class="comment-form"
            novalidate
            aria-labelledby="post-comment-heading"
            on:submit=on_submit
        >
            <h4 id="post-comment-heading">"Post a Comment"</h4>
            <SetAsideNotices sync />
            <p class="field">
                <label for="comment-name">"Name"</label>
                <input
                    id="comment-name"
                    name="name"
                    autocomplete="name"
                    maxlength="254"
                    prop:value=move || sync.name.get()
                    on:input=edit(sync.name)
                />
            </p>
            <p class="field">
                <label for="comment-website">
                    "Website " <span class="optional">"(optional)"</span>
                </label>
                <input
                    id="comment-website"
                    name="website"
                    type="url"
                    autocomplete="url"
                    maxlength="254"
                    placeholder="https://"
                    prop:value=move || sync.website.get()
                    on:input=edit(sync.website)
                />
            </p>
            <p class="field">
                <label for="comment-text">"Comment"</label>
                <textarea
                    id="comment-text"
                    name="comment"
                    rows="6"
                    prop:value=move || sync.text.get()
                    on:input=edit(sync.text)
                ></textarea>
            </p>
            <ConflictChooser sync />
            <DraftStatus status=sync.status.into() />
            {send_controls}
        </form>
    }
    .into_any()
}

/// The line next to the form that tells the truth about the draft.
#[component]
fn DraftStatus(status: Signal<SaveStatus>) -> impl IntoView {
    move || {
        match status.get() {
        SaveStatus::Empty => view! { <p class="draft-status" role="status"></p> }.into_any(),
        SaveStatus::Pending => {
            view! {
                <p class="draft-status" role="status">
                    "Saving draft…"
                </p>
            }.into_any()
        }
        SaveStatus::Saved => {
            view! {
                <p class="draft-status saved" role="status">
                    "Draft saved"
                </p>
            }.into_any()
        }
        SaveStatus::MemoryOnly(e) => view! {
            <p class="draft-status draft-warning" role="alert">
                {format!(
                    "Your draft could not be saved in this browser: {e}. It lives only in this tab for now, so keep the tab open until you have sent it.",
                )}
            </p>
        }
        .into_any(),
    }
    }
}

/// While another tab holds a different draft of this comment: both drafts, and the
/// reader's choice of what to keep.
#[component]
fn ConflictChooser(sync: DraftSync) -> impl IntoView {
    move || {
        sync.conflict.get().map(|theirs| {
            view! {
                <div class="draft-conflict" role="alert">
                    <p>
                        "This comment was also changed in another tab. Both versions are kept until you choose. The other tab's version:"
                    </p>
                    <blockquote class="other-draft">{theirs.text}</blockquote>
                    <div class="choices">
                        <button
                            type="button"
                            class="keep-mine"
                            on:click=move |_| sync.resolve(Choice::KeepMine)
                        >
                            "Keep mine"
                        </button>
                        <button
                            type="button"
                            class="use-theirs"
                            on:click=move |_| sync.resolve(Choice::UseTheirs)
                        >
                            "Use the other tab's"
                        </button>
                        <button
                            type="button"
                            class="keep-both"
                            on:click=move |_| sync.resolve(Choice::KeepBoth)
                        >
                            "Keep both"
                        </button>
                    </div>
                </div>
            }
        })
    }
}

/// Drafts found set aside in storage (unreadable, or left from two tabs' disagreement):
/// the reader is told, can see them, and decides.
#[component]
fn SetAsideNotices(sync: DraftSync) -> impl IntoView {
    move || {
        sync.set_aside
            .get()
            .into_iter()
            .map(|notice| view! { <SetAsideNotice sync notice /> })
            .collect_view()
    }
}

#[component]
fn SetAsideNotice(sync: DraftSync, notice: SetAsideNotice) -> impl IntoView {
    let key = notice.key.clone();
    let shown = notice
        .draft
        .as_ref()
        .map_or_else(|| notice.raw.clone(), |d| d.text.clone());
    let restore = notice.draft.is_some().then(|| {
        let notice = notice.clone();
        view! {
            <button type="button" class="restore-draft" on:click=move |_| sync.restore(&notice)>
                "Put it back in the form"
            </button>
        }
    });
    view! {
        <div class="draft-set-aside" role="alert">
            <p>
                {format!(
                    "A draft of your comment on this post was set aside, because {}. Nothing was deleted: it is kept in this browser as \u{201c}{}\u{201d}.",
                    notice.reason,
                    notice.key,
                )}
            </p>
            <details>
                <summary>"Show the set-aside draft"</summary>
                <pre class="set-aside-text">{shown}</pre>
            </details>
            {restore}
            <button type="button" class="discard-draft" on:click=move |_| sync.discard(&key)>
                "Discard it"
            </button>
        </div>
    }
}

/// The Publish button, and what became of the last attempt, with Retry after a failure.
#[component]
fn SendControls(sending: RwSignal<Sending>, send: Callback<()>) -> impl IntoView {
    let busy = move || sending.get() == Sending::InFlight;
    view! {
        <p class="send">
            <button type="submit" class="publish" disabled=busy>
                {move || if busy() { "Publishing…" } else { "Publish" }}
            </button>
        </p>
        {move || match sending.get() {
            Sending::Idle | Sending::InFlight => ().into_any(),
            Sending::Invalid(reason) => {
                view! {
                    <p class="send-problem" role="alert">
                        {reason}
                    </p>
                }
                    .into_any()
            }
            Sending::Failed(e) => {
                view! {
                    <div class="send-problem" role="alert">
                        <p>{format!("Your comment was not sent. {e} Your draft is kept.")}</p>
                        <button type="button" class="retry" on:click=move |_| send.run(())>
                            "Retry"
                        </button>
                    </div>
                }
                    .into_any()
            }
            Sending::Accepted { pending: true } => {
                view! {
                    <p class="send-done" role="status">
                        "Thank you! Your comment is awaiting moderation and will appear once the author approves it."
                    </p>
                }
                    .into_any()
            }
            Sending::Accepted { pending: false } => {
                view! {
                    <p class="send-done" role="status">
                        "Thank you! Your comment is published."
                    </p>
                }
                    .into_any()
            }
        }}
    }
}
