//! Scroll positions across navigation: a new page starts at the top (the router does that
//! on every push), and back/forward returns to where the reader was.
//!
//! The browser's own restoration cannot do it for an app whose content arrives after the
//! URL changes, so we keep each address's last position and restore it ourselves once the
//! page is tall enough again.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use leptos::ev;
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use web_sys::ScrollRestoration;

/// How many animation frames to wait for the page to grow tall enough (about a second).
const RESTORE_FRAMES: u32 = 60;

thread_local! {
    /// The last scroll position of each address (path and query).
    static POSITIONS: RefCell<HashMap<String, f64>> = RefCell::new(HashMap::new());
    /// The address being shown.
    static CURRENT: RefCell<String> = const { RefCell::new(String::new()) };
    /// Set by `popstate`: the current navigation is back or forward.
    static POPPED: Cell<bool> = const { Cell::new(false) };
}

/// Starts tracking scroll positions; call once inside the `<Router>`.
///
/// The router changes the location and the content synchronously inside its own
/// `popstate` handler, before ours runs, so the order of events is not relied on: the
/// saved position is read the moment the location changes (before any scroll the content
/// swap causes can overwrite it), and whether the change was back/forward is decided a
/// frame later, when the `popstate` handler has certainly run.
pub fn restore_on_back_forward() {
    if let Ok(history) = window().history() {
        // Ignoring a failure is safe: the browser then restores as well as it can.
        let _ = history.set_scroll_restoration(ScrollRestoration::Manual);
    }
    let location = use_location();

    let on_scroll = window_event_listener(ev::scroll, |_| {
        let y = window().scroll_y().unwrap_or(0.0);
        CURRENT.with(|c| POSITIONS.with(|p| p.borrow_mut().insert(c.borrow().clone(), y)));
    });
    let on_pop = window_event_listener(ev::popstate, |_| POPPED.with(|p| p.set(true)));
    // Both live as long as the app; there is nothing to remove them for.
    std::mem::forget((on_scroll, on_pop));

    Effect::new(move |_| {
        let key = format!("{}?{}", location.pathname.get(), location.search.get());
        let saved = POSITIONS.with(|p| p.borrow().get(&key).copied().unwrap_or(0.0));
        CURRENT.with(|c| *c.borrow_mut() = key);
        request_animation_frame(move || {
            if POPPED.with(|p| p.replace(false)) {
                restore(saved, RESTORE_FRAMES);
            }
        });
    });
}

/// Scrolls to `y` as soon as the page is tall enough, trying once a frame.
fn restore(y: f64, frames_left: u32) {
    let page_height = document()
        .document_element()
        .map_or(0.0, |el| f64::from(el.scroll_height()));
    let view_height = window()
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    if page_height - view_height >= y || frames_left == 0 {
        window().scroll_to_with_x_and_y(0.0, y);
    } else {
        request_animation_frame(move || restore(y, frames_left - 1));
    }
}
