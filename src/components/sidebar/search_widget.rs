//! "Search This Blog", at the top of the sidebar as on Blogger: a search landmark with a
//! labelled search box. Enter opens `/search?q=…` in the app; without JavaScript the form
//! goes to the same address, whose page says that search needs JavaScript.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use model::Route;

use crate::components::link::{BasePath, CurrentRoute};

/// The search box's id, which the `/` shortcut focuses.
pub const SEARCH_BOX_ID: &str = "search-box";

/// The Search This Blog widget. On a search page the box holds that search's words.
#[component]
pub fn SearchWidget() -> impl IntoView {
    let base = use_context::<BasePath>().unwrap_or_default().0;
    let action = format!("{base}/search");
    let route = use_context::<CurrentRoute>();
    let words = move || match route.map(|r| r.0.get()) {
        Some(Route::Search(query)) => query.words,
        _ => String::new(),
    };
    let input = NodeRef::<leptos::html::Input>::new();
    let (on_submit, on_focus) = handlers(base, input);
    view! {
        <aside class="widget search-widget" aria-labelledby="search-widget-heading">
            <h2 id="search-widget-heading">"Search This Blog"</h2>
            <form role="search" action=action method="get" on:submit=on_submit>
                <input
                    type="search"
                    id=SEARCH_BOX_ID
                    name="q"
                    aria-labelledby="search-widget-heading"
                    aria-keyshortcuts="/"
                    autocomplete="off"
                    enterkeyhint="search"
                    node_ref=input
                    prop:value=words
                    on:focus=on_focus
                />
                <button type="submit">"Search"</button>
            </form>
        </aside>
    }
}

/// In the app: Enter navigates without a reload, and focusing the box starts loading the
/// index so that the first answer comes sooner.
#[cfg(feature = "browser")]
fn handlers(
    base: String,
    input: NodeRef<leptos::html::Input>,
) -> (
    impl Fn(SubmitEvent) + 'static,
    impl Fn(leptos::ev::FocusEvent) + 'static,
) {
    use leptos_router::hooks::use_navigate;
    use leptos_router::NavigateOptions;
    use model::search::SearchQuery;
    let navigate = use_navigate();
    let preload_base = base.clone();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let words = input.get().map(|i| i.value()).unwrap_or_default();
        let href = Route::Search(SearchQuery { words, label: None }).href(&base);
        navigate(
            &href,
            NavigateOptions {
                resolve: false,
                ..Default::default()
            },
        );
    };
    let focus = move |_| crate::pagefind::preload(&preload_base);
    (submit, focus)
}

/// Rendered ahead of time the form is plain HTML: no handlers.
#[cfg(not(feature = "browser"))]
fn handlers(
    _base: String,
    _input: NodeRef<leptos::html::Input>,
) -> (
    impl Fn(SubmitEvent) + 'static,
    impl Fn(leptos::ev::FocusEvent) + 'static,
) {
    (|_| {}, |_| {})
}

/// `/` focuses the search box from anywhere a reader is not typing, as on many sites.
#[cfg(feature = "browser")]
pub fn focus_on_slash() {
    use wasm_bindgen::JsCast;
    let _ = window_event_listener(leptos::ev::keydown, |e| {
        if e.key() != "/" || e.ctrl_key() || e.meta_key() || e.alt_key() || e.default_prevented() {
            return;
        }
        let typing = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
            .is_some_and(|el| {
                el.is_content_editable()
                    || matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
            });
        if typing {
            return;
        }
        let search_box = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(SEARCH_BOX_ID))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(search_box) = search_box {
            e.prevent_default();
            let _ = search_box.focus();
        }
    });
}
