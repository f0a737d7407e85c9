//! Pages rendered ahead of time, and the app taking over from them.
//!
//! press renders every route natively with the app's own components ([`RouteRenderer`]),
//! so a CDN can serve each address as a real HTML file that crawlers, link previews and
//! readers without JavaScript can read. In the browser that markup sits in `#boot`; the
//! app mounts beside it (hidden by the stylesheet while `#boot` exists) and removes it
//! once its own content is on screen ([`hand_over_when_ready`]), so the reader sees the
//! page at once and nothing jumps when the app takes over.

use leptos::prelude::*;

/// The id of the element holding the page as it was rendered ahead of time.
pub const BOOT_ID: &str = "boot";

/// The site's base path from the document's `<base href>`: "" at the domain root,
/// "/blog" under a sub-path. The router prefixes it to every in-app link.
pub fn base_path() -> String {
    #[cfg(feature = "browser")]
    {
        let base = document().base_uri().ok().flatten().unwrap_or_default();
        let path = web_sys::Url::new(&base)
            .map(|u| u.pathname())
            .unwrap_or_default();
        path.trim_end_matches('/').to_string()
    }
    #[cfg(not(feature = "browser"))]
    {
        String::new()
    }
}

/// Removes the page rendered ahead of time, showing the app.
pub fn hand_over() {
    #[cfg(feature = "browser")]
    if let Some(boot) = document().get_element_by_id(BOOT_ID) {
        boot.remove();
    }
}

/// Hands over once the app's main content has loaded (no loading placeholder left) and
/// its sidebar is drawn, or the content has failed (its error must be seen), checking once
/// a frame.
pub fn hand_over_when_ready() {
    #[cfg(feature = "browser")]
    {
        fn check() {
            if document().get_element_by_id(BOOT_ID).is_none() {
                return;
            }
            let app_main = format!("#{BOOT_ID} ~ .page main");
            let pending = document()
                .query_selector(&format!(
                    "{app_main} .post-skeleton, {app_main} .loading-rows, #{BOOT_ID} ~ .page .sidebar[aria-busy]"
                ))
                .ok()
                .flatten()
                .is_some();
            let failed = document()
                .query_selector(&format!("{app_main} .error-notice"))
                .ok()
                .flatten()
                .is_some();
            if !pending || failed {
                hand_over();
            } else {
                request_animation_frame(check);
            }
        }
        request_animation_frame(check);
    }
}

/// Renders routes to HTML natively, for press, with the blog held in memory, keeping the
/// sidebar's markup for each year and month the archive widget opens (a blog of thousands
/// of posts has a few hundred).
#[cfg(not(target_arch = "wasm32"))]
pub struct RouteRenderer {
    blog: crate::data::Blog,
    data: crate::data::Data,
    base: String,
    sidebars: std::collections::HashMap<crate::components::sidebar::OpenByDefault, String>,
}

#[cfg(not(target_arch = "wasm32"))]
impl RouteRenderer {
    /// A renderer of `blog`'s pages with everything else from `data`. `base` is "" or a
    /// sub-path like "/blog".
    pub fn new(blog: crate::data::Blog, data: crate::data::Data, base: &str) -> Self {
        RouteRenderer {
            blog,
            data,
            base: base.trim_end_matches('/').to_string(),
            sidebars: Default::default(),
        }
    }

    /// Renders one route's page (frame and content) to HTML.
    pub fn render(&mut self, route: &model::Route) -> String {
        use crate::components::layout::Frame;
        use crate::components::link::{BasePath, CurrentRoute};
        use crate::components::sidebar::{default_open, SidebarWidgets};
        use crate::pages::RoutePage;

        let open = default_open(route, &self.blog);
        let owner = Owner::new();
        // A page rendered once has nothing to react to: signals read while rendering it
        // are read once, which debug builds would otherwise warn about on every route.
        let _once = leptos::reactive::diagnostics::SpecialNonReactiveZone::enter();
        owner.with(|| {
            provide_context(self.blog.clone());
            provide_context(self.data.clone());
            provide_context(BasePath(self.base.clone()));
            provide_context(CurrentRoute(Signal::stored(route.clone())));
            let sidebar_html = self
                .sidebars
                .entry(open)
                .or_insert_with(|| view! { <SidebarWidgets /> }.to_html())
                .clone();
            let route = route.clone();
            view! {
                <Frame sidebar_html>
                    <RoutePage route />
                </Frame>
            }
            .to_html()
        })
    }
}

/// The page's loading skeleton as HTML: the shell page the service worker serves for an
/// address not read before while offline; the app then takes over and says what is missing.
#[cfg(not(target_arch = "wasm32"))]
pub fn loading_shell_html() -> String {
    use crate::components::layout::LoadingShell;
    let owner = Owner::new();
    owner.with(|| view! { <LoadingShell /> }.to_html())
}
