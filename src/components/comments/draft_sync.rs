//! Keeps a comment form and its stored draft in step: saves shortly after typing stops and
//! at once when the page is hidden or left, brings the draft back when the reader returns,
//! and follows other tabs without ever overwriting unsaved words.

use std::time::Duration;

use leptos::prelude::*;
use model::drafts::{self, Draft, KeyValue, Remote, Saved, StoreError};

use crate::drafts::{now_ms, remember, remembered, LocalStorage};

/// How long after the last keystroke the draft is saved.
const SAVE_AFTER: Duration = Duration::from_millis(400);

/// What the status next to the form says about the draft.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    /// Nothing typed.
    Empty,
    /// Typed, not saved yet.
    Pending,
    /// Saved, and read back the same.
    Saved,
    /// Storage refused it: the draft lives only in this tab.
    MemoryOnly(StoreError),
}

/// A draft found set aside in storage, shown to the reader until they deal with it.
#[derive(Debug, Clone, PartialEq)]
pub struct SetAsideNotice {
    /// Where it is kept.
    pub key: String,
    /// Why it was set aside.
    pub reason: String,
    /// The draft, if it can still be read.
    pub draft: Option<Draft>,
    /// The stored value as it is.
    pub raw: String,
}

/// How the reader settles two tabs' different drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    KeepMine,
    UseTheirs,
    KeepBoth,
}

/// The form's fields and the draft's state, shared by the form's parts.
#[derive(Clone, Copy)]
pub struct DraftSync {
    pub name: RwSignal<String>,
    pub website: RwSignal<String>,
    pub text: RwSignal<String>,
    pub status: RwSignal<SaveStatus>,
    /// Another tab's draft, while this tab holds a different one with unsaved edits.
    pub conflict: RwSignal<Option<Draft>>,
    pub set_aside: RwSignal<Vec<SetAsideNotice>>,
    permalink: StoredValue<String>,
    /// What storage holds as far as this tab knows: last loaded, saved or adopted.
    synced: StoredValue<Draft>,
    /// Bumped by each edit, so that only the last edit's timer saves.
    edits: StoredValue<u64>,
    /// Where this tab's side of an unsettled disagreement was put when the page was hidden.
    aside_key: StoredValue<Option<String>>,
}

impl DraftSync {
    /// Loads the post's draft (this tab's in-memory one first, then storage's) and starts
    /// following the page's visibility and other tabs' saves. Stops when the form goes.
    pub fn start(permalink: String) -> Self {
        let mut notices = Vec::new();
        let mut problem = None;
        let mut stored = None;
        match LocalStorage::open() {
            Ok(store) => {
                let mut unmoved = None;
                match drafts::load(&store, &permalink, now_ms()) {
                    Ok(loaded) => {
                        stored = loaded.draft;
                        // An unreadable draft that could not be copied aside stays under
                        // its own key, where the search for set-aside drafts won't look.
                        unmoved = loaded
                            .set_aside
                            .filter(|a| !drafts::is_recovery_key_of(&a.key, &permalink));
                    }
                    Err(e) => problem = Some(e),
                }
                if let Ok(found) = drafts::set_aside_drafts(&store, &permalink) {
                    notices = found.into_iter().map(notice).collect();
                }
                if let Some(a) = unmoved {
                    notices.push(notice((a.key, a.raw)));
                }
            }
            Err(e) => problem = Some(e),
        }
        let synced = stored.clone().unwrap_or_default();
        let initial = remembered(&permalink).or(stored).unwrap_or_default();
        let status = match problem {
            Some(e) => SaveStatus::MemoryOnly(e),
            None if initial.is_empty() => SaveStatus::Empty,
            None if initial == synced => SaveStatus::Saved,
            None => SaveStatus::Pending,
        };
        let sync = DraftSync {
            name: RwSignal::new(initial.name.clone()),
            website: RwSignal::new(initial.website.clone()),
            text: RwSignal::new(initial.text.clone()),
            status: RwSignal::new(status),
            conflict: RwSignal::new(None),
            set_aside: RwSignal::new(notices),
            permalink: StoredValue::new(permalink.clone()),
            synced: StoredValue::new(synced),
            edits: StoredValue::new(0),
            aside_key: StoredValue::new(None),
        };
        if sync.status.get_untracked() == SaveStatus::Pending {
            sync.save();
        }
        sync.listen(drafts::key(&permalink));
        sync
    }

    /// Saves on hide and leave, follows other tabs, and saves when the form goes away
    /// (the reader moved elsewhere in the blog).
    fn listen(self, key: String) {
        let storage = window_event_listener(leptos::ev::storage, move |e| {
            // `key` is null when another tab cleared all of storage.
            match e.key() {
                Some(k) if k == key => self.remote_changed(e.new_value()),
                None => self.remote_changed(None),
                Some(_) => {}
            }
        });
        let pagehide = window_event_listener(leptos::ev::pagehide, move |_| self.flush());
        let visibility = window_event_listener_untyped("visibilitychange", move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                self.flush();
            }
        });
        on_cleanup(move || {
            storage.remove();
            pagehide.remove();
            visibility.remove();
            self.flush();
        });
    }

    /// What the form holds, tracked: a view reading it follows every edit.
    pub fn draft(&self) -> Draft {
        Draft {
            name: self.name.get(),
            website: self.website.get(),
            text: self.text.get(),
        }
    }

    /// What the form holds now.
    pub fn current(&self) -> Draft {
        Draft {
            name: self.name.try_get_untracked().unwrap_or_default(),
            website: self.website.try_get_untracked().unwrap_or_default(),
            text: self.text.try_get_untracked().unwrap_or_default(),
        }
    }

    fn show(&self, draft: &Draft) {
        self.name.set(draft.name.clone());
        self.website.set(draft.website.clone());
        self.text.set(draft.text.clone());
        if let Some(p) = self.permalink.try_get_value() {
            remember(&p, draft);
        }
    }

    /// The reader changed a field: remember it in this tab at once, save it soon.
    pub fn edited(&self) {
        let Some(permalink) = self.permalink.try_get_value() else {
            return;
        };
        remember(&permalink, &self.current());
        let edit = self.edits.try_get_value().unwrap_or(0) + 1;
        self.edits.set_value(edit);
        if self.conflict.try_get_untracked().flatten().is_none()
            && !matches!(
                self.status.try_get_untracked(),
                Some(SaveStatus::MemoryOnly(_))
            )
        {
            self.status.set(SaveStatus::Pending);
        }
        let this = *self;
        set_timeout(
            move || {
                if this.edits.try_get_value() == Some(edit) {
                    this.save();
                }
            },
            SAVE_AFTER,
        );
    }

    /// Saves the form's draft unless another tab's different draft is waiting for the
    /// reader's choice, in which case nothing is overwritten.
    pub fn save(&self) {
        let (Some(permalink), Some(synced)) =
            (self.permalink.try_get_value(), self.synced.try_get_value())
        else {
            return;
        };
        if self.conflict.try_get_untracked().flatten().is_some() {
            return;
        }
        let draft = self.current();
        let outcome = LocalStorage::open()
            .and_then(|store| drafts::save(&store, &permalink, &draft, &synced, now_ms()));
        match outcome {
            Ok(Saved::Written) => {
                self.synced.set_value(draft.clone());
                self.status.set(if draft.is_empty() {
                    SaveStatus::Empty
                } else {
                    SaveStatus::Saved
                });
            }
            Ok(Saved::Conflict(theirs)) => self.conflict.set(Some(theirs)),
            Err(e) => self.status.set(SaveStatus::MemoryOnly(e)),
        }
    }

    /// Saves now (the page is being hidden or left, or the form is going away). A draft
    /// in disagreement with another tab's is set aside rather than lost.
    pub fn flush(&self) {
        let Some(permalink) = self.permalink.try_get_value() else {
            return;
        };
        if self.conflict.try_get_untracked().flatten().is_some() {
            let mine = self.current();
            if let Ok(store) = LocalStorage::open() {
                let key = self
                    .aside_key
                    .try_get_value()
                    .flatten()
                    .unwrap_or_else(|| drafts::recovery_key(&permalink, now_ms()));
                if store.set(&key, &drafts::encode(&mine, now_ms())).is_ok() {
                    self.aside_key.set_value(Some(key));
                }
            }
            return;
        }
        let pending = self
            .synced
            .try_get_value()
            .is_some_and(|s| s != self.current());
        let failed = matches!(
            self.status.try_get_untracked(),
            Some(SaveStatus::MemoryOnly(_) | SaveStatus::Pending)
        );
        if pending || failed {
            self.save();
        }
    }

    /// Another tab changed the stored draft to `new_value` (`None`: removed).
    fn remote_changed(&self, new_value: Option<String>) {
        let remote = match new_value {
            None => None,
            Some(raw) => match drafts::decode(&raw) {
                Ok(draft) => Some(draft),
                // Another version of the app wrote it; this tab's draft stays as it is.
                Err(_) => return,
            },
        };
        let Some(synced) = self.synced.try_get_value() else {
            return;
        };
        match drafts::on_remote_change(&self.current(), &synced, remote) {
            Remote::Ignore => {}
            Remote::InStep => {
                self.synced.set_value(self.current());
                self.conflict.set(None);
                self.status.set(SaveStatus::Saved);
            }
            Remote::Adopt(theirs) => {
                self.show(&theirs);
                self.synced.set_value(theirs.clone());
                self.status.set(if theirs.is_empty() {
                    SaveStatus::Empty
                } else {
                    SaveStatus::Saved
                });
            }
            Remote::Conflict(theirs) => self.conflict.set(Some(theirs)),
        }
    }

    /// Settles a disagreement with another tab as the reader chose, and saves the result.
    pub fn resolve(&self, choice: Choice) {
        let Some(theirs) = self.conflict.try_get_untracked().flatten() else {
            return;
        };
        let mine = self.current();
        let chosen = match choice {
            Choice::KeepMine => mine,
            Choice::UseTheirs => theirs,
            Choice::KeepBoth => drafts::merge(&mine, &theirs),
        };
        self.show(&chosen);
        self.conflict.set(None);
        self.write(&chosen);
        if let (Some(key), Ok(store)) = (
            self.aside_key.try_get_value().flatten(),
            LocalStorage::open(),
        ) {
            // The reader has settled it: the copy kept meanwhile is no longer needed.
            let _ = store.remove(&key);
            self.aside_key.set_value(None);
        }
    }

    /// Writes `draft` whatever storage holds, as the reader asked.
    fn write(&self, draft: &Draft) {
        let Some(permalink) = self.permalink.try_get_value() else {
            return;
        };
        let result = LocalStorage::open()
            .and_then(|store| drafts::write(&store, &permalink, draft, now_ms()));
        match result {
            Ok(()) => {
                self.synced.set_value(draft.clone());
                self.status.set(if draft.is_empty() {
                    SaveStatus::Empty
                } else {
                    SaveStatus::Saved
                });
            }
            Err(e) => self.status.set(SaveStatus::MemoryOnly(e)),
        }
    }

    /// The comment on the post at `permalink` was accepted by the server: empty the form
    /// and drop its draft, also if the reader has left the post meanwhile.
    pub fn clear_sent(&self, permalink: &str) {
        // The name and website stay in the form for the next comment; only the sent text
        // goes, and the stored draft with it.
        let next = Draft {
            text: String::new(),
            ..self.current()
        };
        if self.permalink.try_get_value().is_none() {
            // The form is gone: only storage and this tab's memory are left to clear.
            remember(permalink, &Draft::default());
            if let Ok(store) = LocalStorage::open() {
                let _ = drafts::write(&store, permalink, &Draft::default(), now_ms());
            }
            return;
        }
        self.show(&next);
        self.conflict.set(None);
        // A save still waiting from the last keystroke would store the name and website
        // again as a draft of this post, after the sent one was dropped.
        self.edits
            .set_value(self.edits.try_get_value().unwrap_or(0) + 1);
        self.write(&Draft::default());
        self.synced.set_value(next);
    }

    /// Puts a set-aside draft's text into the form (after what is there) and forgets the
    /// copy in storage.
    pub fn restore(&self, notice: &SetAsideNotice) {
        if let Some(draft) = &notice.draft {
            let merged = drafts::merge(&self.current(), draft);
            self.show(&merged);
            self.edited();
        }
        self.discard(&notice.key);
    }

    /// Removes a set-aside draft the reader no longer wants.
    pub fn discard(&self, key: &str) {
        if let Ok(store) = LocalStorage::open() {
            let _ = store.remove(key);
        }
        self.set_aside
            .update(|notices| notices.retain(|n| n.key != key));
    }
}

/// The notice for a draft found under a recovery key.
fn notice((key, raw): (String, String)) -> SetAsideNotice {
    match drafts::decode(&raw) {
        Ok(draft) => SetAsideNotice {
            key,
            reason: "it was kept when two tabs held different drafts of this comment".into(),
            draft: Some(draft),
            raw,
        },
        Err(e) => SetAsideNotice {
            key,
            reason: format!("it could not be read: {e}"),
            draft: None,
            raw,
        },
    }
}
