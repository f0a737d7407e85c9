//! What is fuzzed, with the properties each reader must keep and where its seeds come from.

use std::fs;
use std::path::Path;

use press::blogger::{self, export};
use press::{comments, front_matter, render, sanitize};

/// A reader of untrusted input and its properties.
pub struct Target {
    /// The name `--target` takes and the regression folder's.
    pub name: &'static str,
    /// What is fed and what must hold, for the report.
    pub about: &'static str,
    /// `Err` with what went wrong when the input breaks a property (a panic does too).
    pub check: fn(&[u8]) -> Result<(), String>,
    /// The seed corpus, from the repository at the given root.
    pub seeds: fn(&Path) -> Vec<Vec<u8>>,
}

/// Every target, in the order the report lists them.
pub const TARGETS: [Target; 4] = [
    Target {
        name: "blogger-import",
        about: "a Blogger export is read and planned; an error names a line inside the file, \
                and every post and comments file the import would write is readable by press",
        check: check_blogger,
        seeds: blogger_seeds,
    },
    Target {
        name: "front-matter",
        about: "a post's front matter is read; an error names a line inside the file",
        check: check_front_matter,
        seeds: content_seeds,
    },
    Target {
        name: "markdown-sanitize",
        about: "Markdown is rendered and HTML sanitized; the output has no tag, attribute or URL \
                that can run code (no on* attribute, no javascript: or data:text/html URL), \
                and sanitizing it again changes nothing",
        check: check_sanitize,
        seeds: body_seeds,
    },
    Target {
        name: "json-readers",
        about: "every JSON reader of the model crate (site, list, post and page files, stored \
                drafts, Isso threads, dates) gives a value or an error, never a panic",
        check: check_json,
        seeds: json_seeds,
    },
];

/// The target called `name`.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

fn text(input: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(input)
}

/// Whether a 1-based error line lies inside `text` (or is 0, "the file as a whole").
fn line_inside(line: usize, text: &str) -> bool {
    line <= text.split('\n').count()
}

fn check_blogger(input: &[u8]) -> Result<(), String> {
    let text = text(input);
    let parsed = match export::parse(&text, |_| {}) {
        Ok(parsed) => parsed,
        Err(e) if !line_inside(e.line, &text) => {
            return Err(format!(
                "the error names line {} of a shorter file: {e}",
                e.line
            ))
        }
        Err(_) => return Ok(()),
    };
    let Ok(plan) = blogger::plan(&parsed, Path::new("/nonexistent/content")) else {
        return Ok(());
    };
    for file in &plan.files {
        let name = file.path.to_string_lossy();
        if name.ends_with(".comments.toml") {
            comments::parse(&file.path, &file.text)
                .map_err(|e| format!("the import wrote comments press cannot read: {e}"))?;
        } else if name.ends_with(".md") || name.ends_with(".html") {
            front_matter::parse(&file.path, &file.text)
                .map_err(|e| format!("the import wrote a post press cannot read: {e}"))?;
        }
    }
    Ok(())
}

fn check_front_matter(input: &[u8]) -> Result<(), String> {
    let text = text(input);
    match front_matter::parse(Path::new("posts/fuzz.md"), &text) {
        Err(e) if !line_inside(e.line, &text) => Err(format!(
            "the error names line {} of a shorter file: {e}",
            e.line
        )),
        Ok(doc) if !line_inside(doc.body_line.saturating_sub(1), &text) => Err(format!(
            "the body starts at line {}, after the end of the file",
            doc.body_line
        )),
        _ => Ok(()),
    }
}

fn check_sanitize(input: &[u8]) -> Result<(), String> {
    let text = text(input);
    let html = sanitize::sanitize(&text);
    if let Some(part) = sanitize::first_unsafe_part(&html) {
        return Err(format!("sanitized HTML kept {part}: {html}"));
    }
    let again = sanitize::sanitize(&html);
    if again != html {
        return Err(format!(
            "sanitizing twice changed the output:\nonce:  {html}\ntwice: {again}"
        ));
    }
    let rendered = render::markdown_to_html(&text);
    if let Some(part) = sanitize::first_unsafe_part(&rendered) {
        return Err(format!("rendered Markdown kept {part}: {rendered}"));
    }
    let again = sanitize::sanitize(&rendered);
    if again != rendered {
        return Err(format!(
            "sanitizing rendered Markdown changed it:\nonce:  {rendered}\ntwice: {again}"
        ));
    }
    Ok(())
}

fn check_json(input: &[u8]) -> Result<(), String> {
    let text = text(input);
    // Each reader returns a Result; what matters is that it returns, with a message.
    let errors = [
        model::schema::parse_site(&text)
            .err()
            .map(|e| e.to_string()),
        model::schema::parse_list(&text)
            .err()
            .map(|e| e.to_string()),
        model::schema::parse_post(&text)
            .err()
            .map(|e| e.to_string()),
        model::schema::parse_page(&text)
            .err()
            .map(|e| e.to_string()),
        model::drafts::decode(&text).err().map(|e| e.to_string()),
        model::DateTime::parse(&text).err().map(|e| e.to_string()),
    ];
    if let Ok(thread) = serde_json::from_str::<model::isso::Thread>(&text) {
        model::isso::thread_comments(&thread, 600);
        model::isso::thread_comments(&thread, -720);
    }
    match errors.iter().flatten().find(|m| m.trim().is_empty()) {
        Some(_) => Err("a reader failed without saying why".into()),
        None => Ok(()),
    }
}

/// The files in `dir` (not below it) whose names end with one of `suffixes`.
fn files_in(dir: &Path, suffixes: &[&str]) -> Vec<Vec<u8>> {
    let mut paths: Vec<_> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let name = p.to_string_lossy();
            suffixes.iter().any(|s| name.ends_with(s))
        })
        .collect();
    paths.sort();
    paths.iter().filter_map(|p| fs::read(p).ok()).collect()
}

fn blogger_seeds(root: &Path) -> Vec<Vec<u8>> {
    files_in(&root.join("crates/press/tests/fixtures"), &[".xml"])
}

fn content_seeds(root: &Path) -> Vec<Vec<u8>> {
    let mut seeds = files_in(&root.join("content/posts"), &[".md", ".html"]);
    seeds.extend(files_in(&root.join("content/pages"), &[".md"]));
    seeds
}

fn body_seeds(root: &Path) -> Vec<Vec<u8>> {
    let mut seeds = content_seeds(root);
    // The imported posts' HTML, as the importer hands it to the sanitizer.
    for xml in blogger_seeds(root) {
        if let Ok(parsed) = export::parse(&String::from_utf8_lossy(&xml), |_| {}) {
            seeds.extend(parsed.entries.into_iter().map(|e| e.content.into_bytes()));
        }
    }
    seeds
}

fn json_seeds(root: &Path) -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = match press::compile(&root.join("content")) {
        Ok(compiled) => compiled
            .files()
            .into_iter()
            .map(|(_, json)| json.into_bytes())
            .collect(),
        Err(_) => Vec::new(),
    };
    let draft = model::drafts::Draft {
        name: "Jo".into(),
        website: "https://jo.example".into(),
        text: "Hello\n\nthere".into(),
    };
    seeds.push(model::drafts::encode(&draft, 1.24e12).into_bytes());
    seeds.push(
        br#"{"replies":[{"id":1,"author":"Jo","website":"https://jo.example","text":"<p>Hi &amp; bye</p>","mode":1,"created":1240000000.5,"replies":[{"id":2,"text":"x","created":1240000100}]}]}"#
            .to_vec(),
    );
    seeds.push(b"\"2009-04-18T09:12:00+10:00\"".to_vec());
    seeds
}

/// Replays every saved regression input of `target`; the failures, by file.
pub fn replay_regressions(root: &Path, target: &Target) -> Vec<String> {
    let dir = root.join("crates/fuzz/regressions").join(target.name);
    let mut failures = Vec::new();
    let mut paths: Vec<_> = fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    for path in paths {
        let Ok(input) = fs::read(&path) else { continue };
        let outcome = std::panic::catch_unwind(|| (target.check)(&input));
        match outcome {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failures.push(format!("{}: {e}", path.display())),
            Err(_) => failures.push(format!("{}: panicked", path.display())),
        }
    }
    failures
}
