//! "My Blog List": other blogs with their latest post and how long ago it appeared.

use leptos::prelude::*;
use model::date::ago;

use crate::data::use_blog;

/// Seconds since the Unix epoch: the browser's clock, or the build machine's when the page
/// is rendered ahead of time (the app brings it up to date when it starts).
fn now_unix() -> i64 {
    #[cfg(feature = "browser")]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(feature = "browser"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64)
    }
}

/// The My Blog List widget.
#[component]
pub fn BlogListWidget() -> impl IntoView {
    let blog = use_blog();
    let now = now_unix();
    let items = blog
        .site
        .blog_list
        .iter()
        .map(|b| {
            view! {
                <li>
                    <a class="blog-name" href=b.url.clone() rel="noopener">
                        {b.name.clone()}
                    </a>
                    <a class="blog-latest" href=b.latest_url.clone() rel="noopener">
                        {b.latest_title.clone()}
                    </a>
                    <time class="blog-ago" datetime=b.latest_published.to_string()>
                        {ago(b.latest_published.unix_seconds(), now)}
                    </time>
                </li>
            }
        })
        .collect_view();
    view! {
        <aside class="widget blog-list-widget" aria-labelledby="blog-list-widget-heading">
            <h2 id="blog-list-widget-heading">"My Blog List"</h2>
            <ul>{items}</ul>
        </aside>
    }
}
