//! The browser entry point: mounts the app over the page's prerendered content.

fn main() {
    // Readable panic messages in the console while developing; a release build leaves the
    // hook (and the formatting it pulls in) out of the wasm.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(scrapbook::app::App);
}
