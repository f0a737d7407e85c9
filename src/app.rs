//! The router, the page layout around every route, and the routes themselves.

use leptos::prelude::*;
use leptos_meta::provide_meta_context;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::components::error_notice::ErrorNotice;
use crate::components::layout::{LoadingShell, SiteFooter, SiteHeader};
use crate::components::sidebar::Sidebar;
use crate::data::{self, Blog};
use crate::pages::archive::{ArchivePage, MonthPage, YearPage};
use crate::pages::home::HomePage;
use crate::pages::label::LabelPage;
use crate::pages::not_found::NotFound;
use crate::pages::post::PostPage;
use crate::pages::static_page::StaticPage;
use crate::scroll;

/// The whole app: loads the blog's index, then lays out every route around it.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let blog = LocalResource::new(data::blog);

    view! {
        <Router>
            {scroll::restore_on_back_forward()}
            <Transition fallback=LoadingShell>
                <ErrorBoundary fallback=move |errors| {
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

/// Header, routed content, sidebar and footer, with the blog provided to every page.
#[component]
fn Layout(blog: Blog) -> impl IntoView {
    provide_context(blog.clone());
    let site = blog.index.site.clone();

    view! {
        <a class="skip-link" href="#main">"Skip to the content"</a>
        <div class="page">
            <SiteHeader title=site.title.clone() description=site.description.clone() pages=site.pages.clone() />
            <div class="columns">
                <main id="main" class="main" tabindex="-1">
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=HomePage />
                        <Route path=path!("/archive") view=ArchivePage />
                        <Route path=path!("/search/label/:name") view=LabelPage />
                        <Route path=path!("/p/:file") view=StaticPage />
                        <Route path=path!("/:year") view=YearPage />
                        <Route path=path!("/:year/:month") view=MonthPage />
                        <Route path=path!("/:year/:month/:file") view=PostPage />
                    </Routes>
                </main>
                <Sidebar />
            </div>
            <SiteFooter copyright=site.copyright.clone() />
        </div>
    }
}
