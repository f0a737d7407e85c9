//! Trunk's post-build step (`cargo xtask post-build`, named in Trunk.toml): in a release
//! build the wasm is split, the app's JS glue is minified by terser and its Subresource
//! Integrity hash in `index.html` recomputed, and the stylesheet is put into the page
//! (`inline_css`); then press compiles the content into the staging folder, and
//! Pagefind's scripts in it are minified too.
//!
//! Trunk 0.21's own JS minifier fails on the glue wasm-bindgen ≥ 0.2.106 writes
//! ("RequiredTokenNotFound"), so Trunk ships it unminified; terser, a maintained minifier
//! from npm, reads it. Trunk runs one stage's hooks at the same time, so the two steps
//! share one hook to run in order.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use base64::Engine as _;
use sha2::{Digest, Sha384};

use crate::minify;
use crate::run::{root, run, say};

/// wasm-opt's arguments for each part of the release wasm: index.html's for Trunk
/// (`data-wasm-opt="z"`, `data-wasm-opt-params`), whose own cut the split throws away, and
/// then the code flattened and its control flow rebuilt (`--flatten --rereloop`) and
/// shrunk again, which finds about 1% more (main part 193,803 → 191,817 B brotli; wasm-opt
/// takes 34 s on it instead of 15). `--converge` repeats the whole list while it shrinks.
pub const WASM_OPT_ARGS: [&str; 7] = [
    "-Oz",
    "--converge",
    "--flatten",
    "--rereloop",
    "-Oz",
    "-Oz",
    "--low-memory-unused",
];

/// `cargo xtask post-build`, run by Trunk with its staging folder in the environment.
pub fn post_build() -> Result<(), String> {
    let staging = env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("post-build is Trunk's hook: run `cargo xtask build` or `cargo xtask serve`")?;
    let release = env::var("TRUNK_PROFILE").as_deref() == Ok("release");
    if release {
        crate::split::split(&staging, &WASM_OPT_ARGS)?;
        minify_glue(&staging)?;
        crate::inline_css::inline_stylesheet(&staging)?;
    }
    run(
        Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .current_dir(root())
            .args(["run", "--quiet", "--package", "press", "--", "build"]),
    )?;
    if release {
        minify::site_scripts(&staging)?;
    }
    Ok(())
}

/// The SRI value of `bytes`: `sha384-` and the base64 of its SHA-384.
pub fn integrity(bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// `html` with the integrity value `old` replaced by `new` (every occurrence: the glue's
/// `modulepreload` link carries it).
pub fn replace_integrity(html: &str, old: &str, new: &str) -> Result<String, String> {
    if !html.contains(old) {
        return Err(format!(
            "index.html has no integrity {old} for a script it preloads; Trunk's output changed"
        ));
    }
    Ok(html.replace(old, new))
}

/// Minifies every `assets/*.js` of `staging` in place with terser, and puts the new
/// hashes into `index.html`.
fn minify_glue(staging: &Path) -> Result<(), String> {
    let Some(terser) = minify::terser("the JS glue stays unminified") else {
        return Ok(());
    };
    let html_path = staging.join("index.html");
    let mut html = fs::read_to_string(&html_path)
        .map_err(|e| format!("could not read {}: {e}", html_path.display()))?;
    let assets = staging.join("assets");
    let entries =
        fs::read_dir(&assets).map_err(|e| format!("could not list {}: {e}", assets.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "js") {
            continue;
        }
        let before = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        minify::minify(&terser, &path, minify::Kind::Module)?;
        let after = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        // The glue and the split's loader are both preloaded with their hashes.
        html = replace_integrity(&html, &integrity(&before), &integrity(&after))?;
        say(&format!(
            "minified {} with terser: {} → {} bytes",
            path.file_name()
                .and_then(|n| n.to_str())
                .unwrap_or("the glue"),
            before.len(),
            after.len()
        ));
    }
    fs::write(&html_path, html).map_err(|e| format!("could not write {}: {e}", html_path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_is_sha384_in_base64() {
        // The SRI specification's own example value for "alert('Hello, world.');".
        assert_eq!(
            integrity(b"alert('Hello, world.');"),
            "sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO"
        );
    }

    #[test]
    fn the_new_hash_replaces_the_old_one_or_the_build_stops() {
        let html = "<link href=/a.js integrity=sha384-OLD rel=modulepreload>";
        assert_eq!(
            replace_integrity(html, "sha384-OLD", "sha384-NEW").unwrap(),
            "<link href=/a.js integrity=sha384-NEW rel=modulepreload>"
        );
        assert!(replace_integrity(html, "sha384-GONE", "sha384-NEW").is_err());
    }
}
