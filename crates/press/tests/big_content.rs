//! Hostile sizes: a 5 MB post body, 10,000 comments on one post and a 10,000-character
//! title each build and render (or fail with a clear message); none hangs.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// A page shaped like Trunk's index.html, as press fills it for every route.
const TEMPLATE: &str = "<!doctype html><html><head><meta charset=utf-8><title>Blog</title>\
    <base href=/><script type=module>import init from '/a.js'; init();</script></head><body>\
    <div class=page id=boot><p>Loading</p></div><template id=boot-end></template></body></html>";

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn huge_bodies_threads_and_titles_build_and_render() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write(
        &content,
        "site.toml",
        "title = \"Big\"\nauthor = \"B\"\nbase_url = \"https://big.example\"\nposts_per_page = 5\n",
    );
    // 5 MB of Markdown: paragraphs, lists, emphasis and links.
    let paragraph = "A paragraph with *emphasis*, a [link](https://example.com/) and `code`.\n\n\
                     - an item\n- another item\n\n";
    let body = paragraph.repeat(5_000_000 / paragraph.len() + 1);
    write(
        &content,
        "posts/2009-01-01-long.md",
        &format!("---\ntitle: Long\ndate: 2009-01-01T10:00:00+10:00\n---\n{body}"),
    );
    // 10,000 comments on one post.
    write(
        &content,
        "posts/2009-01-02-busy.md",
        "---\ntitle: Busy\ndate: 2009-01-02T10:00:00+10:00\n---\nSo many comments.\n",
    );
    let mut comments = String::new();
    for i in 0..10_000 {
        let _ = write!(
            comments,
            "[[comment]]\nauthor = \"Reader {i}\"\npublished = \"2009-01-02T11:00:00+10:00\"\nbody = \"\"\"\nComment number {i}.\"\"\"\n\n"
        );
    }
    write(&content, "posts/2009-01-02-busy.comments.toml", &comments);
    // A title of 10,000 characters.
    let title = "Word ".repeat(2_000);
    write(
        &content,
        "posts/2009-01-03-titled.md",
        &format!(
            "---\ntitle: {}\ndate: 2009-01-03T10:00:00+10:00\n---\nShort.\n",
            title.trim()
        ),
    );

    let out = dir.path().join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("index.html"), TEMPLATE).unwrap();
    let compiled = press::build(&content, &out, "/").expect("the big content builds");
    assert_eq!(compiled.posts.len(), 3);

    let long = fs::read_to_string(out.join("2009/01/long.html")).unwrap();
    assert!(
        long.len() > 5_000_000,
        "the long post's page is {} bytes",
        long.len()
    );
    assert!(long.contains("<em>emphasis</em>"));
    let busy = fs::read_to_string(out.join("2009/01/busy.html")).unwrap();
    assert!(busy.contains("Comment number 0.") && busy.contains("Comment number 9999."));
    let busy_data = fs::read_to_string(out.join("data/posts/2009/01/busy.json")).unwrap();
    assert_eq!(busy_data.matches("Comment number").count(), 10_000);
    let titled = compiled
        .posts
        .iter()
        .find(|p| p.title.len() > 5_000)
        .expect("the long title is kept whole");
    let titled = fs::read_to_string(out.join(titled.permalink.trim_start_matches('/'))).unwrap();
    assert!(titled.contains(title.trim()));
    // The home page lists the long post by its excerpt, not its whole body.
    let home = fs::read_to_string(out.join("data/site.json")).unwrap();
    assert!(home.len() < 100_000, "site.json is {} bytes", home.len());
}
