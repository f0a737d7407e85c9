//! End-to-end tests: the release site in headless Chromium.

mod failures;
mod hosting;
mod navigation;
mod reading;
mod sample;
