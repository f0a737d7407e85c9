//! The release wasm cut in parts (`cargo xtask post-build`): the pages a visit to a post
//! never shows go to a part of their own, which the app loads the first time one of them
//! is shown (src/pages/parts.rs), and the comment form to another, loaded once a post's
//! comments near the screen (src/components/comments/form_part.rs); code the two share
//! goes to a chunk that either loads.
//!
//! Leptos 0.8's code splitting needs a step that only cargo-leptos runs; Trunk 0.21 has
//! none. So the release build is compiled with `--cfg scrapbook_split` and the linker's
//! relocations kept ([`RUSTFLAGS`]), Trunk builds and binds it as usual, and this step then
//! redoes what follows the compile from Trunk's own input: `wasm-split-cli` cuts the
//! module, wasm-bindgen binds the main part, wasm-opt shrinks every part, and the results
//! replace Trunk's files, their names and integrity hashes in `index.html` updated. The
//! glue, the main part, the other parts and their loader get names with their own content
//! hash, so that a CDN may cache them for ever.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

// What the part files are called in `assets/`: `part-` and the part's own name, the names
// `model::wasm_parts` tells the parts apart by.
use model::wasm_parts::PART_PREFIX;
use sha2::{Digest, Sha256};

use crate::glue::{integrity, replace_integrity};
use crate::run::{root, run, say};

/// The wasm target's flags for a split release build: `.cargo/config.toml`'s own, the
/// split's cfg, and the relocations `wasm-split-cli` reads the module's calls from.
pub const RUSTFLAGS: &str =
    "--cfg erase_components --cfg scrapbook_split -C link-arg=--emit-relocs";
/// The same for a lint of the split build: the relocations matter to the linker only.
pub const CHECK_RUSTFLAGS: &str = "--cfg erase_components --cfg scrapbook_split";
/// The variable through which [`RUSTFLAGS`] reach the wasm build that Trunk runs.
pub const RUSTFLAGS_VAR: &str = "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS";
/// The module name a split point's loader is imported from until the split names it.
const PLACEHOLDER: &str = "__wasm_split_placeholder__";
/// The loader `wasm-split-cli` writes, which the main part's glue imports.
const LOADER: &str = "__wasm_split.js";
/// The main part's file as wasm-bindgen writes it.
const BOUND_MAIN: &str = "scrapbook_bg.wasm";

/// Splits the release wasm Trunk built into `staging`, if it was built with split points
/// (its glue imports the placeholder); a build without them is left as it is.
pub fn split(staging: &Path, wasm_opt_args: &[&str]) -> Result<(), String> {
    let assets = staging.join("assets");
    let (glue, wasm) = trunk_output(&assets)?;
    let glue_text = read_text(&glue)?;
    if !glue_text.contains(PLACEHOLDER) {
        return Ok(());
    }
    let stem = file_name(&glue).trim_end_matches(".js").to_string();
    let input = cargo_target_dir().join("wasm32-unknown-unknown/release/scrapbook.wasm");
    let work = cargo_target_dir().join("wasm-split");
    let _ = fs::remove_dir_all(&work);
    let (cut, bound) = (work.join("cut"), work.join("bound"));
    say("splitting the wasm: the archive, year, month and search pages, and the comment form, into parts of their own (wasm-split-cli)");
    run(Command::new("wasm-split-cli")
        .args(["--target", "web"])
        .arg(&input)
        .arg(&cut))?;
    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "web",
            "--no-typescript",
            "--weak-refs",
            "--keep-lld-exports",
            "--out-name",
            "scrapbook",
            "--out-dir",
        ])
        .arg(&bound)
        .arg(cut.join("main.wasm")))?;
    // The bound main part stays as it is for the size profile (`bench/WASM.md`).
    let main_wasm = bound.join("scrapbook_bg.opt.wasm");
    optimise(&bound.join(BOUND_MAIN), &main_wasm, wasm_opt_args)?;
    let mut loader = read_text(&cut.join(LOADER))?;
    let mut parts = Vec::new();
    for entry in fs::read_dir(&cut).map_err(|e| format!("{}: {e}", cut.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = file_name(&path).to_string();
        if name == "main.wasm" || !name.ends_with(".wasm") {
            continue;
        }
        optimise(&path, &path, wasm_opt_args)?;
        let bytes = fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let hashed = format!(
            "{PART_PREFIX}{}-{}.wasm",
            name.trim_end_matches(".wasm"),
            short_hash(&bytes)
        );
        loader = rename_reference(
            &loader,
            &format!("\"./{name}\""),
            &format!("\"./{hashed}\""),
        )?;
        parts.push((hashed, bytes));
    }
    if parts.is_empty() {
        return Err("wasm-split-cli made no part: the split points were not found".into());
    }
    let bound_glue = read_text(&bound.join("scrapbook.js"))?;
    let new_wasm = fs::read(&main_wasm).map_err(|e| format!("{}: {e}", main_wasm.display()))?;
    // Trunk named the glue and the main part after its own cut, which this step throws
    // away: a change to this step alone (wasm-opt's arguments) would ship new bytes under
    // the old name, which `_headers` lets browsers keep for a year. They are named after
    // what this step made instead, every part included.
    let new_stem = format!(
        "scrapbook-{}",
        short_hash_of(
            [new_wasm.as_slice(), bound_glue.as_bytes()]
                .into_iter()
                .chain(parts.iter().map(|(_, bytes)| bytes.as_slice()))
        )
    );
    loader = rename_reference(
        &loader,
        "from \"./main.js\"",
        &format!("from \"./{new_stem}.js\""),
    )?;
    let loader_name = format!("{PART_PREFIX}loader-{}.js", short_hash(loader.as_bytes()));
    let new_glue = rename_reference(
        &bound_glue,
        // The import's specifier only: the import object's key stays the wasm's module name.
        &format!("from \"./{LOADER}\""),
        &format!("from \"./{loader_name}\""),
    )?;

    let html_path = staging.join("index.html");
    let mut html = read_text(&html_path)?;
    html = replace_integrity(
        &html,
        &integrity(glue_text.as_bytes()),
        &integrity(new_glue.as_bytes()),
    )?;
    let old_wasm = fs::read(&wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    html = replace_integrity(&html, &integrity(&old_wasm), &integrity(&new_wasm))?;
    html = with_loader_preload(
        &html,
        file_name(&glue),
        &integrity(new_glue.as_bytes()),
        &loader_name,
        &integrity(loader.as_bytes()),
    )?;
    // The glue's script, its preload, the wasm's preload and the boot script's `init`.
    html = rename_reference(&html, &stem, &new_stem)?;
    for old in [&glue, &wasm] {
        fs::remove_file(old).map_err(|e| format!("{}: {e}", old.display()))?;
    }
    write(&assets.join(format!("{new_stem}.js")), new_glue.as_bytes())?;
    write(&assets.join(format!("{new_stem}_bg.wasm")), &new_wasm)?;
    write(&assets.join(&loader_name), loader.as_bytes())?;
    for (name, bytes) in &parts {
        write(&assets.join(name), bytes)?;
    }
    write(&html_path, html.as_bytes())?;
    say(&format!(
        "split the wasm: main part {} → {} bytes, {}",
        old_wasm.len(),
        new_wasm.len(),
        parts
            .iter()
            .map(|(n, b)| format!("{n} {} bytes", b.len()))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    Ok(())
}

/// Trunk's JS glue and wasm in `assets`: `scrapbook-HASH.js` and `scrapbook-HASH_bg.wasm`.
fn trunk_output(assets: &Path) -> Result<(PathBuf, PathBuf), String> {
    let names: Vec<String> = fs::read_dir(assets)
        .map_err(|e| format!("could not list {}: {e}", assets.display()))?
        .flatten()
        .filter_map(|e| e.file_name().to_str().map(String::from))
        .collect();
    let glue = names
        .iter()
        .find(|n| n.starts_with("scrapbook-") && n.ends_with(".js"))
        .ok_or_else(|| format!("Trunk wrote no scrapbook-*.js into {}", assets.display()))?;
    let wasm = glue.replace(".js", "_bg.wasm");
    if !names.contains(&wasm) {
        return Err(format!("Trunk wrote {glue} but no {wasm}"));
    }
    Ok((assets.join(glue), assets.join(wasm)))
}

/// `html` with a `modulepreload` of the part's loader beside the glue's own (a copy of
/// that link under the loader's name and hash). The glue imports the loader, so without
/// it the browser asks for the loader only once the glue has arrived and been parsed: one
/// more round trip before the app can start, which a repeat visit served by the service
/// worker waited for (bench/LEVERS.md).
fn with_loader_preload(
    html: &str,
    glue: &str,
    glue_integrity: &str,
    loader: &str,
    loader_integrity: &str,
) -> Result<String, String> {
    let tag = link_tags(html)
        .find(|tag| tag.contains("modulepreload") && tag.contains(&format!("/{glue}")))
        .ok_or_else(|| {
            format!("index.html has no modulepreload of {glue}: Trunk's output changed")
        })?;
    let copy = rename_reference(tag, glue, loader)?;
    let copy = rename_reference(&copy, glue_integrity, loader_integrity)?;
    Ok(html.replacen(tag, &format!("{tag}{copy}"), 1))
}

/// Every whole `<link …>` tag of `html`, in order.
pub fn link_tags(html: &str) -> impl Iterator<Item = &str> {
    html.match_indices("<link ")
        .filter_map(|(at, _)| Some(&html[at..at + html[at..].find('>')? + 1]))
}

/// `text` with every `from` replaced by `to`; an error if there is none (the tools'
/// output changed, and the parts would not be found).
fn rename_reference(text: &str, from: &str, to: &str) -> Result<String, String> {
    if !text.contains(from) {
        return Err(format!(
            "the split's output does not mention {from}: wasm-split-cli or wasm-bindgen changed"
        ));
    }
    Ok(text.replace(from, to))
}

/// The first 16 hex digits of the SHA-256 of `bytes`, as Trunk names its files.
fn short_hash(bytes: &[u8]) -> String {
    short_hash_of([bytes])
}

/// [`short_hash`] of several files' bytes taken together.
fn short_hash_of<'a>(files: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hasher = Sha256::new();
    for bytes in files {
        hasher.update(bytes);
    }
    hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// wasm-opt over `wasm` into `out`, with Trunk's arguments for the app's wasm.
fn optimise(wasm: &Path, out: &Path, args: &[&str]) -> Result<(), String> {
    run(Command::new("wasm-opt")
        .args(args)
        .arg(wasm)
        .arg("-o")
        .arg(out))
}

/// The main part as wasm-bindgen left it, before wasm-opt, from the last split build.
pub fn bound_main_part() -> PathBuf {
    cargo_target_dir().join("wasm-split/bound").join(BOUND_MAIN)
}

fn cargo_target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
}

fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("could not read {}: {e}", path.display()))
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    fs::write(path, bytes).map_err(|e| format!("could not write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reference_the_output_lacks_stops_the_build() {
        assert_eq!(
            rename_reference(
                "import './__wasm_split.js'",
                "./__wasm_split.js",
                "./part-loader-1.js"
            )
            .unwrap(),
            "import './part-loader-1.js'"
        );
        assert!(rename_reference("import './other.js'", "./__wasm_split.js", "x").is_err());
    }

    #[test]
    fn the_loader_is_preloaded_beside_the_glue_with_its_own_hash() {
        let html = "<link rel=stylesheet href=/assets/a.css>\
                    <link crossorigin href=/blog/assets/scrapbook-1.js integrity=sha384-G rel=modulepreload>\
                    <link as=fetch href=/blog/assets/scrapbook-1_bg.wasm integrity=sha384-W rel=preload>";
        let out = with_loader_preload(
            html,
            "scrapbook-1.js",
            "sha384-G",
            "part-loader-2.js",
            "sha384-L",
        )
        .unwrap();
        assert_eq!(
            out,
            "<link rel=stylesheet href=/assets/a.css>\
             <link crossorigin href=/blog/assets/scrapbook-1.js integrity=sha384-G rel=modulepreload>\
             <link crossorigin href=/blog/assets/part-loader-2.js integrity=sha384-L rel=modulepreload>\
             <link as=fetch href=/blog/assets/scrapbook-1_bg.wasm integrity=sha384-W rel=preload>"
        );
        // Trunk's output without the glue's preload stops the build.
        assert!(with_loader_preload(
            "<link href=/assets/scrapbook-1_bg.wasm rel=preload>",
            "scrapbook-1.js",
            "sha384-G",
            "part-loader-2.js",
            "sha384-L"
        )
        .is_err());
    }

    #[test]
    fn parts_are_named_by_their_content() {
        assert_eq!(short_hash(b"abc"), "ba7816bf8f01cfea");
        assert_ne!(short_hash(b"abc"), short_hash(b"abd"));
    }
}
