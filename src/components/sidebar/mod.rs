//! The sidebar's widgets, as on the Blogger template: Blog Archive, Labels, My Blog List
//! and About Me.

mod about_widget;
mod archive_widget;
mod blog_list_widget;
mod labels_widget;

use leptos::prelude::*;

use about_widget::AboutWidget;
pub use archive_widget::current_period;
use archive_widget::ArchiveWidget;
use blog_list_widget::BlogListWidget;
use labels_widget::LabelsWidget;

/// The column of widgets beside the posts (below them on narrow screens).
#[component]
pub fn Sidebar() -> impl IntoView {
    view! {
        <div class="sidebar">
            <SidebarWidgets />
        </div>
    }
}

/// The sidebar's widgets. Rendered ahead of time, they depend only on the archive period
/// being read, so press renders them once per period and reuses the markup.
#[component]
pub fn SidebarWidgets() -> impl IntoView {
    view! {
        <ArchiveWidget />
        <LabelsWidget />
        <BlogListWidget />
        <AboutWidget />
    }
}
