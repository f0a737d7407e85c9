//! One module per route, and [`RoutePage`], the one place a route is dispatched to its
//! page. The pages need no router and no browser: press renders them ahead of time with
//! the blog in memory, and the app renders the same components with the fetch cache.

pub mod archive;
pub mod home;
pub mod label;
pub mod meta;
pub mod not_found;
pub mod parts;
pub mod post;
pub mod search;
pub mod static_page;

use leptos::prelude::*;
pub use meta::{document_title, route_meta, RouteHead, RouteMeta};
use model::Route;

use home::HomePage;
use label::LabelPage;
use not_found::NotFound;
use post::PostPage;
use static_page::StaticPage;

/// A route's page, with its head.
#[component]
pub fn RoutePage(route: Route) -> impl IntoView {
    match route {
        Route::Home { page } => view! { <HomePage page /> }.into_any(),
        Route::Post(path) => view! { <PostPage path /> }.into_any(),
        Route::Label { name, page } => view! { <LabelPage name page /> }.into_any(),
        Route::Page(slug) => view! { <StaticPage slug /> }.into_any(),
        Route::NotFound => view! { <NotFound /> }.into_any(),
        later @ (Route::Archive | Route::Year(_) | Route::Month(..) | Route::Search(_)) => {
            parts::later_page(later)
        }
    }
}
