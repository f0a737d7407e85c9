//! The frame around every page: header, footer, and the loading shell shown before the
//! blog's index arrives.

use leptos::prelude::*;
use leptos_router::components::A;
use model::paths::page_path;
use model::PageLink;

/// The blog's title, description and main navigation.
#[component]
pub fn SiteHeader(title: String, description: String, pages: Vec<PageLink>) -> impl IntoView {
    view! {
        <header class="site-header">
            <h1 class="site-title">
                <A href="/">{title}</A>
            </h1>
            <p class="site-description">{description}</p>
            <nav class="site-nav" aria-label="Site">
                <ul>
                    <li>
                        <A href="/" exact=true>
                            "Home"
                        </A>
                    </li>
                    <li>
                        <A href="/archive">"Archive"</A>
                    </li>
                    {pages
                        .into_iter()
                        .map(|p| {
                            view! {
                                <li>
                                    <A href=page_path(&p.slug)>{p.title}</A>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
    }
}

/// The copyright line at the foot of every page.
#[component]
pub fn SiteFooter(copyright: String) -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{copyright}</p>
        </footer>
    }
}

/// The page's shape in grey while the blog's index loads; it matches index.html's static
/// shell so that nothing jumps when the app takes over.
#[component]
pub fn LoadingShell() -> impl IntoView {
    view! {
        <div class="page" aria-busy="true">
            <header class="site-header">
                <div class="skeleton skeleton-title"></div>
                <div class="skeleton skeleton-line"></div>
            </header>
            <div class="columns">
                <main id="main" class="main">
                    <PostSkeleton />
                </main>
                <div class="sidebar skeleton-sidebar"></div>
            </div>
        </div>
    }
}

/// A post-shaped placeholder with a visible "Loading…" while a post's JSON is on its way.
#[component]
pub fn PostSkeleton() -> impl IntoView {
    view! {
        <article class="post post-skeleton" aria-busy="true">
            <p class="loading-text" role="status">
                "Loading…"
            </p>
            <div class="skeleton skeleton-heading"></div>
            <div class="skeleton skeleton-line"></div>
            <div class="skeleton skeleton-line"></div>
            <div class="skeleton skeleton-line short"></div>
        </article>
    }
}
