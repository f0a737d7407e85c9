//! `bench/WASM.md`: where the wasm's bytes go. The main part of the release build's split
//! wasm (what every first visit runs), as wasm-bindgen left it, optimised as shipped
//! (`wasm-opt -Oz`) but with its function names kept (`-g`), and twiggy lists the 30 largest items by
//! retained size (`top`), the dominator tree (`dominators`) and the generic functions
//! whose copies cost most (`monos`).

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::run::{output, root, run, say};
use crate::tools::{self, Tools};

/// How many rows each table keeps.
const ROWS: &str = "30";
/// The widest line a table keeps, in characters: the release build's compiler mangles
/// names as `v0` (std_build.rs), which spells out every generic argument, so a name can
/// run to thousands of characters.
const WIDTH: usize = 180;

/// Optimises the release build's main part with its names kept and writes
/// `bench/WASM.md`; returns the optimised size in bytes.
pub fn profile(tools: &Tools) -> Result<u64, String> {
    let twiggy = tools::ensure_twiggy(&tools.path)?;
    say("profiling the wasm's size (its main part: wasm-opt -Oz -g, twiggy)");
    // The main part of the build just made (`cargo xtask build`): what a first visit runs.
    let bound = crate::split::bound_main_part();
    if !bound.is_file() {
        return Err(format!(
            "{} is missing: the release build did not split the wasm",
            bound.display()
        ));
    }
    let out = root().join("target/bench/wasm-profile");
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let named = out.join("named.wasm");
    let wasm_opt = root().join(".tools/node_modules/.bin/wasm-opt");
    run(Command::new(wasm_opt)
        .arg(&bound)
        // As the release build optimises it.
        .args(crate::glue::WASM_OPT_ARGS)
        .args([
            "-g",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "-o",
        ])
        .arg(&named))?;
    let size = fs::metadata(&named).map_err(|e| e.to_string())?.len();
    let table = |args: &[&str]| -> Result<String, String> {
        output(Command::new(&twiggy).args(args).arg(&named))
            .ok_or_else(|| format!("twiggy {} failed", args.join(" ")))
    };
    let top = table(&["top", "-n", ROWS, "--retained"])?;
    let dominators = table(&["dominators", "-d", "4", "-r", ROWS])?;
    let monos = table(&["monos", "-m", "10", "-n", ROWS])?;
    let text = format!(
        "# Where the wasm's bytes go\n\nWritten by `cargo xtask bench`: the main part of the release build's wasm (the archive, year, month and search pages, and the comment form, are split off into parts of their own), optimised as shipped (`wasm-opt -Oz`) with its names kept (`-g`), so {size} bytes here (the shipped module has no name section). Sizes are before compression.\n\n## The 30 largest items by retained size (`twiggy top --retained`)\n\n```\n{}\n```\n\n## The dominator tree, four levels deep (`twiggy dominators`)\n\n```\n{}\n```\n\n## Generic functions whose copies cost most (`twiggy monos`)\n\n```\n{}\n```\n",
        readable(&top),
        readable(&dominators),
        readable(&monos)
    );
    write(&root().join("bench/WASM.md"), &text)?;
    Ok(size)
}

/// twiggy's table with each crate's disambiguating hash taken out of its names
/// (`scrapbook[da5a1c8ab2862636]::app` reads `scrapbook::app`) and every line cut to
/// [`WIDTH`] characters, ending in `…` where it was cut.
fn readable(table: &str) -> String {
    table
        .trim_end()
        .lines()
        .map(|line| {
            let line = without_crate_hashes(line);
            if line.chars().count() <= WIDTH {
                line
            } else {
                let mut cut: String = line.chars().take(WIDTH - 1).collect();
                cut.push('…');
                cut
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `line` without the `[` sixteen hex digits `]` that `v0` demangling puts after a crate's name.
fn without_crate_hashes(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('[') {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        let hash = from
            .get(1..17)
            .filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        if hash.is_some() && from.as_bytes().get(17) == Some(&b']') {
            rest = &from[18..];
        } else {
            out.push('[');
            rest = &from[1..];
        }
    }
    out.push_str(rest);
    out
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_crate_hashes_and_nothing_else() {
        assert_eq!(
            without_crate_hashes("1 ┊ scrapbook[da5a1c8ab2862636]::app::<[u8; 4] as X>"),
            "1 ┊ scrapbook::app::<[u8; 4] as X>"
        );
        assert_eq!(without_crate_hashes("a[0123]b[xyz"), "a[0123]b[xyz");
    }

    #[test]
    fn long_lines_are_cut_to_the_width_and_short_ones_kept() {
        let long = format!("{}\n 12 ┊ short", "─".repeat(WIDTH + 50));
        let out = readable(&long);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0].chars().count(), WIDTH);
        assert!(lines[0].ends_with('…'));
        assert_eq!(lines[1], " 12 ┊ short");
    }
}
