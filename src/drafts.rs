//! The comment-draft store over the browser's localStorage.
//!
//! What to write and when to keep both of two tabs' drafts is decided in
//! [`model::drafts`]; this module gives it the real storage, and keeps each post's draft in
//! memory too, so that a draft survives moving around the blog even when storage refuses
//! to keep it.

use std::cell::RefCell;
use std::collections::HashMap;

use model::drafts::{Draft, KeyValue, StoreError};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Storage;

thread_local! {
    /// Each post's latest draft in this tab, whatever storage did with it.
    static IN_MEMORY: RefCell<HashMap<String, Draft>> = RefCell::new(HashMap::new());
}

/// The draft this tab last held for the post, if any.
pub fn remembered(permalink: &str) -> Option<Draft> {
    IN_MEMORY.with(|m| m.borrow().get(permalink).cloned())
}

/// Keeps the post's draft in this tab's memory (an empty one is forgotten).
pub fn remember(permalink: &str, draft: &Draft) {
    IN_MEMORY.with(|m| {
        let mut m = m.borrow_mut();
        if draft.is_empty() {
            m.remove(permalink);
        } else {
            m.insert(permalink.to_string(), draft.clone());
        }
    });
}

/// The milliseconds since the epoch, by the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The reader's time zone as minutes east of UTC.
pub fn local_offset_minutes() -> i16 {
    -(js_sys::Date::new_0().get_timezone_offset() as i16)
}

/// localStorage, as a [`KeyValue`] store whose failures say what went wrong.
pub struct LocalStorage(Storage);

impl LocalStorage {
    /// The page's localStorage, or why it cannot be used (switched off, or blocked with a
    /// SecurityError).
    pub fn open() -> Result<Self, StoreError> {
        let window = web_sys::window()
            .ok_or_else(|| StoreError::Unavailable("there is no window".into()))?;
        match window.local_storage() {
            Ok(Some(storage)) => Ok(LocalStorage(storage)),
            Ok(None) => Err(StoreError::Unavailable("storage is switched off".into())),
            Err(e) => Err(classify(e)),
        }
    }
}

/// The store error a thrown JavaScript exception stands for.
fn classify(error: JsValue) -> StoreError {
    if let Some(dom) = error.dyn_ref::<web_sys::DomException>() {
        let name = dom.name();
        return match name.as_str() {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StoreError::Full,
            "SecurityError" | "InvalidAccessError" => {
                StoreError::Unavailable(format!("{name}: {}", dom.message()))
            }
            _ => StoreError::Failed(format!("{name}: {}", dom.message())),
        };
    }
    if let Some(err) = error.dyn_ref::<js_sys::Error>() {
        return StoreError::Failed(format!("{}: {}", err.name(), err.message()));
    }
    StoreError::Failed(error.as_string().unwrap_or_else(|| "unknown error".into()))
}

impl KeyValue for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.get_item(key).map_err(classify)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.set_item(key, value).map_err(classify)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.0.remove_item(key).map_err(classify)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let count = self.0.length().map_err(classify)?;
        let mut keys = Vec::with_capacity(count as usize);
        for i in 0..count {
            if let Some(key) = self.0.key(i).map_err(classify)? {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}
