//! "Labels": every label with how many posts carry it.

use crate::components::link::SiteLink;
use leptos::prelude::*;
use model::paths::label_path;

use crate::data::Blog;

/// The Labels widget.
#[component]
pub fn LabelsWidget() -> impl IntoView {
    let blog = expect_context::<Blog>();
    let items = blog
        .labels
        .iter()
        .map(|(label, count)| {
            let name = label.clone();
            view! {
                <li>
                    <SiteLink href=label_path(label)>{name}</SiteLink>
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
