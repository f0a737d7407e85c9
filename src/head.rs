//! The document head kept right on every route, by direct updates: the document title,
//! the meta description, the canonical link and the Open Graph tags. (leptos_meta would do
//! the same for more bytes, and would remove the prerendered tags rather than keep them.)

use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::pages::meta::{absolute_url, RouteMeta};

/// The element `selector` finds in the head, or a new `tag` with `attr=value` added to it.
fn head_element(selector: &str, tag: &str, attr: &str, value: &str) -> Option<Element> {
    let document = leptos::prelude::document();
    if let Ok(Some(el)) = document.query_selector(selector) {
        return Some(el);
    }
    let el = document.create_element(tag).ok()?;
    el.set_attribute(attr, value).ok()?;
    document.head()?.append_child(&el).ok()?;
    Some(el)
}

/// Sets `<meta name|property=key content=value>`, or removes it when `value` is `None`.
fn set_meta(attr: &str, key: &str, value: Option<&str>) {
    let selector = format!("head meta[{attr}=\"{key}\"]");
    match value {
        Some(value) => {
            if let Some(el) = head_element(&selector, "meta", attr, key) {
                let _ = el.set_attribute("content", value);
            }
        }
        None => remove(&selector),
    }
}

fn remove(selector: &str) {
    if let Ok(Some(el)) = leptos::prelude::document().query_selector(selector) {
        el.remove();
    }
}

/// Applies a route's head. `base_url` is the site's absolute address.
pub fn apply(meta: &RouteMeta, base_url: &str) {
    leptos::prelude::document().set_title(&meta.title);
    set_meta("name", "description", Some(&meta.description));
    set_meta("property", "og:title", Some(&meta.title));
    set_meta("property", "og:description", Some(&meta.description));
    set_meta("property", "og:type", Some(meta.kind));
    let url = meta.path.as_deref().map(|p| absolute_url(base_url, p));
    set_meta("property", "og:url", url.as_deref());
    match &url {
        Some(url) => {
            if let Some(link) = head_element("head link[rel=canonical]", "link", "rel", "canonical")
            {
                if let Some(link) = link.dyn_ref::<web_sys::HtmlLinkElement>() {
                    link.set_href(url);
                }
            }
        }
        None => remove("head link[rel=canonical]"),
    }
}
