//! What any unknown address shows.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use crate::data::Blog;
use crate::pages::document_title;

/// "Page not found", with the ways back: home and the archive.
#[component]
pub fn NotFound() -> impl IntoView {
    let blog_title = use_context::<Blog>()
        .map(|b| b.index.site.title.clone())
        .unwrap_or_default();
    view! {
        <Title text=document_title(&blog_title, "Page not found") />
        <section class="not-found">
            <h2>"Page not found"</h2>
            <p>"Sorry, the page you were looking for in this blog does not exist."</p>
            <ul>
                <li>
                    <A href="/">"Go to the home page"</A>
                </li>
                <li>
                    <A href="/archive">"Browse the archive"</A>
                </li>
            </ul>
        </section>
    }
}
