//! scrapbook: a Blogger-compatible blog as a Leptos single-page app.
//!
//! In the browser (`main.rs`) the app fetches `data/site.json` once, then each post's and
//! list's JSON when a route needs it, and routes between the home page, posts, the archive
//! and label pages without reloading. The same components also run natively: press renders every route's
//! HTML ahead of time with them ([`prerender`]), so the static pages and the live app share
//! one source of markup.

#![recursion_limit = "256"]

pub mod app;
pub mod components;
pub mod data;
#[cfg(target_arch = "wasm32")]
pub mod drafts;
#[cfg(target_arch = "wasm32")]
pub mod head;
#[cfg(target_arch = "wasm32")]
pub mod isso;
#[cfg(target_arch = "wasm32")]
pub mod offline;
#[cfg(target_arch = "wasm32")]
pub mod pagefind;
pub mod pages;
pub mod prerender;
pub mod scroll;
pub mod tasks;
