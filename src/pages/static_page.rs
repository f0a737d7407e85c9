//! `/p/slug.html`: a static page such as About.

use std::sync::Arc;

use leptos::prelude::*;
use model::{Page, Route};

use crate::components::loaded::cached_or_loaded;
use crate::data::{use_blog, use_data};
use crate::pages::not_found::NotFound;
use crate::pages::{route_meta, RouteHead};

/// A static page the blog lists in its navigation, or not-found.
#[component]
pub fn StaticPage(slug: String) -> impl IntoView {
    let blog = use_blog();
    if !blog.site.pages.iter().any(|p| p.slug == slug) {
        return view! { <NotFound /> }.into_any();
    }
    let meta = route_meta(&blog, &Route::Page(slug.clone()), None);
    view! {
        <RouteHead meta />
        <PageContent slug />
    }
    .into_any()
}

/// A static page's title and body, loaded (or drawn at once if it is at hand).
#[component]
pub fn PageContent(slug: String) -> impl IntoView {
    let data = use_data();
    let render = |page: Arc<Page>| {
        view! {
            <article class="static-page">
                <h2 class="page-heading">{page.title.clone()}</h2>
                <div class="post-body" inner_html=page.body_html.clone()></div>
            </article>
        }
    };
    cached_or_loaded(data.page(&slug), move || data.load_page(&slug), render)
}
