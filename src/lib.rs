//! scrapbook: a Blogger-compatible blog as a Leptos single-page app.
//!
//! In the browser (`main.rs`) the app fetches `data/site.json` once, then each post's and
//! list's JSON when a route needs it, and routes between the home page, posts, the archive
//! and label pages without reloading. The same components also run natively: press renders every route's
//! HTML ahead of time with them ([`prerender`]), so the static pages and the live app share
//! one source of markup. The browser's own code is behind the `browser` feature, which Trunk
//! turns on; it compiles natively too, so native checks and clippy see all of it.

#![recursion_limit = "256"]

// The browser build without its browser code would mount nothing and say nothing.
#[cfg(all(target_arch = "wasm32", not(feature = "browser")))]
compile_error!(
    "the app's browser code is behind the `browser` feature: build with Trunk (index.html turns it on) or pass --features browser"
);

pub mod app;
pub mod components;
pub mod data;
#[cfg(feature = "browser")]
pub mod drafts;
#[cfg(feature = "browser")]
pub mod head;
#[cfg(feature = "browser")]
pub mod isso;
#[cfg(feature = "browser")]
pub mod offline;
#[cfg(feature = "browser")]
pub mod pagefind;
pub mod pages;
pub mod prerender;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod rendered_routes;
pub mod scroll;
pub mod tasks;
