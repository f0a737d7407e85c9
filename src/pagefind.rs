//! Pagefind, from the app's side: loading it the first time a reader searches, asking it
//! for the posts that match, and reading each match's title, date, labels and excerpt.
//!
//! Pagefind's browser part is an ES module under `pagefind/`, which press writes beside a
//! small loader module (`pagefind/load.js`). The wasm cannot `import()` a module and the
//! content security policy forbids inline scripts, so the app adds the loader as a module
//! script; the loader puts Pagefind on `window` for the app to find. Nothing of it is
//! fetched before the reader focuses the search box or opens `/search`.

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Promise, Reflect};
use model::search::{SearchQuery, LABEL_FILTER};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why a search could not be answered, in words for the reader.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchError {
    #[error("Search could not be loaded: this blog's search index is missing or could not be read. Every post is still in the archive and under its labels.")]
    Unavailable,
    #[error("You are offline, and searching needs a connection the first time. Every post you have read is still in the archive.")]
    Offline,
    #[error("The search did not finish: {0}")]
    Failed(String),
}

thread_local! {
    /// Pagefind, loaded and started or on its way, as the promise every caller waits on;
    /// forgotten after a failure so that Retry loads again.
    static PAGEFIND: RefCell<Option<Promise>> = const { RefCell::new(None) };
}

/// Starts loading Pagefind if nothing has yet, so that the first search is quicker (the
/// search box calls it when it is focused). Failures wait for a real search to report.
pub fn preload(base: &str) {
    let _ = loading(base);
}

fn loading(base: &str) -> Promise {
    PAGEFIND.with(|p| {
        p.borrow_mut()
            .get_or_insert_with(|| {
                add_loader(&format!("{base}/pagefind/load.js"))
                    .unwrap_or_else(|e| Promise::reject(&e))
            })
            .clone()
    })
}

/// Pagefind's module, started.
async fn pagefind(base: &str) -> Result<JsValue, SearchError> {
    JsFuture::from(loading(base)).await.map_err(|_| {
        PAGEFIND.with(|p| *p.borrow_mut() = None);
        if offline() {
            SearchError::Offline
        } else {
            SearchError::Unavailable
        }
    })
}

fn offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// Adds the loader module to the page; the promise resolves to Pagefind's module once the
/// loader has run and Pagefind has started, and fails if either could not (the script is
/// removed, for a retry).
fn add_loader(src: &str) -> Result<js_sys::Promise, JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(JsValue::NULL)?;
    let script: web_sys::HtmlScriptElement = document.create_element("script")?.dyn_into()?;
    script.set_type("module");
    script.set_src(src);
    let head = document.head().ok_or(JsValue::NULL)?;
    let promise = js_sys::Promise::new(&mut |resolve: Function, reject: Function| {
        let reject_on_error = reject.clone();
        let loaded = script.clone();
        let on_load = Closure::once_into_js(move || {
            let module = web_sys::window()
                .and_then(|w| Reflect::get(&w, &"scrapbookPagefind".into()).ok())
                .filter(JsValue::is_object);
            let _ = match module {
                Some(module) => resolve.call1(&JsValue::NULL, &module),
                None => reject.call0(&JsValue::NULL),
            };
        });
        let on_error = Closure::once_into_js(move || {
            loaded.remove();
            let _ = reject_on_error.call0(&JsValue::NULL);
        });
        script.set_onload(Some(on_load.unchecked_ref()));
        script.set_onerror(Some(on_error.unchecked_ref()));
    });
    head.append_child(&script)?;
    Ok(promise)
}

/// What a search found: how many posts match, and the first of them, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub total: usize,
    pub hits: Vec<Hit>,
}

/// Searches for `query` and reads its first `count` matches, best first, handing them to
/// `show`: the first `first` as soon as they are read, then all `count` (once if `first`
/// is not fewer). All are asked for at once. (Asked again for more, Pagefind answers from
/// what it has already loaded.)
pub async fn ask(
    base: &str,
    query: &SearchQuery,
    count: usize,
    first: usize,
    mut show: impl FnMut(Found),
) -> Result<(), SearchError> {
    let matches = search(base, query).await?;
    let total = matches.len();
    let pending = read_hits(&matches[..count.min(total)])?;
    if first < pending.length() as usize {
        let hits = hits(&pending.slice(0, first as u32)).await?;
        show(Found { total, hits });
    }
    let hits = hits(&pending).await?;
    show(Found { total, hits });
    Ok(())
}

/// The matches for `query`, best first, each still to be read with [`read_hits`].
async fn search(base: &str, query: &SearchQuery) -> Result<Vec<JsValue>, SearchError> {
    let module = pagefind(base).await?;
    let options = Object::new();
    if let Some(label) = &query.label {
        let filters = Object::new();
        set(&filters, LABEL_FILTER, &label.into());
        set(&options, "filters", &filters.into());
    }
    let answer = call(&module, "search", &[query.terms().into(), options.into()])
        .await
        .map_err(failed)?;
    let results = Reflect::get(&answer, &"results".into()).map_err(failed)?;
    Ok(results
        .dyn_into::<Array>()
        .map(|a| a.iter().collect())
        .unwrap_or_default())
}

/// One match, as the results page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The post's address below the base path.
    pub path: String,
    pub title: String,
    /// RFC 3339, as press wrote it.
    pub date: String,
    /// The date as the page shows it ("Saturday, April 18, 2009").
    pub shown_date: String,
    pub labels: Vec<String>,
    /// Pagefind's excerpt: escaped text with `<mark>` around the matched words.
    pub excerpt: String,
}

/// Starts reading matches' data, all at once (Pagefind fetches their fragments): one
/// promise each, in the matches' order.
fn read_hits(results: &[JsValue]) -> Result<Array, SearchError> {
    let pending = Array::new();
    for result in results {
        let data: Function = Reflect::get(result, &"data".into())
            .and_then(|f| f.dyn_into())
            .map_err(failed)?;
        pending.push(&data.call0(result).map_err(failed)?);
    }
    Ok(pending)
}

/// The hits of `pending` reads, once all of them are done.
async fn hits(pending: &Array) -> Result<Vec<Hit>, SearchError> {
    let all = JsFuture::from(Promise::all(pending))
        .await
        .map_err(failed)?;
    Ok(Array::from(&all).iter().map(|data| hit(&data)).collect())
}

fn hit(data: &JsValue) -> Hit {
    let text = |object: &JsValue, key: &str| {
        Reflect::get(object, &key.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    let meta = Reflect::get(data, &"meta".into()).unwrap_or(JsValue::UNDEFINED);
    let labels = Reflect::get(data, &"filters".into())
        .and_then(|f| Reflect::get(&f, &LABEL_FILTER.into()))
        .ok()
        .and_then(|l| l.dyn_into::<Array>().ok())
        .map(|a| a.iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default();
    Hit {
        path: text(data, "url"),
        title: text(&meta, "title"),
        date: text(&meta, "date"),
        shown_date: text(&meta, "shown_date"),
        labels,
        excerpt: text(data, "excerpt"),
    }
}

fn set(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &key.into(), value);
}

/// Calls `object.name(...args)` and waits for its promise, if it returns one.
async fn call(object: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let function: Function = Reflect::get(object, &name.into())?.dyn_into()?;
    let value = function.apply(object, &args.iter().collect::<Array>())?;
    match value.dyn_into::<js_sys::Promise>() {
        Ok(promise) => JsFuture::from(promise).await,
        Err(value) => Ok(value),
    }
}

fn failed(error: JsValue) -> SearchError {
    if offline() {
        return SearchError::Offline;
    }
    let message = Reflect::get(&error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "Pagefind gave no reason".to_string());
    SearchError::Failed(message)
}
