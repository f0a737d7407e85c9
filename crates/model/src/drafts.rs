//! Comment drafts: how they are stored, and the rules that keep them from being lost.
//!
//! The app keeps one draft per post in the browser's localStorage (`src/drafts.rs` wraps
//! the real storage); everything that decides what to write, what to keep and when two
//! tabs disagree lives here, over the [`KeyValue`] trait, so it is tested natively.
//!
//! - A draft is stored under [`key`] (`scrapbook.draft.v1:/2009/04/post.html`) as JSON with
//!   a format version. Changing the format means a new version and a new key prefix.
//! - A stored value that cannot be read is never deleted: [`load`] copies it under a
//!   recovery key ([`RECOVERY_PREFIX`]) and tells the caller.
//! - A save is only reported as saved once the value reads back the same.
//! - Another tab's saved change is taken over only when this tab has no unsaved edits of
//!   its own; otherwise both are kept and the reader chooses ([`on_remote_change`]).

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// The version of the stored format, also part of every key.
pub const FORMAT_VERSION: u32 = 1;
/// The prefix of every draft's key; the post's permalink follows it.
pub const KEY_PREFIX: &str = "scrapbook.draft.v1:";
/// The prefix of drafts set aside (unreadable ones, or one tab's side of an unresolved
/// disagreement); the permalink and the time in milliseconds follow it.
pub const RECOVERY_PREFIX: &str = "scrapbook.draft-recovered:";

/// What a reader has typed into a post's comment form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub name: String,
    pub website: String,
    pub text: String,
}

impl Draft {
    /// A form with nothing typed in it: nothing to keep.
    pub fn is_empty(&self) -> bool {
        self.name.trim().is_empty() && self.website.trim().is_empty() && self.text.is_empty()
    }
}

/// The JSON a draft is stored as.
#[derive(Serialize, Deserialize)]
struct Stored {
    v: u32,
    /// When it was saved, in milliseconds since the epoch.
    #[serde(default)]
    saved_at: f64,
    name: String,
    #[serde(default)]
    website: String,
    text: String,
}

/// Only the version, read first so that a newer format is named as such.
#[derive(Deserialize)]
struct VersionProbe {
    v: Option<u32>,
}

/// The storage key of a post's draft.
pub fn key(permalink: &str) -> String {
    format!("{KEY_PREFIX}{permalink}")
}

/// The key a post's draft is set aside under at `now_ms`.
pub fn recovery_key(permalink: &str, now_ms: f64) -> String {
    format!("{RECOVERY_PREFIX}{permalink}:{}", now_ms as i64)
}

/// Whether `key` holds a set-aside draft of the post at `permalink`.
pub fn is_recovery_key_of(key: &str, permalink: &str) -> bool {
    key.strip_prefix(RECOVERY_PREFIX)
        .and_then(|rest| rest.strip_prefix(permalink))
        .and_then(|rest| rest.strip_prefix(':'))
        .is_some_and(|ms| !ms.is_empty() && ms.bytes().all(|b| b.is_ascii_digit()))
}

/// The stored form of `draft`, saved at `now_ms`.
pub fn encode(draft: &Draft, now_ms: f64) -> String {
    let stored = Stored {
        v: FORMAT_VERSION,
        saved_at: now_ms,
        name: draft.name.clone(),
        website: draft.website.clone(),
        text: draft.text.clone(),
    };
    // Serializing strings and a number cannot fail.
    serde_json::to_string(&stored).unwrap_or_default()
}

/// Why a stored value could not be read as a draft.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FormatError {
    #[error("it is not a draft this page can read ({0})")]
    Damaged(String),
    #[error("it was saved in draft format {found}, and this page reads format {FORMAT_VERSION}")]
    UnknownVersion { found: u32 },
}

/// Reads a stored draft.
pub fn decode(raw: &str) -> Result<Draft, FormatError> {
    let probe: VersionProbe =
        serde_json::from_str(raw).map_err(|e| FormatError::Damaged(e.to_string()))?;
    match probe.v {
        Some(FORMAT_VERSION) => {}
        Some(found) => return Err(FormatError::UnknownVersion { found }),
        None => return Err(FormatError::Damaged("it has no format version".into())),
    }
    let stored: Stored =
        serde_json::from_str(raw).map_err(|e| FormatError::Damaged(e.to_string()))?;
    Ok(Draft {
        name: stored.name,
        website: stored.website,
        text: stored.text,
    })
}

/// Why the browser's storage did not keep a draft.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    /// Storage is switched off, blocked (SecurityError) or missing.
    #[error("this browser is not letting the page save anything ({0})")]
    Unavailable(String),
    /// The storage quota is used up.
    #[error("the browser's storage for this site is full")]
    Full,
    /// The write seemed to work, but reading it back gave something else.
    #[error("the saved draft did not read back the same")]
    Mismatch,
    /// Any other failure the storage reported.
    #[error("the browser's storage failed ({0})")]
    Failed(String),
}

/// A string key-value store such as localStorage.
pub trait KeyValue {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key in the store.
    fn keys(&self) -> Result<Vec<String>, StoreError>;
}

/// A draft found in storage that could not be read, and where it was put.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// The key it is kept under now (the draft's own key if copying it failed).
    pub key: String,
    /// What is wrong with it, for the reader.
    pub reason: String,
    /// The value as it was stored.
    pub raw: String,
}

/// What [`load`] found for a post.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The saved draft, if there is a readable one.
    pub draft: Option<Draft>,
    /// An unreadable value that was set aside instead.
    pub set_aside: Option<SetAside>,
}

/// Reads the post's draft. An unreadable value is copied under a recovery key and only then
/// removed from the draft's key; if the copy cannot be made it stays where it is.
pub fn load(store: &impl KeyValue, permalink: &str, now_ms: f64) -> Result<Loaded, StoreError> {
    let key = key(permalink);
    let Some(raw) = store.get(&key)? else {
        return Ok(Loaded::default());
    };
    match decode(&raw) {
        Ok(draft) => Ok(Loaded {
            draft: Some(draft),
            set_aside: None,
        }),
        Err(e) => {
            let recovery = recovery_key(permalink, now_ms);
            let copied = store.set(&recovery, &raw).is_ok()
                && store.get(&recovery).ok().flatten().as_deref() == Some(raw.as_str());
            let kept_at = if copied && store.remove(&key).is_ok() {
                recovery
            } else {
                key
            };
            Ok(Loaded {
                draft: None,
                set_aside: Some(SetAside {
                    key: kept_at,
                    reason: e.to_string(),
                    raw,
                }),
            })
        }
    }
}

/// What became of a save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Written and read back (or, for an empty form, removed).
    Written,
    /// Another tab saved a different draft since this tab last saw storage; nothing was
    /// written, so neither is lost. The other draft is given.
    Conflict(Draft),
}

/// Saves `draft` for the post, unless storage holds a draft from elsewhere that differs
/// from `synced` (what this tab last saved or loaded). An empty form removes the draft.
pub fn save(
    store: &impl KeyValue,
    permalink: &str,
    draft: &Draft,
    synced: &Draft,
    now_ms: f64,
) -> Result<Saved, StoreError> {
    let key = key(permalink);
    let stored = store.get(&key)?.and_then(|raw| decode(&raw).ok());
    if let Some(theirs) = stored {
        if theirs != *synced && theirs != *draft {
            return Ok(Saved::Conflict(theirs));
        }
    }
    write(store, permalink, draft, now_ms)?;
    Ok(Saved::Written)
}

/// Writes `draft` for the post whatever storage holds (the reader chose it), and checks it
/// reads back. An empty form removes the draft.
pub fn write(
    store: &impl KeyValue,
    permalink: &str,
    draft: &Draft,
    now_ms: f64,
) -> Result<(), StoreError> {
    let key = key(permalink);
    if draft.is_empty() {
        store.remove(&key)?;
        return match store.get(&key)? {
            None => Ok(()),
            Some(_) => Err(StoreError::Mismatch),
        };
    }
    let value = encode(draft, now_ms);
    store.set(&key, &value)?;
    match store.get(&key)? {
        Some(back) if back == value => Ok(()),
        _ => Err(StoreError::Mismatch),
    }
}

/// Puts a draft aside under a recovery key (one tab's side of a disagreement the reader has
/// not settled when the tab closes). Returns the key.
pub fn set_aside(
    store: &impl KeyValue,
    permalink: &str,
    draft: &Draft,
    now_ms: f64,
) -> Result<String, StoreError> {
    let key = recovery_key(permalink, now_ms);
    let value = encode(draft, now_ms);
    store.set(&key, &value)?;
    Ok(key)
}

/// The drafts of the post that were set aside, oldest first, as (key, raw value).
pub fn set_aside_drafts(
    store: &impl KeyValue,
    permalink: &str,
) -> Result<Vec<(String, String)>, StoreError> {
    let mut keys: Vec<String> = store
        .keys()?
        .into_iter()
        .filter(|k| is_recovery_key_of(k, permalink))
        .collect();
    keys.sort_by_key(|k| {
        k.rsplit(':')
            .next()
            .and_then(|ms| ms.parse::<u64>().ok())
            .unwrap_or(0)
    });
    let mut found = Vec::new();
    for key in keys {
        if let Some(raw) = store.get(&key)? {
            found.push((key, raw));
        }
    }
    Ok(found)
}

/// What a tab does when another tab changed the post's stored draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remote {
    /// Nothing to do: the change is what this tab shows, or was removed while this tab
    /// has edits of its own (they are saved in turn).
    Ignore,
    /// This tab shows the stored value already; it is now in step with storage.
    InStep,
    /// This tab has no unsaved edits: show the other tab's draft.
    Adopt(Draft),
    /// Both tabs have edits: keep both and let the reader choose.
    Conflict(Draft),
}

/// Decides what this tab does with another tab's change. `local` is what the form shows,
/// `synced` what this tab last saved or loaded, `remote` the new stored draft (`None` if it
/// was removed, for example because the comment was sent from the other tab).
pub fn on_remote_change(local: &Draft, synced: &Draft, remote: Option<Draft>) -> Remote {
    let dirty = local != synced;
    match remote {
        None if dirty => Remote::Ignore,
        None => Remote::Adopt(Draft::default()),
        Some(theirs) if theirs == *local => Remote::InStep,
        Some(theirs) if !dirty => Remote::Adopt(theirs),
        Some(theirs) => Remote::Conflict(theirs),
    }
}

/// Both tabs' drafts in one, for a reader who wants to keep both: this tab's name and
/// website (the other's if this tab has none) and both texts, this tab's first. A text
/// that already contains the other is taken alone.
pub fn merge(mine: &Draft, theirs: &Draft) -> Draft {
    let pick = |a: &str, b: &str| {
        if a.trim().is_empty() {
            b.to_string()
        } else {
            a.to_string()
        }
    };
    let text = if mine.text.contains(&theirs.text) {
        mine.text.clone()
    } else if theirs.text.contains(&mine.text) {
        theirs.text.clone()
    } else {
        format!("{}\n\n{}", mine.text.trim_end(), theirs.text.trim_start())
    };
    Draft {
        name: pick(&mine.name, &theirs.name),
        website: pick(&mine.website, &theirs.website),
        text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    /// Storage in memory that can be told to fail like a browser's.
    #[derive(Default)]
    struct Memory {
        map: RefCell<BTreeMap<String, String>>,
        /// Writes fail with this error.
        fail_writes: Option<StoreError>,
        /// Writes of values longer than this fail as quota errors.
        quota: Option<usize>,
        /// Reads give back a changed value (a storage that corrupts writes).
        garble: bool,
    }

    impl KeyValue for Memory {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            let value = self.map.borrow().get(key).cloned();
            Ok(value.map(|v| if self.garble { format!("{v} ") } else { v }))
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
            if let Some(e) = &self.fail_writes {
                return Err(e.clone());
            }
            if self.quota.is_some_and(|q| value.len() > q) {
                return Err(StoreError::Full);
            }
            self.map.borrow_mut().insert(key.into(), value.into());
            Ok(())
        }
        fn remove(&self, key: &str) -> Result<(), StoreError> {
            self.map.borrow_mut().remove(key);
            Ok(())
        }
        fn keys(&self) -> Result<Vec<String>, StoreError> {
            Ok(self.map.borrow().keys().cloned().collect())
        }
    }

    const POST: &str = "/2009/04/mediamum.html";

    fn draft(text: &str) -> Draft {
        Draft {
            name: "Ann".into(),
            website: String::new(),
            text: text.into(),
        }
    }

    #[test]
    fn a_saved_draft_loads_back() {
        let store = Memory::default();
        let d = draft("Lovely post.\n\nSecond paragraph, ünïcode ✓");
        assert_eq!(
            save(&store, POST, &d, &Draft::default(), 1.0),
            Ok(Saved::Written)
        );
        let loaded = load(&store, POST, 2.0).unwrap();
        assert_eq!(loaded.draft, Some(d));
        assert_eq!(loaded.set_aside, None);
        assert!(store
            .map
            .borrow()
            .contains_key("scrapbook.draft.v1:/2009/04/mediamum.html"));
    }

    #[test]
    fn the_stored_format_carries_its_version() {
        let raw = encode(&draft("hi"), 1234.0);
        let json: serde_json::Value = serde_json::from_str(&raw).unwrap();
        assert_eq!(json["v"], 1);
        assert_eq!(json["text"], "hi");
        assert_eq!(json["saved_at"], 1234.0);
        assert_eq!(decode(&raw), Ok(draft("hi")));
    }

    #[test]
    fn other_versions_and_damaged_values_are_refused_with_a_reason() {
        assert_eq!(
            decode(r#"{"v":2,"name":"a","text":"b","saved_at":1}"#),
            Err(FormatError::UnknownVersion { found: 2 })
        );
        assert!(matches!(decode("not json{"), Err(FormatError::Damaged(_))));
        assert!(matches!(
            decode(r#"{"name":"a","text":"b"}"#),
            Err(FormatError::Damaged(m)) if m.contains("no format version")
        ));
        assert!(matches!(
            decode(r#"{"v":1,"name":"a"}"#),
            Err(FormatError::Damaged(m)) if m.contains("text")
        ));
    }

    #[test]
    fn an_unreadable_draft_is_set_aside_never_deleted() {
        let store = Memory::default();
        store.map.borrow_mut().insert(key(POST), "{garbage".into());
        let loaded = load(&store, POST, 1_700_000_000_000.0).unwrap();
        assert_eq!(loaded.draft, None);
        let aside = loaded.set_aside.unwrap();
        assert_eq!(
            aside.key,
            "scrapbook.draft-recovered:/2009/04/mediamum.html:1700000000000"
        );
        assert_eq!(aside.raw, "{garbage");
        assert!(aside.reason.contains("not a draft"), "{}", aside.reason);
        let map = store.map.borrow();
        assert_eq!(map.get(&aside.key).map(String::as_str), Some("{garbage"));
        assert!(!map.contains_key(&key(POST)));
    }

    #[test]
    fn an_unreadable_draft_stays_put_when_it_cannot_be_copied() {
        let store = Memory {
            fail_writes: Some(StoreError::Full),
            ..Memory::default()
        };
        store.map.borrow_mut().insert(key(POST), "{garbage".into());
        let aside = load(&store, POST, 5.0).unwrap().set_aside.unwrap();
        assert_eq!(aside.key, key(POST));
        assert_eq!(
            store.map.borrow().get(&key(POST)).map(String::as_str),
            Some("{garbage")
        );
    }

    #[test]
    fn set_aside_drafts_are_found_oldest_first_for_their_post_only() {
        let store = Memory::default();
        set_aside(&store, POST, &draft("later"), 20.0).unwrap();
        set_aside(&store, POST, &draft("earlier"), 3.0).unwrap();
        set_aside(&store, "/2009/04/other.html", &draft("elsewhere"), 4.0).unwrap();
        store
            .map
            .borrow_mut()
            .insert(format!("{RECOVERY_PREFIX}{POST}x:5"), "not ours".into());
        let found = set_aside_drafts(&store, POST).unwrap();
        let texts: Vec<String> = found
            .iter()
            .map(|(_, raw)| decode(raw).unwrap().text)
            .collect();
        assert_eq!(texts, ["earlier", "later"]);
    }

    #[test]
    fn write_failures_are_reported_as_the_browser_gave_them() {
        let disabled = Memory {
            fail_writes: Some(StoreError::Unavailable("SecurityError".into())),
            ..Memory::default()
        };
        assert_eq!(
            save(&disabled, POST, &draft("x"), &Draft::default(), 1.0),
            Err(StoreError::Unavailable("SecurityError".into()))
        );
        let full = Memory {
            quota: Some(40),
            ..Memory::default()
        };
        assert_eq!(
            save(
                &full,
                POST,
                &draft(&"long ".repeat(20)),
                &Draft::default(),
                1.0
            ),
            Err(StoreError::Full)
        );
        let garbling = Memory {
            garble: true,
            ..Memory::default()
        };
        assert_eq!(
            write(&garbling, POST, &draft("x"), 1.0),
            Err(StoreError::Mismatch)
        );
    }

    #[test]
    fn an_emptied_form_removes_its_draft() {
        let store = Memory::default();
        write(&store, POST, &draft("something"), 1.0).unwrap();
        write(&store, POST, &Draft::default(), 2.0).unwrap();
        assert!(store.map.borrow().is_empty());
        assert!(Draft {
            name: " ".into(),
            website: String::new(),
            text: String::new()
        }
        .is_empty());
        assert!(!draft(" ").is_empty(), "typed spaces are still typing");
    }

    #[test]
    fn a_save_never_overwrites_another_tabs_unseen_draft() {
        let store = Memory::default();
        let seen = draft("first");
        write(&store, POST, &seen, 1.0).unwrap();
        // Another tab saves its edit; this tab has not heard of it yet.
        write(&store, POST, &draft("first, from tab B"), 2.0).unwrap();
        let outcome = save(&store, POST, &draft("first, from tab A"), &seen, 3.0).unwrap();
        assert_eq!(outcome, Saved::Conflict(draft("first, from tab B")));
        assert_eq!(
            decode(&store.get(&key(POST)).unwrap().unwrap())
                .unwrap()
                .text,
            "first, from tab B"
        );
        // Once this tab is in step (it saw B's draft), its own save goes through.
        let outcome = save(
            &store,
            POST,
            &draft("first, from tab A"),
            &draft("first, from tab B"),
            4.0,
        );
        assert_eq!(outcome, Ok(Saved::Written));
    }

    #[test]
    fn another_tabs_change_is_adopted_only_without_unsaved_edits() {
        let synced = draft("hello");
        // No edits here: take theirs.
        assert_eq!(
            on_remote_change(&synced, &synced, Some(draft("hello world"))),
            Remote::Adopt(draft("hello world"))
        );
        // Edits here, and theirs differs: both kept.
        assert_eq!(
            on_remote_change(&draft("hello there"), &synced, Some(draft("hello world"))),
            Remote::Conflict(draft("hello world"))
        );
        // Both typed the same thing.
        assert_eq!(
            on_remote_change(&draft("same"), &synced, Some(draft("same"))),
            Remote::InStep
        );
        // The other tab sent the comment (draft removed): clear a clean form, keep edits.
        assert_eq!(
            on_remote_change(&synced, &synced, None),
            Remote::Adopt(Draft::default())
        );
        assert_eq!(
            on_remote_change(&draft("more"), &synced, None),
            Remote::Ignore
        );
    }

    #[test]
    fn merging_keeps_both_texts() {
        let mine = Draft {
            name: String::new(),
            website: String::new(),
            text: "Mine.\n".into(),
        };
        let theirs = Draft {
            name: "Ann".into(),
            website: "https://ann.example".into(),
            text: "Theirs.".into(),
        };
        let merged = merge(&mine, &theirs);
        assert_eq!(merged.text, "Mine.\n\nTheirs.");
        assert_eq!(merged.name, "Ann");
        assert_eq!(merged.website, "https://ann.example");
        assert_eq!(merge(&draft("ab"), &draft("abc")).text, "abc");
        assert_eq!(merge(&draft("abc"), &draft("b")).text, "abc");
    }

    #[test]
    fn recovery_keys_belong_to_one_post() {
        let k = recovery_key(POST, 42.9);
        assert!(is_recovery_key_of(&k, POST));
        assert!(!is_recovery_key_of(&k, "/2009/04/mediamum"));
        assert!(!is_recovery_key_of(&key(POST), POST));
    }
}
