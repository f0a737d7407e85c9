//! The browser entry point: mounts the app over the page's prerendered content.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(scrapbook::app::App);
}
