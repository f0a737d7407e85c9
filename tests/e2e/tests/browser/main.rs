//! End-to-end tests: the release site in headless Chromium.

mod accessibility;
mod comments;
mod drafts;
mod failures;
mod hosting;
mod navigation;
mod offline;
mod reading;
mod sample;
mod search;
mod security;
