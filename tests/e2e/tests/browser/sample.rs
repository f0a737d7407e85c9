//! What the tests know about the sample blog, read from the built site's own index so that
//! expectations follow the content rather than being copied into the tests.

use std::fs;

use e2e::Harness;
use serde_json::Value;

/// The seed post of ../shared/seeds: the Mediamum page the sample site reproduces.
pub const SEED_TITLE: &str = "A win for the little guy? Ashton Kutcher plays tag with CNN.";
pub const SEED_PERMALINK: &str = "/2009/04/win-for-little-guy-ashton-kutcher-plays.html";
pub const SEED_FIRST_WORDS: &str = "By now even your grandma knows about the race to a million.";
pub const SEED_LAST_WORDS: &str =
    "Are you listening Hugh Jackman? Oh that's right... no you're not.";

/// A post as the index lists it.
#[derive(Debug, Clone)]
pub struct Summary {
    pub permalink: String,
    pub title: String,
    pub labels: Vec<String>,
    pub comments: u64,
}

/// The built site's posts, newest first.
pub fn posts(h: &Harness) -> Vec<Summary> {
    posts_in(h, "")
}

/// The posts of the site in `folder` of the served site ("" for its root).
pub fn posts_in(h: &Harness, folder: &str) -> Vec<Summary> {
    let index = std::path::Path::new(folder).join("data/index.json");
    let text = fs::read_to_string(h.site_file(&index.to_string_lossy())).expect("read index.json");
    let index: Value = serde_json::from_str(&text).expect("index.json is JSON");
    index["posts"]
        .as_array()
        .expect("posts array")
        .iter()
        .map(|p| Summary {
            permalink: p["permalink"].as_str().unwrap_or_default().to_string(),
            title: p["title"].as_str().unwrap_or_default().to_string(),
            labels: p["labels"]
                .as_array()
                .map(|l| {
                    l.iter()
                        .filter_map(|x| x.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default(),
            comments: p["comments"].as_u64().unwrap_or(0),
        })
        .collect()
}

/// The number of fully loaded posts on the page (skeletons excluded).
pub const LOADED_POSTS: &str =
    "return document.querySelectorAll('article.post:not(.post-skeleton) .post-body').length;";
