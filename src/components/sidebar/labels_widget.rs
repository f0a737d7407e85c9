//! "Labels": every label with how many posts carry it.

use crate::components::link::SiteLink;
use leptos::prelude::*;
use model::paths::label_path;

use crate::data::use_blog;

/// The Labels widget.
#[component]
pub fn LabelsWidget() -> impl IntoView {
    let blog = use_blog();
    let items = blog
        .labels
        .iter()
        .map(|label| {
            let (name, count) = (label.name.clone(), label.count);
            view! {
                <li>
                    <SiteLink href=label_path(&name)>{name}</SiteLink>
                    <span class="count">{format!(" ({count})")}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <aside class="widget labels-widget" aria-labelledby="labels-widget-heading">
            <h2 id="labels-widget-heading">"Labels"</h2>
            <ul>{items}</ul>
        </aside>
    }
}
