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

/// The column of widgets beside the posts (below them on narrow screens).
#[component]
pub fn Sidebar() -> impl IntoView {
    view! {
        <div class="sidebar">
            <SidebarWidgets />
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
