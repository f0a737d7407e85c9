//! "Labels": every label with how many posts carry it.

use leptos::prelude::*;
use leptos_router::components::A;
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
                    <A href=label_path(label)>{name}</A>
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
