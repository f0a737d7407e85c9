//! The service worker, from the app's side: registering it once the page has loaded,
//! asking for a new version now and then, and showing the update banner when the worker
//! says one is ready. The worker press writes (`sw.js`) does the rest, to keep the wasm
//! small: it keeps what the first page loaded, and tells open tabs to reload when a new
//! version takes over.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::ServiceWorkerRegistration;

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// When the last update check started (ms since the page loaded).
    static LAST_CHECK: Cell<f64> = const { Cell::new(0.0) };
}

/// How often in-app navigation may ask the server for a new worker.
const CHECK_EVERY_MS: f64 = 10_000.0;

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Registers `BASE/sw.js` once the page has finished loading (so that it never competes
/// with the page itself), and sets `ready` when a new version is waiting.
pub fn register(base: String, ready: RwSignal<bool>) {
    leptos::task::spawn_local(async move {
        // A browser without workers, or one that refuses (storage off), reads online.
        let _ = start(&base, ready).await;
    });
}

async fn start(base: &str, ready: RwSignal<bool>) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into())? {
        return Ok(());
    }
    let document = window.document().ok_or(JsValue::NULL)?;
    if document.ready_state() != "complete" {
        let loaded = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window.add_event_listener_with_callback("load", &resolve);
        });
        JsFuture::from(loaded).await?;
    }
    let container = navigator.service_worker();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let kind = js_sys::Reflect::get(&e.data(), &"type".into()).ok();
            match kind.and_then(|k| k.as_string()).as_deref() {
                Some("update-ready") => ready.set(true),
                // The new version has taken over: load this page again with it.
                Some("reload") => {
                    if let Some(w) = web_sys::window() {
                        let _ = w.location().reload();
                    }
                }
                _ => {}
            }
        });
    container.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(&format!("{base}/"));
    let registration: ServiceWorkerRegistration =
        JsFuture::from(container.register_with_options(&format!("{base}/sw.js"), &options))
            .await?
            .dyn_into()?;
    LAST_CHECK.set(now_ms());
    // A version installed on an earlier visit, waiting for its tabs to close.
    if registration.waiting().is_some() && container.controller().is_some() {
        ready.set(true);
    }
    REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
    Ok(())
}

/// Asks the server whether a new version was deployed, at most every ten seconds: called
/// on in-app navigation, since a tab may stay open for days without a page load.
pub fn check_for_update() {
    if now_ms() - LAST_CHECK.get() < CHECK_EVERY_MS {
        return;
    }
    LAST_CHECK.set(now_ms());
    REGISTRATION.with(|r| {
        if let Some(reg) = r.borrow().as_ref() {
            // A failed check (offline) is simply tried again later.
            let _ = reg.update();
        }
    });
}

/// Lets the waiting version take over; the worker then tells every open tab of the blog
/// to reload with it.
pub fn activate_update() {
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|reg| reg.waiting()));
    match waiting {
        Some(worker) => {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &"skip-waiting".into());
            let _ = worker.post_message(&message);
        }
        None => {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    }
}
