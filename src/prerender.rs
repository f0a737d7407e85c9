//! Pages rendered ahead of time, and the app taking over from them.
//!
//! press renders every route natively with the app's own components ([`render_route`]),
//! so a CDN can serve each address as a real HTML file that crawlers, link previews and
//! readers without JavaScript can read. In the browser that markup sits in `#boot`; the
//! app mounts beside it (hidden by the stylesheet while `#boot` exists) and removes it
//! once its own content is on screen ([`hand_over_when_ready`]), so the reader sees the
//! page at once and nothing jumps when the app takes over.

use leptos::prelude::*;

/// The id of the element holding the page as it was rendered ahead of time.
pub const BOOT_ID: &str = "boot";

/// Head elements written for crawlers carry this attribute; the app removes them because
/// it manages the title and description itself from then on.
pub const CRAWLER_ATTR: &str = "data-prerendered";

/// The site's base path from the document's `<base href>`: "" at the domain root,
/// "/blog" under a sub-path. The router prefixes it to every in-app link.
pub fn base_path() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        let base = document().base_uri().ok().flatten().unwrap_or_default();
        let path = web_sys::Url::new(&base)
            .map(|u| u.pathname())
            .unwrap_or_default();
        path.trim_end_matches('/').to_string()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        String::new()
    }
}

/// Removes the head elements written for crawlers (description, canonical, Open Graph):
/// after the first in-app navigation they would describe the wrong page.
pub fn drop_crawler_tags() {
    #[cfg(target_arch = "wasm32")]
    if let Ok(tags) = document().query_selector_all(&format!("head [{CRAWLER_ATTR}]")) {
        for i in 0..tags.length() {
            if let Some(el) = tags
                .item(i)
                .and_then(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            {
                el.remove();
            }
        }
    }
}

/// Removes the page rendered ahead of time, showing the app.
pub fn hand_over() {
    #[cfg(target_arch = "wasm32")]
    if let Some(boot) = document().get_element_by_id(BOOT_ID) {
        boot.remove();
    }
}

/// Hands over once the app's main content has loaded (no loading placeholder left) or
/// has failed (its error must be seen), checking once a frame.
pub fn hand_over_when_ready() {
    #[cfg(target_arch = "wasm32")]
    {
        fn check() {
            if document().get_element_by_id(BOOT_ID).is_none() {
                return;
            }
            let app_main = format!("#{BOOT_ID} ~ .page main");
            let pending = document()
                .query_selector(&format!("{app_main} .post-skeleton"))
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

/// Renders routes to HTML natively, for press, keeping the sidebar's markup for each
/// archive period it has rendered (a blog of thousands of posts has a few hundred).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Default)]
pub struct RouteRenderer {
    sidebars: std::collections::HashMap<Option<(i32, Option<u8>)>, String>,
}

#[cfg(not(target_arch = "wasm32"))]
impl RouteRenderer {
    /// Renders one route's page (frame and content) to HTML. The blog's posts and pages
    /// must already be in this thread's data cache ([`crate::data::seed_post`]) so that
    /// every component draws its content at once. `base` is "" or a sub-path like "/blog".
    pub fn render(
        &mut self,
        blog: &crate::data::Blog,
        route: &crate::pages::Route,
        base: &str,
    ) -> String {
        use crate::components::layout::Frame;
        use crate::components::link::{BasePath, CurrentPath};
        use crate::components::sidebar::{current_period, SidebarWidgets};
        use crate::pages::archive::{ArchiveContent, MonthContent, YearContent};
        use crate::pages::home::HomeContent;
        use crate::pages::label::LabelContent;
        use crate::pages::not_found::NotFoundContent;
        use crate::pages::post::PostContent;
        use crate::pages::static_page::PageContent;
        use crate::pages::{route_meta, Route};

        let path = route_meta(blog, route).path;
        let current = path.split('?').next().unwrap_or("/").to_string();
        let period = current_period(&current, blog);
        let owner = Owner::new();
        // A page rendered once has nothing to react to: signals read while rendering it
        // are read once, which debug builds would otherwise warn about on every route.
        let _once = leptos::reactive::diagnostics::SpecialNonReactiveZone::enter();
        owner.with(|| {
            provide_context(blog.clone());
            provide_context(BasePath(base.to_string()));
            provide_context(CurrentPath(Signal::derive(move || current.clone())));
            let sidebar_html = self
                .sidebars
                .entry(period)
                .or_insert_with(|| view! { <SidebarWidgets /> }.to_html())
                .clone();
            let index = &blog.index;
            let content = match route.clone() {
                Route::Home(n) => {
                    model::paging::paginate(index.posts.len(), index.site.posts_per_page, n)
                        .map(|slice| view! { <HomeContent slice /> }.into_any())
                        .unwrap_or_else(|| view! { <NotFoundContent /> }.into_any())
                }
                Route::Post(position) => view! { <PostContent position /> }.into_any(),
                Route::Archive => view! { <ArchiveContent /> }.into_any(),
                Route::Year(year) => view! { <YearContent year /> }.into_any(),
                Route::Month(year, month) => view! { <MonthContent year month /> }.into_any(),
                Route::Label(label) => view! { <LabelContent label /> }.into_any(),
                Route::Page(slug) => view! { <PageContent slug /> }.into_any(),
                Route::NotFound => view! { <NotFoundContent /> }.into_any(),
            };
            view! { <Frame sidebar_html>{content}</Frame> }.to_html()
        })
    }
}
