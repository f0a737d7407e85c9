//! `/p/slug.html`: a static page such as About.

use leptos::either::Either;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params;
use leptos_router::params::Params;
use model::paths::page_slug;

use crate::components::loaded::loaded;
use crate::data::{self, Blog};
use crate::pages::document_title;
use crate::pages::not_found::NotFound;

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
        let link = page_slug(&file)
            .and_then(|slug| blog.index.site.pages.iter().find(|p| p.slug == slug))
            .cloned();
        let Some(link) = link else {
            return Either::Right(view! { <NotFound /> });
        };
        let slug = link.slug.clone();
        let resource = LocalResource::new(move || {
            let slug = slug.clone();
            async move { data::page(&slug).await }
        });
        let site = &blog.index.site;
        Either::Left(view! {
            <Title text=document_title(&site.title, &link.title) />
            <Meta name="description" content=format!("{} on {}", link.title, site.title) />
            {loaded(resource, |page| view! {
                <article class="static-page">
                    <h2 class="page-heading">{page.title.clone()}</h2>
                    <div class="post-body" inner_html=page.body_html.clone()></div>
                </article>
            })}
        })
    }
}
