//! JS minified by terser (npm, in `.tools/`): the app's glue (see `glue`), Pagefind's
//! own scripts, which Pagefind ships readable and which a first search downloads both of
//! (at Pagefind 1.6, 23.3 KB brotli as shipped, 19.0 KB minified), and the service worker
//! press writes, which every first visit downloads (1,417 → 1,243 B brotli).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::run::{root, run, say};

/// How a script is loaded, which decides what terser may rename.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// An ES module: its top-level names are its own.
    Module,
    /// A classic script (Pagefind's worker, the service worker): its top-level names are
    /// global, left alone.
    Script,
}

/// Pagefind's scripts in the index's folder, and how each is loaded (`pagefind.js` is
/// imported; its worker is started as a classic worker).
const PAGEFIND_SCRIPTS: [(&str, Kind); 2] = [
    ("pagefind/pagefind.js", Kind::Module),
    ("pagefind/pagefind-worker.js", Kind::Script),
];

/// terser, if `cargo xtask setup` has installed it; else says what is skipped.
pub fn terser(skipped: &str) -> Option<PathBuf> {
    let terser = root().join(".tools/node_modules/.bin/terser");
    if terser.is_file() {
        Some(terser)
    } else {
        say(&format!(
            "terser is not installed (cargo xtask setup installs it): {skipped}"
        ));
        None
    }
}

/// Minifies the script at `path` in place; returns its size before and after.
pub fn minify(terser: &Path, path: &Path, kind: Kind) -> Result<(usize, usize), String> {
    let before = fs::metadata(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .len() as usize;
    let out = path.with_extension("min.js");
    let mut command = Command::new(terser);
    command.arg(path);
    if kind == Kind::Module {
        command.arg("--module");
    }
    run(command
        .args(["--ecma", "2020", "--compress", "--mangle"])
        .arg("--output")
        .arg(&out))?;
    let after = fs::metadata(&out)
        .map_err(|e| format!("{}: {e}", out.display()))?
        .len() as usize;
    fs::rename(&out, path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((before, after))
}

/// Minifies Pagefind's scripts in the built `site`, if it has a search index. Their
/// names do not change with their bytes (`_headers` keeps them ten minutes), and nothing
/// checks their integrity.
fn pagefind_scripts(site: &Path) -> Result<(), String> {
    if !site.join(PAGEFIND_SCRIPTS[0].0).is_file() {
        return Ok(());
    }
    let Some(terser) = terser("Pagefind's scripts stay as Pagefind ships them") else {
        return Ok(());
    };
    let (mut before, mut after) = (0, 0);
    for (script, kind) in PAGEFIND_SCRIPTS {
        let (b, a) = minify(&terser, &site.join(script), kind)?;
        before += b;
        after += a;
    }
    say(&format!(
        "minified Pagefind's scripts with terser: {before} → {after} bytes"
    ));
    Ok(())
}

/// Minifies the scripts press wrote into the built `site` that are not the app's own:
/// Pagefind's and the service worker. `cargo xtask build` and the bench's sites both call
/// this once press is done.
pub fn site_scripts(site: &Path) -> Result<(), String> {
    pagefind_scripts(site)?;
    worker(site)
}

/// Minifies the service worker press wrote into the built `site` (`sw.js`, a classic
/// script: its top-level names stay). Nothing checks its integrity; the browser compares
/// its bytes to find an update, and the same build always minifies to the same bytes.
fn worker(site: &Path) -> Result<(), String> {
    let path = site.join("sw.js");
    if !path.is_file() {
        return Ok(());
    }
    let Some(terser) = terser("the service worker stays as press writes it") else {
        return Ok(());
    };
    let (before, after) = minify(&terser, &path, Kind::Script)?;
    say(&format!(
        "minified the service worker with terser: {before} → {after} bytes"
    ));
    Ok(())
}
