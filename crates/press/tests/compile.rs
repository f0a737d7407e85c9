//! The content compiler as a whole: real folders in, data out, mistakes reported with
//! file and line, and nothing half-written.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use press::{build, compile, BuildError};

/// A content folder in a fresh temporary directory.
struct Content {
    dir: tempfile::TempDir,
}

impl Content {
    fn new() -> Self {
        let c = Content {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        c.write(
            "site.toml",
            "title = \"Test Blog\"\nauthor = \"Tess\"\nbase_url = \"https://t.example\"\nposts_per_page = 2\n",
        );
        c
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, text).unwrap();
        path
    }

    fn post(&self, name: &str, front: &str) -> PathBuf {
        self.write(
            &format!("posts/{name}.md"),
            &format!("---\n{front}\n---\nBody of {name}.\n"),
        )
    }
}

fn content_error(result: Result<press::Compiled, BuildError>) -> press::ContentError {
    match result {
        Err(BuildError::Content(e)) => e,
        Err(other) => panic!("expected a content error, got {other}"),
        Ok(_) => panic!("expected a content error, but it compiled"),
    }
}

#[test]
fn compiles_posts_newest_first_with_default_permalinks() {
    let c = Content::new();
    c.post(
        "a",
        "title: First post\ndate: 2009-01-01T10:00:00+10:00\nlabels: one",
    );
    c.post(
        "b",
        "title: Second post\ndate: 2009-02-01T10:00:00+10:00\nlabels: [one, two]",
    );
    c.post(
        "d",
        "title: Not yet\ndate: 2009-03-01T10:00:00+10:00\ndraft: true",
    );
    c.write(
        "posts/a.comments.toml",
        "[[comment]]\nauthor = \"Jo\"\npublished = \"2009-01-02T10:00:00+10:00\"\nbody = \"Hi\"\n",
    );
    c.write("pages/about.md", "---\ntitle: About\n---\nAbout *me*.\n");

    let site = compile(c.root()).unwrap();
    let links: Vec<_> = site
        .index
        .posts
        .iter()
        .map(|p| p.permalink.as_str())
        .collect();
    assert_eq!(
        links,
        ["/2009/02/second-post.html", "/2009/01/first-post.html"]
    );
    assert_eq!(site.drafts_skipped, 1);
    assert_eq!(site.index.posts[1].comments, 1);
    assert_eq!(site.index.site.copyright, "Copyright © 2009 Test Blog");
    assert_eq!(site.index.site.pages[0].slug, "about");
    assert_eq!(site.pages[0].body_html, "<p>About <em>me</em>.</p>\n");
    assert_eq!(site.posts[0].author, "Tess");
    // Each post knows its neighbours, so its page needs no list.
    assert_eq!(site.posts[0].newer, None);
    assert_eq!(
        site.posts[0].older.as_ref().map(|n| n.permalink.as_str()),
        Some("/2009/01/first-post.html")
    );
    assert_eq!(
        site.posts[1].newer.as_ref().map(|n| n.title.as_str()),
        Some(site.posts[0].title.as_str())
    );
    assert_eq!(site.posts[1].older, None);

    let files: BTreeSet<_> = site.files().into_iter().map(|(path, _)| path).collect();
    assert_eq!(
        files,
        BTreeSet::from([
            "data/site.json".to_string(),
            "data/labels/one/1.json".to_string(),
            "data/labels/two/1.json".to_string(),
            "data/months/2009-01.json".to_string(),
            "data/months/2009-02.json".to_string(),
            "data/posts/2009/01/first-post.json".to_string(),
            "data/posts/2009/02/second-post.json".to_string(),
            "data/pages/about.json".to_string(),
        ])
    );
    // What press writes, the app's parser reads back.
    for (path, text) in site.files() {
        let ok = match path.as_str() {
            "data/site.json" => model::parse_site(&text).is_ok(),
            p if p.starts_with("data/months/")
                || p.starts_with("data/labels/")
                || p.starts_with("data/home/") =>
            {
                model::parse_list(&text).is_ok()
            }
            p if p.starts_with("data/posts/") => model::parse_post(&text).is_ok(),
            _ => model::parse_page(&text).is_ok(),
        };
        assert!(ok, "{path} does not parse");
    }
}

#[test]
fn a_duplicate_permalink_names_both_files() {
    let c = Content::new();
    c.post("a", "title: Same\ndate: 2009-01-01T10:00:00Z");
    let second = c.post(
        "b",
        "title: Other\ndate: 2009-01-05T10:00:00Z\npermalink: /2009/01/same.html",
    );
    let e = content_error(compile(c.root()));
    assert_eq!(e.file, second);
    assert_eq!(e.line, 4);
    assert!(
        e.reason.contains("duplicate permalink /2009/01/same.html"),
        "{e}"
    );
    assert!(e.reason.contains("a.md"), "{e}");
}

#[test]
fn of_many_mistakes_the_first_files_is_reported_though_posts_are_read_in_parallel() {
    let c = Content::new();
    for n in 0..40 {
        c.post(
            &format!("p{n:02}"),
            &format!("title: Post {n}\ndate: 2009-01-01T10:{n:02}:00Z"),
        );
    }
    // Broken in different ways, in the middle and at the end of the file order.
    let first = c.post("p17-broken", "title: [unclosed\ndate: 2009-02-01T10:00:00Z");
    c.post("p33-undated", "title: No date");
    c.post("p39-broken", "title: [unclosed\ndate: 2009-02-02T10:00:00Z");
    for _ in 0..5 {
        let e = content_error(compile(c.root()));
        assert_eq!(e.file, first, "{e}");
    }
}

#[test]
fn each_kind_of_bad_content_names_its_file_and_line() {
    let cases = [
        ("title: T", 1, "missing date"),
        ("date: 2009-01-01T00:00:00Z", 1, "missing title"),
        ("title: T\ndate: 2009-02-30T00:00:00Z", 3, "invalid date"),
        (
            "title: T\ndate: 2009-01-01T00:00:00Z\npermalink: /not/a/permalink",
            4,
            "not a permalink",
        ),
        (
            "title: T\ndate: 2009-01-01T00:00:00Z\nslug: no/slug",
            4,
            "not a file name",
        ),
        (
            "title: T: a title\ndate: 2009-01-01T00:00:00Z",
            2,
            "must be quoted",
        ),
    ];
    for (front, line, reason) in cases {
        let c = Content::new();
        let file = c.post("bad", front);
        let e = content_error(compile(c.root()));
        assert_eq!((e.file.as_path(), e.line), (file.as_path(), line), "{e}");
        assert!(e.reason.contains(reason), "{e}");
        assert!(
            e.to_string()
                .starts_with(&format!("{}:{line}: ", file.display())),
            "{e}"
        );
    }
}

#[test]
fn malformed_front_matter_and_site_settings_are_reported() {
    let c = Content::new();
    let file = c.write("posts/x.md", "no front matter here\n");
    let e = content_error(compile(c.root()));
    assert_eq!((e.file, e.line), (file, 1));

    let c = Content::new();
    let site = c.write(
        "site.toml",
        "title = \"T\"\nauthor = \"A\"\nposts_per_page = \"five\"\n",
    );
    let e = content_error(compile(c.root()));
    assert_eq!((e.file, e.line), (site, 3));

    let c = Content::new();
    c.post("a", "title: A\ndate: 2009-01-01T00:00:00Z");
    let orphan = c.write("posts/renamed.comments.toml", "");
    let e = content_error(compile(c.root()));
    assert_eq!(e.file, orphan);
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let c = Content::new();
    c.post("a", "title: A\ndate: 2009-01-01T00:00:00Z");
    let out = tempfile::tempdir().unwrap();
    build(c.root(), out.path(), "/").unwrap();
    let index = out.path().join("data/site.json");
    let before = fs::read(&index).unwrap();

    c.post("b", "title: B\ndate: not a date");
    assert!(build(c.root(), out.path(), "/").is_err());
    assert_eq!(fs::read(&index).unwrap(), before);
    assert!(out.path().join("data/posts/2009/01/a.json").is_file());
    let leftovers: Vec<_> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // A good build replaces the data whole: a removed post's file goes too.
    fs::remove_file(c.root().join("posts/b.md")).unwrap();
    fs::remove_file(c.root().join("posts/a.md")).unwrap();
    c.post("c", "title: C\ndate: 2009-02-01T00:00:00Z");
    build(c.root(), out.path(), "/").unwrap();
    assert!(!out.path().join("data/posts/2009/01/a.json").exists());
    assert!(out.path().join("data/posts/2009/02/c.json").is_file());
}

#[test]
fn a_build_that_fails_after_writing_says_what_it_wrote() {
    let c = Content::new();
    c.post("a", "title: A\ndate: 2009-01-01T00:00:00Z");
    let out = tempfile::tempdir().unwrap();
    // A folder where the feed goes: the data is written, then the feed cannot be.
    fs::create_dir_all(out.path().join("atom.xml")).unwrap();
    let failure = build(c.root(), out.path(), "/").unwrap_err();
    assert!(matches!(failure.error, BuildError::Io { .. }), "{failure}");
    assert_eq!(failure.written, ["data/"]);
    let outcome = failure.outcome();
    assert!(
        outcome.starts_with("data/ had already been written") && outcome.contains("build again"),
        "{outcome}"
    );

    // A content mistake stops before anything is written, and says so.
    c.post("b", "title: B\ndate: not a date");
    let failure = build(c.root(), out.path(), "/").unwrap_err();
    assert!(matches!(failure.error, BuildError::Content(_)), "{failure}");
    assert_eq!(
        failure.outcome(),
        "nothing was written; the previous output is unchanged"
    );
}

#[test]
fn a_broken_app_template_is_the_apps_fault_not_the_contents() {
    let c = Content::new();
    c.post("a", "title: A\ndate: 2009-01-01T00:00:00Z");
    let out = tempfile::tempdir().unwrap();
    fs::write(
        out.path().join("index.html"),
        "<html><body>no shell</body></html>",
    )
    .unwrap();
    let failure = build(c.root(), out.path(), "/").unwrap_err();
    match &failure.error {
        BuildError::Template { file, .. } => assert_eq!(file, &out.path().join("index.html")),
        other => panic!("expected a template error, got {other}"),
    }
    assert!(
        failure.to_string().contains("not of the content"),
        "{failure}"
    );
    assert!(failure.written.is_empty());
    assert!(!out.path().join("data").exists());
}

#[test]
fn the_sample_blog_covers_what_the_app_must_show() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let site = compile(&content).expect("the sample content compiles");
    let posts = &site.index.posts;
    let seed = posts
        .iter()
        .find(|p| p.title == "A win for the little guy? Ashton Kutcher plays tag with CNN.")
        .expect("the seed post");
    assert_eq!(seed.published.long_date(), "18 April, 2009");
    assert!(posts.len() >= 13, "the seed post and at least 12 more");
    let years: BTreeSet<_> = posts.iter().map(|p| p.published.year).collect();
    let months: BTreeSet<_> = posts
        .iter()
        .map(|p| (p.published.year, p.published.month))
        .collect();
    let labels: BTreeSet<_> = posts.iter().flat_map(|p| p.labels.iter()).collect();
    let commented = posts.iter().filter(|p| p.comments > 0).count();
    assert!(years.len() >= 3, "{years:?}");
    assert!(months.len() >= 6, "{months:?}");
    assert!(labels.len() >= 5, "{labels:?}");
    assert!(commented >= 4, "{commented}");
    assert!(site.index.site.pages.iter().any(|p| p.slug == "about"));
    assert_eq!(site.index.site.copyright, "Copyright © 2009 Mediamum");
}

#[test]
fn a_blog_written_for_hugo_builds_with_its_labels_slugs_and_aliases() {
    let c = Content::new();
    c.write(
        "posts/fires.md",
        "---\ntitle: \"Fires: a town that found itself\"\ndate: 2009-02-12T20:00:00+11:00\n\
         lastmod: 2009-02-13\ntags:\n  - social media\n  - facebook\ncategories: [news]\n\
         slug: fires-and-facebook\naliases:\n  - /posts/fires/\n  - /2009/02/fires.html\n\
         description: >\n  A town kept informed\n  by a Facebook page.\nweight: 3\n---\nThe body.\n",
    );
    let out = tempfile::tempdir().unwrap();
    let compiled = build(c.root(), out.path(), "/").unwrap();
    let post = &compiled.posts[0];
    assert_eq!(post.permalink, "/2009/02/fires-and-facebook.html");
    assert_eq!(post.labels, ["social media", "facebook", "news"]);
    assert_eq!(post.description, "A town kept informed by a Facebook page.");
    assert_eq!(post.updated.unwrap().to_string(), "2009-02-13T00:00:00Z");
    let labels: Vec<&str> = compiled
        .shards
        .site
        .labels
        .iter()
        .map(|l| l.name.as_str())
        .collect();
    assert!(
        labels.contains(&"social media") && labels.contains(&"news"),
        "{labels:?}"
    );
    // weight is Hugo's, not ours: a warning with its line, and the build went on.
    assert_eq!(compiled.warnings.len(), 1);
    assert_eq!(compiled.warnings[0].line, 16);
    for alias in ["posts/fires/index.html", "2009/02/fires.html"] {
        let page = fs::read_to_string(out.path().join(alias)).expect(alias);
        assert!(
            page.contains("url=/2009/02/fires-and-facebook.html"),
            "{page}"
        );
        assert!(
            page.contains("href=\"https://t.example/2009/02/fires-and-facebook.html\""),
            "{page}"
        );
    }
    // Listed nowhere else.
    let sitemap = fs::read_to_string(out.path().join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains("posts/fires"), "{sitemap}");
}

#[test]
fn a_blog_written_for_zola_and_jekyll_builds() {
    let c = Content::new();
    c.write(
        "posts/cafe.md",
        "+++\ntitle = \"Café society\"\ndate = 2008-10-31T10:10:00+11:00\n\
         aliases = [\"/blog/cafe-society/\"]\n\n[taxonomies]\ntags = [\"blogging\", \"family\"]\n\n\
         [extra]\nmood = \"good\"\n+++\nThe body.\n",
    );
    // Jekyll: the date and the address from the file's name.
    c.write(
        "posts/2008-03-19-why-i-joined-twitter.md",
        "---\nlayout: post\ntitle: Why I joined Twitter\ncategories: social twitter\n---\nBody.\n",
    );
    let out = tempfile::tempdir().unwrap();
    let compiled = build(c.root(), out.path(), "/").unwrap();
    let cafe = compiled
        .posts
        .iter()
        .find(|p| p.title == "Café society")
        .unwrap();
    assert_eq!(cafe.labels, ["blogging", "family"]);
    assert!(out.path().join("blog/cafe-society/index.html").is_file());
    let jekyll = compiled
        .posts
        .iter()
        .find(|p| p.title.starts_with("Why"))
        .unwrap();
    assert_eq!(jekyll.permalink, "/2008/03/why-i-joined-twitter.html");
    assert_eq!(jekyll.published.to_string(), "2008-03-19T00:00:00Z");
    assert_eq!(jekyll.labels, ["social", "twitter"]);
    let warned: Vec<usize> = compiled.warnings.iter().map(|w| w.line).collect();
    assert_eq!(
        warned.len(),
        2,
        "[extra] and layout: {:?}",
        compiled.warnings
    );
}

#[test]
fn an_alias_that_takes_a_used_address_names_its_line() {
    let c = Content::new();
    c.post(
        "a",
        "title: A\ndate: 2009-01-01T00:00:00Z\npermalink: /2009/01/a.html",
    );
    let b = c.post(
        "b",
        "title: B\ndate: 2009-01-02T00:00:00Z\naliases: [/2009/01/a.html]",
    );
    let e = content_error(compile(c.root()));
    assert_eq!((e.file, e.line), (b, 4));
    assert!(e.reason.contains("already uses"), "{}", e.reason);
}

#[test]
fn the_pages_the_split_part_draws_preload_it_and_its_chunk_and_no_other_page_does() {
    let c = Content::new();
    c.post("a", "title: A\ndate: 2009-01-01T00:00:00Z");
    let out = tempfile::tempdir().unwrap();
    fs::write(
        out.path().join("index.html"),
        "<!DOCTYPE html><html><head><title>T</title></head><body>\
         <div id=\"boot\"></div><template id=\"boot-end\"></template></body></html>",
    )
    .unwrap();
    fs::create_dir_all(out.path().join("assets")).unwrap();
    for part in [
        "part-split_pages-0123.wasm",
        "part-chunk_3-4567.wasm",
        "part-split_comments-89ab.wasm",
    ] {
        fs::write(out.path().join("assets").join(part), b"\0asm").unwrap();
    }
    build(c.root(), out.path(), "/").unwrap();
    let preload =
        r#"<link rel="preload" href="/assets/part-split_pages-0123.wasm" as="fetch" crossorigin>"#;
    let shared =
        r#"<link rel="preload" href="/assets/part-chunk_3-4567.wasm" as="fetch" crossorigin>"#;
    let page = |file: &str| fs::read_to_string(out.path().join(file)).unwrap();
    for file in [
        "archive/index.html",
        "2009/index.html",
        "2009/01/index.html",
        "search/index.html",
    ] {
        assert!(
            page(file).contains(preload) && page(file).contains(shared),
            "{file} lacks the part's preloads"
        );
        // The comment form's part is loaded by a post page, never preloaded here.
        assert!(
            !page(file).contains("part-split_comments"),
            "{file} preloads the form's part"
        );
    }
    for file in ["index.html", "2009/01/a.html", "404.html"] {
        assert!(!page(file).contains("part-"), "{file} preloads a part");
    }
}
