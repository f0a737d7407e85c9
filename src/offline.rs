//! The service worker, from the app's side: registering it once the page has loaded,
//! handing it what the page loaded before it was in control, and telling the reader when
//! a new version of the blog has been deployed (the worker press writes, `sw.js`, does
//! the caching).

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

/// True once a new version is installed and waiting: the update banner shows then.
#[derive(Debug, Clone, Copy)]
pub struct UpdateReady(pub RwSignal<bool>);

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

/// Registers `BASE/sw.js` once the page has finished loading, so that it never competes
/// with the page itself, and watches for new versions.
pub fn register(base: String, ready: RwSignal<bool>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if !js_sys::Reflect::has(&window.navigator(), &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
    {
        return;
    }
    let start = move || {
        leptos::task::spawn_local(async move {
            // A browser that refuses (private mode, storage off) simply reads online.
            let _ = start(&base, ready).await;
        })
    };
    let loaded = window
        .document()
        .is_some_and(|d| d.ready_state() == "complete");
    if loaded {
        start();
    } else {
        let once = Closure::once_into_js(start);
        let _ = window.add_event_listener_with_callback("load", once.unchecked_ref());
    }
}

async fn start(base: &str, ready: RwSignal<bool>) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let container = window.navigator().service_worker();
    let was_controlled = container.controller().is_some();
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(&format!("{base}/"));
    let registration: ServiceWorkerRegistration =
        JsFuture::from(container.register_with_options(&format!("{base}/sw.js"), &options))
            .await?
            .dyn_into()?;
    LAST_CHECK.set(now_ms());
    if registration.waiting().is_some() && was_controlled {
        ready.set(true);
    }
    watch_updates(&registration, ready);
    REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
    // After "Reload": the new worker took over, so load the page it belongs with.
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if RELOADING.get() {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    if !was_controlled {
        // The first visit: this page and its data arrived before the worker existed.
        let active: ServiceWorkerRegistration =
            JsFuture::from(container.ready()?).await?.dyn_into()?;
        if let Some(worker) = active.active() {
            worker.post_message(&keep_message(base)?)?;
        }
    }
    Ok(())
}

thread_local! {
    static RELOADING: Cell<bool> = const { Cell::new(false) };
}

/// Shows the banner when a new worker finishes installing beside the one in control.
fn watch_updates(registration: &ServiceWorkerRegistration, ready: RwSignal<bool>) {
    let reg = registration.clone();
    let on_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg.installing() else {
            return;
        };
        let worker = installing.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            let controlled = web_sys::window()
                .is_some_and(|w| w.navigator().service_worker().controller().is_some());
            if worker.state() == ServiceWorkerState::Installed && controlled {
                ready.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
}

/// `{type: "keep", urls: [...]}`: this page and the data files it fetched.
fn keep_message(base: &str) -> Result<JsValue, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    let urls = js_sys::Array::new();
    urls.push(&JsValue::from_str(&window.location().href()?));
    if let Some(performance) = window.performance() {
        let data = format!("{}{base}/data/", window.location().origin()?);
        for entry in performance.get_entries_by_type("resource").iter() {
            let name = js_sys::Reflect::get(&entry, &JsValue::from_str("name"))?;
            if name.as_string().is_some_and(|n| n.starts_with(&data)) {
                urls.push(&name);
            }
        }
    }
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"type".into(), &"keep".into())?;
    js_sys::Reflect::set(&message, &"urls".into(), &urls)?;
    Ok(message.into())
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

/// Lets the waiting version take over; the page reloads when it has.
pub fn activate_update() {
    RELOADING.set(true);
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
