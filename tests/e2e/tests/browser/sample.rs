//! What the tests know about the sample blog, read from the built site's own data so that
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

/// The posts of the site in `folder` of the served site ("" for its root), newest first:
/// the home page's lists, the first in the site file and the others in `data/home/`.
pub fn posts_in(h: &Harness, folder: &str) -> Vec<Summary> {
    let read = |rel: String| -> Value {
        let path = std::path::Path::new(folder).join(rel);
        let text = fs::read_to_string(h.site_file(&path.to_string_lossy()))
            .unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        serde_json::from_str(&text).expect("the data file is JSON")
    };
    let site = read("data/site.json".to_string());
    let mut lists = vec![site["home"].clone()];
    for page in 2.. {
        let rel = format!("data/home/{page}.json");
        if !h
            .site_file(&std::path::Path::new(folder).join(&rel).to_string_lossy())
            .is_file()
        {
            break;
        }
        lists.push(read(rel)["posts"].clone());
    }
    lists
        .iter()
        .flat_map(|l| l.as_array().cloned().unwrap_or_default())
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
