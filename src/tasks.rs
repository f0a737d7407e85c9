//! Long work cut into tasks, so that the browser can paint and answer input in between.

/// Resolves in a later task of the browser's event loop, letting it paint and handle
/// input in between. A message to a `MessageChannel` is used rather than `setTimeout`,
/// which browsers hold back by 4 ms once timeouts nest.
pub async fn next_task() {
    #[cfg(feature = "browser")]
    {
        // Held until the message arrives, so that the channel cannot be collected first.
        let channel = web_sys::MessageChannel::new().ok();
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let posted = channel.as_ref().is_some_and(|channel| {
                channel.port1().set_onmessage(Some(&resolve));
                channel
                    .port2()
                    .post_message(&wasm_bindgen::JsValue::NULL)
                    .is_ok()
            });
            if !posted {
                let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            }
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        drop(channel);
    }
}
