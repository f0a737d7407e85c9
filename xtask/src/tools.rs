//! Installing what the tasks need, at the versions the project pins.
//!
//! - the `wasm32-unknown-unknown` target and the standard library's source, which the
//!   release wasm is built from (rustup);
//! - Trunk 0.21.14 and wasm-bindgen-cli at Cargo.lock's wasm-bindgen version (cargo install);
//! - wasm-split-cli, which splits the release wasm into parts (cargo install);
//! - leptosfmt, which formats inside `view!` where rustfmt does not (cargo install, for
//!   `cargo xtask test`);
//! - wasm-opt from binaryen 132 and terser (npm, into `.tools/`);
//! - Chromium and ChromeDriver for the browser tests (apt, when running as root);
//! - the Isso comment server 0.14.0 for the comment tests (pip, into a virtualenv in
//!   `.tools/isso`).
//!
//! Each is checked first and installed only when missing or at the wrong version.

use std::env;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::{output, root, run, say};

/// The Trunk version the project builds with (Trunk 0.22 needs a newer rustc).
pub const TRUNK_VERSION: &str = "0.21.14";
/// The binaryen release whose wasm-opt we use.
pub const BINARYEN_VERSION: &str = "132";
/// The twiggy release that profiles the wasm's size for the benchmark.
/// The leptosfmt that `cargo xtask test` checks the `view!` macros with.
const LEPTOSFMT_VERSION: &str = "0.1.33";

pub const TWIGGY_VERSION: &str = "0.8.0";
/// The wasm-split-cli release that cuts the release wasm into parts (`split`).
const WASM_SPLIT_VERSION: &str = "0.2.4";
/// The terser release that minifies the JS glue.
pub const TERSER_VERSION: &str = "5.51.4";
/// Lighthouse, for `cargo xtask lighthouse` (npm, into `.tools/`).
pub const LIGHTHOUSE_VERSION: &str = "12.8.2";
/// The accessibility checker the browser tests run in every kind of page.
pub const AXE_VERSION: &str = "4.11.4";
/// The Isso comment server the comment tests run against.
pub const ISSO_VERSION: &str = "0.14.0";

/// What a task needs installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Need {
    /// Everything to build the site.
    Build,
    /// The build tools plus a browser and its WebDriver, for the tests.
    Browser,
}

/// Where the installed tools are; pass [`Tools::path`] as PATH to anything that runs them.
#[derive(Debug, Clone)]
pub struct Tools {
    pub path: OsString,
    pub chromium: Option<PathBuf>,
    pub chromedriver: Option<PathBuf>,
    /// The `isso` program, for the comment tests.
    pub isso: Option<PathBuf>,
    /// axe-core's `axe.min.js`, for the accessibility tests.
    pub axe: Option<PathBuf>,
}

/// Installs what is missing for `need` and returns where everything is.
pub fn ensure(need: Need) -> Result<Tools, String> {
    let root = root();
    let path = search_path(&root);
    ensure_wasm_target()?;
    ensure_rust_src()?;
    ensure_trunk(&path)?;
    ensure_wasm_bindgen(&root, &path)?;
    ensure_wasm_opt(&root, &path)?;
    ensure_terser(&root, &path)?;
    ensure_wasm_split(&path)?;
    let (chromium, chromedriver, isso, axe) = if need >= Need::Browser {
        let (c, d) = ensure_browser(&path)?;
        (
            Some(c),
            Some(d),
            Some(ensure_isso(&root)?),
            Some(ensure_axe(&root, &path)?),
        )
    } else {
        (None, None, None, None)
    };
    Ok(Tools {
        path,
        chromium,
        chromedriver,
        isso,
        axe,
    })
}

/// PATH with `.tools/node_modules/.bin` (wasm-opt) and cargo's bin folder in front.
fn search_path(root: &Path) -> OsString {
    let mut dirs = vec![root.join(".tools/node_modules/.bin"), cargo_bin()];
    if let Some(existing) = env::var_os("PATH") {
        dirs.extend(env::split_paths(&existing));
    }
    env::join_paths(dirs).unwrap_or_default()
}

fn cargo_bin() -> PathBuf {
    env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
}

/// The first `name` on `path` that is a file.
pub fn which(name: &str, path: &OsString) -> Option<PathBuf> {
    env::split_paths(path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// `name --version`'s output, if `name` is on `path` and answers.
fn version_of(name: &str, path: &OsString) -> Option<String> {
    let bin = which(name, path)?;
    output(Command::new(bin).arg("--version")).map(|v| v.trim().to_string())
}

fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

fn ensure_wasm_target() -> Result<(), String> {
    let installed = output(Command::new("rustup").args(["target", "list", "--installed"]))
        .ok_or("rustup is needed to add the wasm32-unknown-unknown target, and it did not run")?;
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    say("installing the wasm32-unknown-unknown target (rustup target add)");
    run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The standard library's source, which the release wasm is built from (std_build.rs).
fn ensure_rust_src() -> Result<(), String> {
    let sysroot = output(Command::new("rustc").args(["--print", "sysroot"]))
        .ok_or("rustc did not say where its sysroot is")?;
    let library = PathBuf::from(sysroot.trim()).join("lib/rustlib/src/rust/library/Cargo.lock");
    if library.is_file() {
        return Ok(());
    }
    say("installing the standard library's source, which the release wasm is built from (rustup component add rust-src)");
    run(Command::new("rustup").args(["component", "add", "rust-src"]))
}

fn ensure_trunk(path: &OsString) -> Result<(), String> {
    let want = format!("trunk {TRUNK_VERSION}");
    if version_of("trunk", path).as_deref() == Some(want.as_str()) {
        return Ok(());
    }
    say(&format!(
        "installing Trunk {TRUNK_VERSION} (cargo install --locked; about 7 minutes on 2 cores)"
    ));
    run(cargo()
        .args([
            "install",
            "--locked",
            "--force",
            "trunk",
            "--version",
            TRUNK_VERSION,
        ])
        // Link-time optimisation roughly doubles the install time for no gain here.
        .env("CARGO_PROFILE_RELEASE_LTO", "false"))
}

/// The wasm-bindgen version Cargo.lock pins.
pub fn locked_wasm_bindgen(root: &Path) -> Result<String, String> {
    let lock = fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| format!("could not read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = \""))
                .and_then(|v| v.strip_suffix('"'))
            {
                return Ok(v.to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

/// The wasm-bindgen version Trunk.toml pins.
fn trunk_toml_wasm_bindgen(root: &Path) -> Option<String> {
    let text = fs::read_to_string(root.join("Trunk.toml")).ok()?;
    text.lines()
        .find_map(|l| l.trim().strip_prefix("wasm_bindgen = \""))
        .and_then(|v| v.strip_suffix('"'))
        .map(str::to_string)
}

fn ensure_wasm_bindgen(root: &Path, path: &OsString) -> Result<(), String> {
    let locked = locked_wasm_bindgen(root)?;
    match trunk_toml_wasm_bindgen(root) {
        Some(pinned) if pinned == locked => {}
        pinned => {
            return Err(format!(
                "Trunk.toml pins wasm-bindgen {} but Cargo.lock has {locked}: set [tools] wasm_bindgen = \"{locked}\" in Trunk.toml",
                pinned.unwrap_or_else(|| "nothing".into())
            ))
        }
    }
    let found = version_of("wasm-bindgen", path);
    if found.as_deref().and_then(|v| v.split_whitespace().nth(1)) == Some(locked.as_str()) {
        return Ok(());
    }
    say(&format!(
        "installing wasm-bindgen-cli {locked}, the version in Cargo.lock (cargo install; about 4 minutes)"
    ));
    // Not --locked: one of its locked dependencies is not served by the registry.
    run(cargo().args([
        "install",
        "--force",
        "wasm-bindgen-cli",
        "--version",
        &locked,
    ]))
}

fn ensure_wasm_opt(root: &Path, path: &OsString) -> Result<(), String> {
    ensure_npm_program(
        root,
        path,
        "wasm-opt",
        &format!("wasm-opt version {BINARYEN_VERSION}"),
        &format!("binaryen@{BINARYEN_VERSION}.0.0"),
        &format!("wasm-opt from binaryen {BINARYEN_VERSION}"),
    )
    .map(|_| ())
}

/// Installs an npm `package` into `.tools/`, saying what it is for (`what`).
fn npm_install(root: &Path, path: &OsString, package: &str, what: &str) -> Result<(), String> {
    if which("npm", path).is_none() {
        return Err(format!(
            "npm is needed to install {what} and was not found; install Node.js and npm"
        ));
    }
    say(&format!(
        "installing {what} (npm install {package} into .tools/)"
    ));
    let tools = root.join(".tools");
    fs::create_dir_all(&tools).map_err(|e| format!("could not create {}: {e}", tools.display()))?;
    run(Command::new("npm")
        .arg("install")
        .arg("--prefix")
        .arg(&tools)
        .args(["--no-audit", "--no-fund", "--loglevel=error"])
        .arg(package))
}

/// leptosfmt, for the formatting check of `view!` macros (cargo install, about 3 minutes
/// the first time).
pub fn ensure_leptosfmt(path: &OsString) -> Result<PathBuf, String> {
    if version_of("leptosfmt", path).as_deref() != Some(&format!("leptosfmt {LEPTOSFMT_VERSION}")) {
        say(&format!(
            "installing leptosfmt {LEPTOSFMT_VERSION}, which formats view! macros (cargo install; about 3 minutes)"
        ));
        run(cargo().args([
            "install",
            "--locked",
            "leptosfmt",
            "--version",
            LEPTOSFMT_VERSION,
        ]))?;
    }
    which("leptosfmt", path).ok_or_else(|| "leptosfmt was installed but is not on PATH".to_string())
}

/// wasm-split-cli, which cuts the release wasm into parts (cargo install, about 2 minutes
/// the first time). It prints no version, so cargo's own record of what it installed is
/// read.
fn ensure_wasm_split(path: &OsString) -> Result<(), String> {
    let record = cargo_bin().with_file_name(".crates.toml");
    let installed = fs::read_to_string(&record).unwrap_or_default();
    let wanted = format!("\"wasm_split_cli_support {WASM_SPLIT_VERSION} ");
    if installed.contains(&wanted) && which("wasm-split-cli", path).is_some() {
        return Ok(());
    }
    say(&format!(
        "installing wasm-split-cli {WASM_SPLIT_VERSION}, which splits the release wasm in parts (cargo install; about 2 minutes)"
    ));
    run(cargo().args([
        "install",
        "--locked",
        "wasm_split_cli_support",
        "--version",
        WASM_SPLIT_VERSION,
        "--features",
        "build-binary",
    ]))
}

/// twiggy, for the benchmark's size profile (cargo install, about 3 minutes the first time).
pub fn ensure_twiggy(path: &OsString) -> Result<PathBuf, String> {
    let found = version_of("twiggy", path);
    // It answers "twiggy-opt 0.8.0".
    if !found.is_some_and(|v| v.ends_with(&format!(" {TWIGGY_VERSION}"))) {
        say(&format!(
            "installing twiggy {TWIGGY_VERSION}, for the wasm size profile (cargo install; about 3 minutes)"
        ));
        run(cargo().args(["install", "--locked", "twiggy", "--version", TWIGGY_VERSION]))?;
    }
    which("twiggy", path).ok_or_else(|| "twiggy was installed but is not on PATH".to_string())
}

/// axe-core from npm, into `.tools/`; the path of its `axe.min.js`.
fn ensure_axe(root: &Path, path: &OsString) -> Result<PathBuf, String> {
    let package = root.join(".tools/node_modules/axe-core");
    let version = std::fs::read_to_string(package.join("package.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v["version"].as_str().map(String::from));
    if version.as_deref() != Some(AXE_VERSION) {
        npm_install(
            root,
            path,
            &format!("axe-core@{AXE_VERSION}"),
            &format!("axe-core {AXE_VERSION}, which checks accessibility in the browser tests"),
        )?;
    }
    let script = package.join("axe.min.js");
    if script.is_file() {
        Ok(script)
    } else {
        Err(format!(
            "axe-core installed, but {} is missing",
            script.display()
        ))
    }
}

fn ensure_terser(root: &Path, path: &OsString) -> Result<(), String> {
    ensure_npm_program(
        root,
        path,
        "terser",
        &format!("terser {TERSER_VERSION}"),
        &format!("terser@{TERSER_VERSION}"),
        &format!("terser {TERSER_VERSION}, which minifies the JS glue"),
    )
    .map(|_| ())
}

/// Lighthouse from npm, for `cargo xtask lighthouse`; returns its program.
pub fn ensure_lighthouse(path: &OsString) -> Result<PathBuf, String> {
    ensure_npm_program(
        &root(),
        path,
        "lighthouse",
        LIGHTHOUSE_VERSION,
        &format!("lighthouse@{LIGHTHOUSE_VERSION}"),
        &format!("Lighthouse {LIGHTHOUSE_VERSION}, which audits a post as Chrome's DevTools do"),
    )
}

/// The npm program `name` in `.tools/`, installed from `package` unless its `--version`
/// already says `version` (the whole line, or its start before a space).
fn ensure_npm_program(
    root: &Path,
    path: &OsString,
    name: &str,
    version: &str,
    package: &str,
    what: &str,
) -> Result<PathBuf, String> {
    let local = root.join(".tools/node_modules/.bin").join(name);
    let found = output(Command::new(&local).arg("--version"));
    let current = found.is_some_and(|v| {
        let v = v.trim();
        v == version || v.starts_with(&format!("{version} "))
    });
    if !current {
        npm_install(root, path, package, what)?;
    }
    Ok(local)
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0")
}

fn ensure_browser(path: &OsString) -> Result<(PathBuf, PathBuf), String> {
    let find = || (which("chromium", path), which("chromedriver", path));
    if let (Some(c), Some(d)) = find() {
        return Ok((c, d));
    }
    let missing: Vec<&str> = match find() {
        (None, None) => vec!["chromium", "chromium-driver"],
        (None, _) => vec!["chromium"],
        _ => vec!["chromium-driver"],
    };
    if !is_root() {
        return Err(format!(
            "the browser tests need {} from apt; run as root or install them: sudo apt-get install -y {}",
            missing.join(" and "),
            missing.join(" ")
        ));
    }
    say(&format!(
        "installing {} (apt-get; about a minute)",
        missing.join(" and ")
    ));
    run(Command::new("apt-get").arg("update").arg("-qq"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq", "--no-install-recommends"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    match find() {
        (Some(c), Some(d)) => Ok((c, d)),
        _ => Err(
            "apt-get installed chromium but chromium or chromedriver is still not on PATH".into(),
        ),
    }
}

/// Isso in its own virtualenv under `.tools/isso`, installed from PyPI when it is missing
/// or at another version. Returns the `isso` program.
fn ensure_isso(root: &Path) -> Result<PathBuf, String> {
    let venv = root.join(".tools/isso");
    let isso = venv.join("bin/isso");
    let python = venv.join("bin/python");
    let installed = output(Command::new(&python).args([
        "-c",
        "import importlib.metadata as m; print(m.version('isso'))",
    ]));
    if isso.is_file() && installed.is_some_and(|v| v.trim() == ISSO_VERSION) {
        return Ok(isso);
    }
    let system_python = ["python3", "python"]
        .into_iter()
        .find(|p| output(Command::new(p).arg("--version")).is_some())
        .ok_or("Python 3 is needed to install the Isso comment server and was not found; install python3")?;
    say(&format!(
        "installing the Isso comment server {ISSO_VERSION} (pip, into the virtualenv .tools/isso; about 30 seconds)"
    ));
    if !python.is_file() {
        run(Command::new(system_python).args(["-m", "venv"]).arg(&venv))?;
    }
    run(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
        ])
        .arg(format!("isso=={ISSO_VERSION}")))?;
    if isso.is_file() {
        Ok(isso)
    } else {
        Err(format!(
            "pip installed isso but {} is missing",
            isso.display()
        ))
    }
}
