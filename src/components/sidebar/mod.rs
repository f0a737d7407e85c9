//! The sidebar's widgets, as on the Blogger template: Search This Blog, Blog Archive,
//! Labels, My Blog List and About Me.

mod about_widget;
mod archive_widget;
mod blog_list_widget;
mod labels_widget;
pub mod search_widget;

use leptos::prelude::*;

use about_widget::AboutWidget;
use archive_widget::ArchiveWidget;
pub use archive_widget::{default_open, OpenByDefault};
use blog_list_widget::BlogListWidget;
use labels_widget::LabelsWidget;
use search_widget::SearchWidget;

/// The column of widgets beside the posts (below them on narrow screens), as the app
/// draws it. In the browser the widgets come in the task after the rest of the frame:
/// taking over from the prerendered page was one long task of the frame, the sidebar and
/// the page, which on a phone held input back (Lighthouse's total blocking time,
/// bench/LEVERS.md). The prerendered page stays on screen until the sidebar is drawn too
/// ([`crate::prerender::hand_over_when_ready`]), so nothing moves. Rendered natively it
/// is drawn at once.
#[component]
pub fn Sidebar() -> impl IntoView {
    let drawn = RwSignal::new(!cfg!(feature = "browser"));
    #[cfg(feature = "browser")]
    leptos::task::spawn_local(async move {
        crate::tasks::next_task().await;
        drawn.set(true);
    });
    view! {
        <div class="sidebar" aria-busy=move || (!drawn.get()).then_some("true")>
            {move || drawn.get().then(|| view! { <SidebarWidgets /> })}
        </div>
    }
}

/// The sidebar's widgets. Rendered ahead of time, they depend only on which year and month
/// the archive widget opens ([`default_open`]), so press renders them once for each and
/// reuses the markup.
#[component]
pub fn SidebarWidgets() -> impl IntoView {
    view! {
        <SearchWidget />
        <ArchiveWidget />
        <LabelsWidget />
        <BlogListWidget />
        <AboutWidget />
    }
}
