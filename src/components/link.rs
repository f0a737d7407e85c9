//! Links within the blog, rendered the same way in the browser and ahead of time.

use leptos::prelude::*;

/// The route being shown. The app follows the router's location; a page rendered ahead of
/// time has a fixed one.
#[derive(Clone, Copy)]
pub struct CurrentRoute(pub Signal<model::Route>);

/// The site's base path, added to every in-app link: "" at the domain root, "/blog" under
/// a sub-path. (The router's `<A>` leaves absolute paths as they are.)
#[derive(Clone, Debug, Default)]
pub struct BasePath(pub String);

/// An in-app link to a site path (`/archive`), with the base path added. In the browser
/// it is the router's `<A>`, which navigates without a reload and marks the current page;
/// rendered ahead of time it is the same `<a>` markup, for crawlers and readers without
/// JavaScript.
#[component]
pub fn SiteLink(
    #[prop(into)] href: String,
    /// Mark the link current only on exactly its own path (for "Home").
    #[prop(optional)]
    exact: bool,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let base = use_context::<BasePath>().unwrap_or_default().0;
    let href = format!("{base}{href}");
    let class = (!class.is_empty()).then_some(class);
    #[cfg(feature = "browser")]
    {
        use leptos_router::components::A;
        view! {
            <A href=href exact=exact attr:class=class>
                {children()}
            </A>
        }
    }
    #[cfg(not(feature = "browser"))]
    {
        let _ = exact;
        view! {
            <a href=href class=class>
                {children()}
            </a>
        }
    }
}
