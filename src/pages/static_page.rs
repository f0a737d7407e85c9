//! `/p/slug.html`: a static page such as About.

use std::sync::Arc;

use leptos::either::Either;
use leptos::prelude::*;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use model::paths::page_slug;
use model::Page;

use crate::components::loaded::cached_or_loaded;
use crate::data::{self, Blog};
use crate::pages::not_found::NotFound;
use crate::pages::{Route, RouteHead};

#[derive(Params, Clone, Debug, PartialEq)]
struct PageParams {
    file: Option<String>,
}

/// A static page the blog lists in its navigation, or not-found.
#[component]
pub fn StaticPage() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let params = use_params::<PageParams>();
    move || {
        let file = params.get().ok().and_then(|p| p.file).unwrap_or_default();
        let slug = page_slug(&file)
            .filter(|slug| blog.index.site.pages.iter().any(|p| p.slug == *slug))
            .map(str::to_string);
        match slug {
            Some(slug) => Either::Left(view! {
                <RouteHead route=Route::Page(slug.clone()) />
                <PageContent slug />
            }),
            None => Either::Right(view! { <NotFound /> }),
        }
    }
}

/// A static page's title and body, loaded (or drawn at once if it is here already).
#[component]
pub fn PageContent(slug: String) -> impl IntoView {
    let render = |page: Arc<Page>| {
        view! {
            <article class="static-page">
                <h2 class="page-heading">{page.title.clone()}</h2>
                <div class="post-body" inner_html=page.body_html.clone()></div>
            </article>
        }
    };
    cached_or_loaded(
        data::page_if_cached(&slug),
        move || {
            let slug = slug.clone();
            async move { data::page(&slug).await }
        },
        render,
    )
}
