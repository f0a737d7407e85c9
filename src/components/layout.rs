//! The frame around every page: header, footer, and the loading shell shown before the
//! blog's index arrives.

use crate::components::link::SiteLink;
use leptos::prelude::*;
use model::paths::page_path;
use model::PageLink;

/// The blog's title, description and main navigation.
#[component]
pub fn SiteHeader(title: String, description: String, pages: Vec<PageLink>) -> impl IntoView {
    view! {
        <header class="site-header">
            <h1 class="site-title">
                <SiteLink href="/">{title}</SiteLink>
            </h1>
            <p class="site-description">{description}</p>
            <nav class="site-nav" aria-label="Site">
                <ul>
                    <li>
                        <SiteLink href="/">"Home"</SiteLink>
                    </li>
                    <li>
                        <SiteLink href="/archive">"Archive"</SiteLink>
                    </li>
                    {pages
                        .into_iter()
                        .map(|p| {
                            view! {
                                <li>
                                    <SiteLink href=page_path(&p.slug)>{p.title}</SiteLink>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
    }
}

/// The page around a route's content: header, the content in `<main>`, the sidebar and
/// the footer. The live app and the pages rendered ahead of time both use it; the latter
/// may pass the sidebar's widgets already rendered (`sidebar_html`), since many pages
/// share them.
#[component]
pub fn Frame(#[prop(optional)] sidebar_html: Option<String>, children: Children) -> impl IntoView {
    let blog = crate::data::use_blog();
    let site = &blog.site;
    let sidebar = match sidebar_html {
        Some(html) => view! { <div class="sidebar" inner_html=html></div> }.into_any(),
        None => view! { <crate::components::sidebar::Sidebar /> }.into_any(),
    };
    view! {
        <a class="skip-link" href="#main">
            "Skip to the content"
        </a>
        <div class="page">
            <SiteHeader
                title=site.title.clone()
                description=site.description.clone()
                pages=site.pages.clone()
            />
            <div class="columns">
                <main id="main" class="main" tabindex="-1">
                    {children()}
                </main>
                {sidebar}
            </div>
            <SiteFooter copyright=site.copyright.clone() />
        </div>
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
