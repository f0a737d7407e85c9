//! scrapbook: a Blogger-compatible blog as a Leptos single-page app.
//!
//! The app fetches `data/index.json` once, then each post's JSON when it is needed, and
//! routes between the home page, posts, the archive and label pages without reloading.

mod app;
mod components;
mod data;
mod pages;
mod scroll;

fn main() {
    console_error_panic_hook::set_once();
    // index.html shows a static loading shell until the app is ready to take over.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
