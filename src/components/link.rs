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

/// The address being shown, with the base path, as the browser's location has it. Only
/// the app provides it: links rendered ahead of time mark nothing, since press shares one
/// rendering of the sidebar among many pages.
#[derive(Clone, Copy)]
pub struct CurrentPath(pub Signal<String>);

/// An in-app link to a site path (`/archive`), with the base path added. It is a plain
/// `<a>` in the browser as well as ahead of time: the router follows clicks on any link
/// within the base path. In the app, the link is marked `aria-current="page"` on its own
/// page and on the pages below it, except the home page's link, which stands for the home
/// page alone. (The router's `<A>` would do the same
/// with a memo and a resolved path per link, re-run for every link on every route change.)
#[component]
pub fn SiteLink(
    #[prop(into)] href: String,
    #[prop(optional)] class: &'static str,
    children: Children,
) -> impl IntoView {
    let base = use_context::<BasePath>().unwrap_or_default().0;
    let exact = href == "/";
    let href = format!("{base}{href}");
    let class = (!class.is_empty()).then_some(class);
    let current = use_context::<CurrentPath>().map(|CurrentPath(location)| {
        let href = href.clone();
        move || {
            location
                .with(|location| model::paths::is_current(&href, location, exact))
                .then_some("page")
        }
    });
    view! {
        <a href=href class=class aria-current=current>
            {children()}
        </a>
    }
}
