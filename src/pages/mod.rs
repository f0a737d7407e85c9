//! One module per route. Each route has a content component that needs no router and no
//! browser (press renders those ahead of time) and a thin route component around it that
//! reads the address and sets the document's title and description.

pub mod archive;
pub mod home;
pub mod label;
pub mod meta;
pub mod not_found;
pub mod post;
pub mod static_page;

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::data::Blog;
pub use meta::{document_title, route_meta, Route};

/// Sets the document title and meta description for `route`.
#[component]
pub fn RouteHead(route: Route) -> impl IntoView {
    let blog = expect_context::<Blog>();
    let meta = route_meta(&blog, &route);
    view! {
        <Title text=meta.title />
        <Meta name="description" content=meta.description />
    }
}
