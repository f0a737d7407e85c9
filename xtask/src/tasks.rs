//! The tasks themselves: serve, build, test.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::{root, run, run_counting, say, Counted};
use crate::split;
use crate::std_build;
use crate::tools::{self, Need, Tools};

fn trunk(tools: &Tools) -> Command {
    let bin = tools::which("trunk", &tools.path).unwrap_or_else(|| "trunk".into());
    let mut cmd = Command::new(bin);
    cmd.current_dir(root()).env("PATH", &tools.path);
    cmd
}

fn cargo(tools: &Tools) -> Command {
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(root()).env("PATH", &tools.path);
    cmd
}

/// The `base_path` of a content folder's site.toml ("/" if it sets none).
fn base_path(content: &Path) -> Result<String, String> {
    #[derive(serde::Deserialize)]
    struct Site {
        base_path: Option<String>,
    }
    let file = content.join("site.toml");
    let text = std::fs::read_to_string(&file)
        .map_err(|e| format!("could not read {}: {e}", file.display()))?;
    // Only this field is read here; press reports any other mistake with its line.
    let site: Site = toml::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(site.base_path.unwrap_or_else(|| "/".to_string()))
}

/// `cargo xtask serve`: trunk serve, which rebuilds and reloads on every change.
pub fn serve(port: u16) -> Result<(), String> {
    let tools = tools::ensure(Need::Build)?;
    fetch_crates(&tools)?;
    let base = base_path(&root().join("content"))?;
    say(&format!(
        "serving the blog at http://127.0.0.1:{port}{base} with live reload (Ctrl-C stops)"
    ));
    run(trunk(&tools).args(["serve", "--port", &port.to_string(), "--public-url", &base]))
}

/// `cargo xtask build`: the release site in dist/.
pub fn build() -> Result<PathBuf, String> {
    let tools = tools::ensure(Need::Build)?;
    build_with(&tools)
}

/// Downloads every crate the build needs: Trunk runs cargo offline, so a fresh machine's
/// empty cache must be filled first. That includes the crates of the standard library
/// the release wasm builds from source (`std_build`), which only a fetch for the wasm
/// target with the same settings names.
fn fetch_crates(tools: &Tools) -> Result<(), String> {
    say("fetching crates (cargo fetch)");
    run(cargo(tools).arg("fetch"))?;
    say("fetching the crates of the wasm's standard library (cargo fetch -Zbuild-std)");
    run(std_build::apply(&mut cargo(tools)).args(["fetch", "--target", "wasm32-unknown-unknown"]))
}

/// Builds the release site into dist/ with tools already ensured.
pub fn build_site(tools: &Tools) -> Result<PathBuf, String> {
    build_with(tools)
}

fn build_with(tools: &Tools) -> Result<PathBuf, String> {
    fetch_crates(tools)?;
    let base = base_path(&root().join("content"))?;
    say(&format!(
        "building the release site into dist/ for {base} (trunk build --release)"
    ));
    run(std_build::apply(&mut trunk(tools)).args(["build", "--release", "--public-url", &base]))?;
    Ok(root().join("dist"))
}

/// Builds the site from a copy of content/ whose site.toml says `base_path = "/blog/"`,
/// into `site/blog/`: the blog as an operator hosting it under a sub-path has it.
fn build_sub_path(tools: &Tools, site: &Path) -> Result<(), String> {
    let content = root().join("target/subpath-content");
    let _ = std::fs::remove_dir_all(&content);
    copy_dir(&root().join("content"), &content)?;
    let settings = content.join("site.toml");
    let text = std::fs::read_to_string(&settings).map_err(|e| e.to_string())?;
    // This copy also names no comment server and no contact: comments are closed.
    let text: String = text
        .lines()
        .filter(|l| {
            let l = l.trim_start();
            !(l.starts_with("base_path") || l.starts_with("contact") || l.starts_with("isso"))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&settings, format!("base_path = \"/blog/\"\n{text}"))
        .map_err(|e| e.to_string())?;
    say("building the site again with base_path = \"/blog/\" and comments closed, in a copy of site.toml");
    run(std_build::apply(&mut trunk(tools))
        .args(["build", "--release", "--public-url", "/blog/", "--dist"])
        .arg(site.join("blog"))
        .env("SCRAPBOOK_CONTENT", &content))
}

pub fn copy_dir(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::create_dir_all(to).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(from).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// `cargo xtask test`: formatting and lints, unit tests, then the release site in headless
/// Chromium; it ends with one line counting every test it ran.
pub fn test() -> Result<(), String> {
    let tools = tools::ensure(Need::Browser)?;
    let mut counted = Counted::default();
    let result = test_counting(&tools, &mut counted);
    say(&format!(
        "{} passed, {} failed",
        counted.passed, counted.failed
    ));
    result
}

fn test_counting(tools: &Tools, counted: &mut Counted) -> Result<(), String> {
    say("checking the formatting (cargo fmt --check)");
    run(cargo(tools).args(["fmt", "--all", "--check"]))?;
    say("checking the formatting inside view! macros (leptosfmt --check src)");
    let leptosfmt = tools::ensure_leptosfmt(&tools.path)?;
    run(Command::new(leptosfmt)
        .current_dir(root())
        .args(["--check", "--quiet", "src"]))?;
    say("linting the native crates, warnings denied (cargo clippy --workspace --all-targets)");
    clippy(tools, &["--workspace", "--all-targets"])?;
    // The app's browser code compiles natively too: clippy sees it here with its tests,
    // and below as the browser builds it.
    say("linting the app's browser code natively, warnings denied (cargo clippy --features browser)");
    clippy(
        tools,
        &[
            "--package",
            "scrapbook",
            "--all-targets",
            "--features",
            "browser",
        ],
    )?;
    // As the release build compiles it: with the split points of src/pages/parts.rs (the
    // native lint above sees the pages called directly, as `cargo xtask serve` has them).
    say("linting the app for the browser as the release build splits it, warnings denied (cargo clippy --target wasm32-unknown-unknown, --cfg scrapbook_split)");
    run(cargo(tools)
        .args([
            "clippy",
            "--package",
            "scrapbook",
            "--target",
            "wasm32-unknown-unknown",
            "--features",
            "browser",
            "--",
            "-D",
            "warnings",
        ])
        .env(split::RUSTFLAGS_VAR, split::CHECK_RUSTFLAGS))?;
    say("running the native unit tests, the app's among them (cargo test)");
    run_counting(
        cargo(tools).args(["test", "--workspace", "--exclude", "e2e"]),
        counted,
    )?;
    let dist = build_with(tools)?;
    crate::bench::check_weights(&dist)?;
    let sub_site = root().join("target/subpath-site");
    build_sub_path(tools, &sub_site)?;
    say("running the end-to-end tests in headless Chromium (cargo test -p e2e)");
    let mut e2e = cargo(tools);
    e2e.args(["test", "--package", "e2e", "--", "--test-threads", "2"])
        .env("SCRAPBOOK_DIST", &dist)
        .env("SCRAPBOOK_SUBPATH_SITE", &sub_site)
        .env("SCRAPBOOK_CONTENT", root().join("content"));
    if let (Some(chromium), Some(driver)) = (&tools.chromium, &tools.chromedriver) {
        e2e.env("CHROMIUM", chromium).env("CHROMEDRIVER", driver);
    }
    if let Some(isso) = &tools.isso {
        e2e.env("ISSO", isso);
    }
    if let Some(axe) = &tools.axe {
        e2e.env("AXE_CORE", axe);
    }
    run_counting(&mut e2e, counted)?;
    say("all tests passed");
    Ok(())
}

/// `cargo clippy` over `what`, warnings denied.
fn clippy(tools: &Tools, what: &[&str]) -> Result<(), String> {
    run(cargo(tools)
        .arg("clippy")
        .args(what)
        .args(["--", "-D", "warnings"]))
}

/// `cargo xtask fuzz`: every target (or the named ones) for `seconds` each, side by side;
/// the report goes to bench/FUZZ.md and failing inputs to crates/fuzz/regressions/.
pub fn fuzz(seconds: u64, targets: &[String]) -> Result<(), String> {
    say(&format!(
        "fuzzing for {seconds} s per target (cargo run -p fuzz); findings are saved under crates/fuzz/regressions/"
    ));
    let report = root().join("bench/FUZZ.md");
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(root())
        .args([
            "run",
            "--quiet",
            "--profile",
            "tools",
            "--package",
            "fuzz",
            "--",
        ])
        .arg("--seconds")
        .arg(seconds.to_string())
        .arg("--root")
        .arg(root())
        .arg("--report")
        .arg(&report);
    for t in targets {
        cmd.args(["--target", t]);
    }
    run(&mut cmd)?;
    say(&format!("wrote {}", report.display()));
    Ok(())
}

/// `cargo xtask import-blogger EXPORT`: press reads the export into content/.
pub fn import_blogger(export: &std::path::Path, force: bool) -> Result<(), String> {
    // The path is the reader's, relative to where they ran the command.
    let export = std::env::current_dir()
        .map(|d| d.join(export))
        .unwrap_or_else(|_| export.to_path_buf());
    let mut cmd = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    cmd.current_dir(root())
        .args(["run", "--quiet", "--package", "press", "--"])
        .arg("import-blogger")
        .arg(&export)
        .args(["--content", "content"]);
    if force {
        cmd.arg("--force");
    }
    run(&mut cmd)
}
