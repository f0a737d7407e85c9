//! `/search?q=words&label=NAME`: Search This Blog, at Blogger's address. The app asks
//! Pagefind (loaded only now) and shows the matches ten at a time; rendered ahead of time,
//! the page says that search needs JavaScript and points to the archive and the labels.

use leptos::prelude::*;
use model::paths::label_path;
use model::search::SearchQuery;
use model::Route;

use crate::components::link::SiteLink;
use crate::data::use_blog;
use crate::pages::{route_meta, RouteHead};

/// The search page for `query`.
#[component]
pub fn SearchPage(query: SearchQuery) -> impl IntoView {
    let blog = use_blog();
    let meta = route_meta(&blog, &Route::Search(query.clone()), None);
    view! {
        <RouteHead meta />
        <section class="search-page" aria-labelledby="search-heading">
            <h2 class="page-heading" id="search-heading">
                {search_heading(&query)}
            </h2>
            {results(query)}
        </section>
    }
}

/// "Search results for “tokyo”", or "Search This Blog" before anything is asked.
pub fn search_heading(query: &SearchQuery) -> String {
    let terms = query.terms();
    if terms.is_empty() {
        "Search This Blog".to_string()
    } else {
        format!("Search results for “{terms}”")
    }
}

/// Rendered ahead of time: only readers without JavaScript see this (the app replaces it).
#[cfg(not(feature = "browser"))]
fn results(_query: SearchQuery) -> impl IntoView {
    view! {
        <noscript>
            <p class="empty">
                "Searching this blog needs JavaScript, which is off in this browser. Every post is in the "
                <SiteLink href="/archive">"archive"</SiteLink> ", and under its labels:"
            </p>
            <LabelLinks />
        </noscript>
    }
}

#[cfg(feature = "browser")]
fn results(query: SearchQuery) -> impl IntoView {
    view! { <live::SearchResults query /> }
}

/// Every label, linked, for a reader who found nothing or cannot search.
#[component]
pub fn LabelLinks() -> impl IntoView {
    let blog = use_blog();
    let items = blog
        .labels
        .iter()
        .map(|label| {
            let name = label.name.clone();
            view! {
                <li>
                    <SiteLink href=label_path(&name)>{name}</SiteLink>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="label-links">{items}</ul> }
}

/// The page in the app: the states of one search and its results.
#[cfg(feature = "browser")]
mod live {
    use leptos::prelude::*;
    use model::paths::label_path;
    use model::search::{excerpt_parts, results_count, SearchQuery, RESULTS_PER_PAGE, SHOWN_FIRST};
    use model::Route;

    use super::LabelLinks;
    use crate::components::error_notice::ErrorNotice;
    use crate::components::link::{BasePath, SiteLink};
    use crate::pagefind::{ask, Found, Hit, SearchError};

    /// Where one search stands. A plain signal rather than a resource: the search page is
    /// the only user, and a resource's machinery would cost the wasm more than the page.
    #[derive(Clone)]
    enum Answer {
        Searching,
        Found(Found),
        Failed(SearchError),
    }

    /// Asks Pagefind, and shows the answer: searching, the results ten at a time, none,
    /// or the error with Retry. The count is announced in a polite live region.
    #[component]
    pub fn SearchResults(query: SearchQuery) -> impl IntoView {
        let terms = query.terms();
        if terms.is_empty() {
            return view! {
                <p class="empty">
                    "Type what you are looking for in the Search This Blog box, then press Enter. Or browse the posts by label:"
                </p>
                <LabelLinks />
            }
            .into_any();
        }
        let base = use_context::<BasePath>().unwrap_or_default().0;
        let answer = RwSignal::new(Answer::Searching);
        // How many results the reader asked to see; a search is under way while `busy`.
        let shown = RwSignal::new(RESULTS_PER_PAGE);
        let busy = RwSignal::new(false);
        let asked = query.clone();
        let run = move || {
            let (base, asked) = (base.clone(), asked.clone());
            busy.set(true);
            leptos::task::spawn_local(async move {
                let count = shown.get_untracked();
                // A first page shows its best few as soon as they are read; "More
                // results" keeps the page shown until the longer one is whole.
                let first = if count == RESULTS_PER_PAGE {
                    SHOWN_FIRST
                } else {
                    count
                };
                // The reader may have gone elsewhere meanwhile: then nobody is listening.
                let show = |found| {
                    let _ = answer.try_set(Answer::Found(found));
                };
                if let Err(e) = ask(&base, &asked, count, first, show).await {
                    let _ = answer.try_set(Answer::Failed(e));
                }
                let _ = busy.try_set(false);
            });
        };
        run();
        let announced = terms.clone();
        // A memo: the rest of a page arriving does not change the count, and must not
        // make the live region say it again.
        let announcement = Memo::new(move |_| match answer.get() {
            Answer::Searching => "Searching…".to_string(),
            Answer::Found(found) => format!("{} for “{announced}”", results_count(found.total)),
            Answer::Failed(_) => "Search could not be loaded.".to_string(),
        });
        let filter = query.label.clone().map(|label| {
            let everywhere = Route::Search(SearchQuery {
                label: None,
                ..query.clone()
            })
            .path();
            view! {
                <p class="search-filter">
                    "Only posts with the label "
                    <SiteLink href=label_path(&label)>{label.clone()}</SiteLink> ". "
                    <SiteLink href=everywhere>"Search every post"</SiteLink> "."
                </p>
            }
        });
        let retry = run.clone();
        let more = run.clone();
        let body = move || {
            match answer.get() {
            Answer::Searching => view! {
                <p class="loading-line" aria-hidden="true">
                    "Searching…"
                </p>
            }
            .into_any(),
            Answer::Failed(e) => {
                let retry = retry.clone();
                view! {
                    <ErrorNotice
                        messages=vec![e.to_string()]
                        on_retry=move || {
                            answer.set(Answer::Searching);
                            retry();
                        }
                    />
                }
                .into_any()
            }
            Answer::Found(found) if found.total == 0 => view! {
                <div class="no-results">
                    <p class="empty">
                        {format!(
                            "No posts match “{terms}”. Try fewer or different words, or browse the posts by label:",
                        )}
                    </p>
                    <LabelLinks />
                </div>
            }
            .into_any(),
            Answer::Found(found) => {
                // The page is whole (not its first few only) before it offers more.
                let whole = found.hits.len() >= shown.get_untracked().min(found.total);
                let items = found.hits.into_iter().map(|hit| view! { <SearchHit hit /> }).collect_view();
                let more = more.clone();
                let button = (whole && found.total > shown.get_untracked()).then(|| {
                    view! {
                        <button
                            type="button"
                            class="more-results"
                            disabled=move || busy.get()
                            on:click=move |_| {
                                shown.update(|n| *n += RESULTS_PER_PAGE);
                                more();
                            }
                        >
                            {move || if busy.get() { "Loading…" } else { "More results" }}
                        </button>
                    }
                });
                view! {
                    <ol class="search-results">{items}</ol>
                    {button}
                }
                .into_any()
            }
        }
        };
        view! {
            {filter}
            <p class="search-count" role="status" aria-live="polite">
                {announcement}
            </p>
            {body}
        }
        .into_any()
    }

    /// One match: its title linked to the post, its date and labels, and the excerpt with
    /// the matched words highlighted.
    #[component]
    fn SearchHit(hit: Hit) -> impl IntoView {
        let excerpt = excerpt_parts(&hit.excerpt)
            .into_iter()
            .map(|part| {
                if part.matched {
                    view! { <mark>{part.text}</mark> }.into_any()
                } else {
                    part.text.into_any()
                }
            })
            .collect_view();
        let labels = (!hit.labels.is_empty()).then(|| {
            let links = hit
                .labels
                .iter()
                .map(|l| {
                    let (href, name) = (label_path(l), l.clone());
                    view! {
                        <li>
                            <SiteLink href>{name}</SiteLink>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <ul class="result-labels" aria-label="Labels">
                    {links}
                </ul>
            }
        });
        view! {
            <li class="search-result">
                <h3>
                    <SiteLink href=hit.path.clone()>{hit.title.clone()}</SiteLink>
                </h3>
                <time datetime=hit.date>{hit.shown_date}</time>
                {labels}
                <p class="excerpt">{excerpt}</p>
            </li>
        }
    }
}
