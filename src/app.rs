//! The router, the page layout around every route, and the routes themselves.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::error_notice::ErrorNotice;
use crate::components::layout::{Frame, LoadingShell};
use crate::components::link::{BasePath, CurrentPath};
use crate::data::{self, Blog};
use crate::pages::archive::{ArchivePage, MonthPage, YearPage};
use crate::pages::home::HomePage;
use crate::pages::label::LabelPage;
use crate::pages::not_found::NotFound;
use crate::pages::post::PostPage;
use crate::pages::static_page::StaticPage;
use crate::{prerender, scroll};

/// The whole app: loads the blog's index, then lays out every route around it.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let base = prerender::base_path();
    provide_context(BasePath(base.clone()));
    let blog = LocalResource::new(data::blog);

    view! {
        <Router base=base>
            {scroll::restore_on_back_forward()}
            <Transition fallback=LoadingShell>
                <ErrorBoundary fallback=move |errors| {
                    prerender::hand_over();
                    view! {
                        <div class="page">
                            <main id="main" class="main">
                                <ErrorNotice errors on_retry=move || blog.refetch() />
                            </main>
                        </div>
                    }
                }>
                    {move || Suspend::new(async move {
                        blog.await.map(|blog| view! { <Layout blog /> })
                    })}
                </ErrorBoundary>
            </Transition>
        </Router>
    }
}

/// The frame with the routes in it, with the blog and the current path provided to every
/// page and widget.
#[component]
fn Layout(blog: Blog) -> impl IntoView {
    provide_context(blog);
    let location = use_location();
    provide_context(CurrentPath(Signal::derive(move || location.pathname.get())));
    prerender::hand_over_when_ready();

    view! {
        <Frame>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=HomePage />
                <Route path=path!("/archive") view=ArchivePage />
                <Route path=path!("/search/label/:name") view=LabelPage />
                <Route path=path!("/p/:file") view=StaticPage />
                <Route path=path!("/:year") view=YearPage />
                <Route path=path!("/:year/:month") view=MonthPage />
                <Route path=path!("/:year/:month/:file") view=PostPage />
            </Routes>
        </Frame>
    }
}
