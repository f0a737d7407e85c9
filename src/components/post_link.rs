//! Links to posts that start fetching the post before the click, and hold the click
//! until the post is here.

use leptos::prelude::*;
use model::PostPath;

use crate::components::link::SiteLink;

/// An in-app link to a post that prefetches its JSON when hovered or focused, so that the
/// click usually finds the post already here. A click that does not holds the page being
/// left until the post's file has arrived (or [`hold::LONGEST`] has passed), so the post
/// replaces the page in one frame, with no skeleton drawn in between.
#[component]
pub fn PostLink(path: PostPath, children: Children) -> impl IntoView {
    let href = path.permalink();
    #[cfg(feature = "browser")]
    {
        let data = crate::data::use_data();
        let (on_hover, on_focus, on_click) = (path.clone(), path.clone(), path);
        let (data_focus, data_click) = (data.clone(), data.clone());
        view! {
            <span
                class="post-link"
                on:mouseenter=move |_| data.prefetch_post(&on_hover)
                on:focusin=move |_| data_focus.prefetch_post(&on_focus)
                on:click=move |ev| hold::until_loaded(&ev, &data_click, &on_click)
            >
                <SiteLink href>{children()}</SiteLink>
            </span>
        }
    }
    #[cfg(not(feature = "browser"))]
    {
        let _ = path;
        view! {
            <span class="post-link">
                <SiteLink href>{children()}</SiteLink>
            </span>
        }
    }
}

/// Holding a click on a link to a post until its file has arrived.
///
/// The router follows clicks from a listener on the window; the link's own listener runs
/// first, and a click it cancels is one the router leaves alone. Once the post is here
/// (or the wait is over) the link is clicked again, and that click goes through.
#[cfg(feature = "browser")]
pub mod hold {
    use std::cell::Cell;
    use std::time::Duration;

    use leptos::prelude::set_timeout;
    use model::PostPath;
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlElement, MouseEvent};

    use crate::data::Data;

    /// The longest the page being left is held: within the tenth of a second that a
    /// reader still takes as an instant answer. A slower answer shows the post's
    /// skeleton after it, as before.
    pub const LONGEST: Duration = Duration::from_millis(100);

    thread_local! {
        /// The number of the latest held click: only that one is let through.
        static LATEST: Cell<u32> = const { Cell::new(0) };
        /// True while a held click is being let through, so that it is not held again.
        static RELEASING: Cell<bool> = const { Cell::new(false) };
    }

    /// Holds `ev`, a click on a link to `path`, if the post is not here yet and the click
    /// is one the router would follow (the main button, no modifier key).
    pub fn until_loaded(ev: &MouseEvent, data: &Data, path: &PostPath) {
        let plain =
            ev.button() == 0 && !(ev.meta_key() || ev.alt_key() || ev.ctrl_key() || ev.shift_key());
        if RELEASING.get() || ev.default_prevented() || !plain || data.post(path).is_some() {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a").ok().flatten())
            .and_then(|a| a.dyn_into::<HtmlElement>().ok());
        let (Some(link), Some(from)) = (link, address()) else {
            return;
        };
        ev.prevent_default();
        let held = LATEST.get().wrapping_add(1);
        LATEST.set(held);
        let (timer_link, timer_from) = (link.clone(), from.clone());
        set_timeout(move || release(held, &timer_from, &timer_link), LONGEST);
        let load = data.load_post(path);
        leptos::task::spawn_local(async move {
            // A failure is shown by the post's page, which loads it again with a Retry.
            let _ = load.await;
            release(held, &from, &link);
        });
    }

    /// Lets the held click `held` through, once: not if a later click was held since, nor
    /// if the reader has gone elsewhere meanwhile (Back, or a link that was not held).
    fn release(held: u32, from: &str, link: &HtmlElement) {
        if LATEST.get() != held || address().as_deref() != Some(from) {
            return;
        }
        LATEST.set(held.wrapping_add(1));
        if !link.is_connected() {
            // The page was drawn anew meanwhile: a click on a link no longer in it would
            // reach no router, and the reader's click would be lost. Load the post instead.
            if let (Some(window), Some(href)) = (web_sys::window(), link.get_attribute("href")) {
                let _ = window.location().set_href(&href);
            }
            return;
        }
        RELEASING.set(true);
        link.click();
        RELEASING.set(false);
    }

    /// The address being shown.
    fn address() -> Option<String> {
        web_sys::window()?.location().href().ok()
    }
}
