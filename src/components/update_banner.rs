//! "A new version of this blog is available", with Reload: shown when the service worker
//! has installed a newer deploy beside the one the page runs on.

use leptos::prelude::*;

/// The banner, while `ready` is true. Reload lets the new version take over and loads the
/// page again with it, so the old app never reads the new data or the reverse.
#[component]
pub fn UpdateBanner(ready: RwSignal<bool>) -> impl IntoView {
    let reload = move |_| {
        #[cfg(feature = "browser")]
        crate::offline::activate_update();
    };
    move || {
        ready.get().then(|| {
            view! {
                <div class="update-banner" role="status">
                    <p>"A new version of this blog is available."</p>
                    <button type="button" class="update-reload" on:click=reload>
                        "Reload"
                    </button>
                </div>
            }
        })
    }
}
