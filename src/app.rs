//! The router, the page layout around every route, and the one dispatch of routes.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_location;
use leptos_router::location::{BrowserUrl, LocationProvider};
use model::Route;

use crate::components::error_notice::caught_errors;
use crate::components::layout::{Frame, LoadingShell};
use crate::components::link::{BasePath, CurrentPath, CurrentRoute};
use crate::components::update_banner::UpdateBanner;
use crate::data::fetch::{self, FetchCache};
use crate::data::{Blog, Data};
use crate::pages::RoutePage;
use crate::{prerender, scroll};

/// The whole app: loads the site file, then lays out every route around it.
#[component]
pub fn App() -> impl IntoView {
    let base = prerender::base_path();
    provide_context(BasePath(base.clone()));
    provide_context(Data(Arc::new(FetchCache)));
    let site = LocalResource::new(fetch::site);
    let update = RwSignal::new(false);
    #[cfg(feature = "browser")]
    crate::offline::register(base.clone(), update);
    #[cfg(feature = "browser")]
    crate::components::sidebar::search_widget::focus_on_slash();

    view! {
        <UpdateBanner ready=update />
        <Router base=base>
            {scroll::restore_on_back_forward()} <Transition fallback=LoadingShell>
                <ErrorBoundary fallback=move |errors| {
                    prerender::hand_over();
                    view! {
                        <div class="page">
                            <main id="main" class="main">
                                {caught_errors(&errors.read(), move || site.refetch())}
                            </main>
                        </div>
                    }
                }>
                    {move || Suspend::new(async move {
                        site.await.map(|blog| view! { <Layout blog /> })
                    })}
                </ErrorBoundary>
            </Transition>
        </Router>
    }
}

/// The address below the base path: `/blog/2009/` under `/blog` is `/2009/`.
fn below_base<'a>(path: &'a str, base: &str) -> &'a str {
    match path.strip_prefix(base) {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => rest,
        _ => path,
    }
}

/// The frame with the current route's page in it, the blog and the route provided to
/// every page and widget.
#[component]
fn Layout(blog: Blog) -> impl IntoView {
    provide_context(blog);
    let base = use_context::<BasePath>().unwrap_or_default().0;
    let location = use_location();
    let route = Memo::new(move |_| {
        let path = location.pathname.get();
        Route::parse(below_base(&path, &base), &location.search.get())
    });
    provide_context(CurrentRoute(route.into()));
    provide_context(CurrentPath(location.pathname.into()));
    prerender::hand_over_when_ready();
    // The router puts a new address in the history only once the app says the page for
    // it is ready (its own <Routes> would); every address change is dispatched at once.
    if let Some(browser) = use_context::<BrowserUrl>() {
        Effect::new(move |_| {
            location.pathname.track();
            location.search.track();
            browser.ready_to_complete();
            // A tab may stay open for days: look for a new deploy now and then.
            #[cfg(feature = "browser")]
            crate::offline::check_for_update();
        });
    }

    view! { <Frame>{move || view! { <RoutePage route=route.get() /> }}</Frame> }
}

#[cfg(test)]
mod tests {
    use super::below_base;

    #[test]
    fn addresses_lose_the_base_path_only() {
        assert_eq!(below_base("/blog/2009/", "/blog"), "/2009/");
        assert_eq!(below_base("/blog", "/blog"), "");
        assert_eq!(below_base("/blogger/x", "/blog"), "/blogger/x");
        assert_eq!(below_base("/2009/", ""), "/2009/");
    }
}
