//! The tasks themselves: serve, build, test.

use std::path::PathBuf;
use std::process::Command;

use crate::run::{root, run, say};
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

/// `cargo xtask serve`: trunk serve, which rebuilds and reloads on every change.
pub fn serve(port: u16) -> Result<(), String> {
    let tools = tools::ensure(Need::Build)?;
    fetch_crates(&tools)?;
    say(&format!(
        "serving the blog at http://127.0.0.1:{port}/ with live reload (Ctrl-C stops)"
    ));
    run(trunk(&tools).args(["serve", "--port", &port.to_string()]))
}

/// `cargo xtask build`: the release site in dist/.
pub fn build() -> Result<PathBuf, String> {
    let tools = tools::ensure(Need::Build)?;
    build_with(&tools)
}

/// Downloads every crate the build needs: Trunk runs cargo offline, so a fresh machine's
/// empty cache must be filled first.
fn fetch_crates(tools: &Tools) -> Result<(), String> {
    say("fetching crates (cargo fetch)");
    run(cargo(tools).arg("fetch"))
}

fn build_with(tools: &Tools) -> Result<PathBuf, String> {
    fetch_crates(tools)?;
    say("building the release site into dist/ (trunk build --release)");
    run(trunk(tools).args(["build", "--release"]))?;
    Ok(root().join("dist"))
}

/// `cargo xtask test`: unit tests, then the release site in headless Chromium.
pub fn test() -> Result<(), String> {
    let tools = tools::ensure(Need::Browser)?;
    say("running the native unit tests (cargo test)");
    run(cargo(&tools).args([
        "test",
        "--workspace",
        "--exclude",
        "e2e",
        "--exclude",
        "scrapbook",
    ]))?;
    let dist = build_with(&tools)?;
    // The same site published under a sub-path, as an operator might host it.
    let sub_site = root().join("target/subpath-site");
    say("building the site again for the sub-path /blog/ (trunk build --public-url /blog/)");
    run(trunk(&tools)
        .args(["build", "--release", "--public-url", "/blog/", "--dist"])
        .arg(sub_site.join("blog")))?;
    say("running the end-to-end tests in headless Chromium (cargo test -p e2e)");
    let mut e2e = cargo(&tools);
    e2e.args(["test", "--package", "e2e", "--", "--test-threads", "2"])
        .env("SCRAPBOOK_DIST", &dist)
        .env("SCRAPBOOK_SUBPATH_SITE", &sub_site);
    if let (Some(chromium), Some(driver)) = (&tools.chromium, &tools.chromedriver) {
        e2e.env("CHROMIUM", chromium).env("CHROMEDRIVER", driver);
    }
    run(&mut e2e)?;
    say("all tests passed");
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
        .args([
            "run",
            "--quiet",
            "--profile",
            "tools",
            "--package",
            "press",
            "--",
        ])
        .arg("import-blogger")
        .arg(&export)
        .args(["--content", "content"]);
    if force {
        cmd.arg("--force");
    }
    run(&mut cmd)
}
