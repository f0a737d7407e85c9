//! "About Me": the author, a few words, and a link to the About page.

use crate::components::link::SiteLink;
use leptos::prelude::*;
use model::paths::page_path;

use crate::data::use_blog;

/// The About Me widget; links to the `about` page when the blog has one.
#[component]
pub fn AboutWidget() -> impl IntoView {
    let blog = use_blog();
    let site = &blog.site;
    let profile =
        site.pages.iter().find(|p| p.slug == "about").map(
            |p| view! { <SiteLink href=page_path(&p.slug)>"View my complete profile"</SiteLink> },
        );
    view! {
        <aside class="widget about-widget" aria-labelledby="about-widget-heading">
            <h2 id="about-widget-heading">"About Me"</h2>
            <p class="author-name">{site.author.clone()}</p>
            <p>{site.about.clone()}</p>
            {profile}
        </aside>
    }
}
