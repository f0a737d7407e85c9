//! What any unknown address shows.

use leptos::prelude::*;
use model::Route;

use crate::components::link::SiteLink;
use crate::data::use_blog;
use crate::pages::{route_meta, RouteHead};

/// "Page not found", with its title.
#[component]
pub fn NotFound() -> impl IntoView {
    let meta = route_meta(&use_blog(), &Route::NotFound, None);
    view! {
        <RouteHead meta />
        <NotFoundContent />
    }
}

/// "Page not found", with the ways back: home and the archive.
#[component]
pub fn NotFoundContent() -> impl IntoView {
    view! {
        <section class="not-found">
            <h2>"Page not found"</h2>
            <p>"Sorry, the page you were looking for in this blog does not exist."</p>
            <ul>
                <li>
                    <SiteLink href="/">"Go to the home page"</SiteLink>
                </li>
                <li>
                    <SiteLink href="/archive">"Browse the archive"</SiteLink>
                </li>
            </ul>
        </section>
    }
}
