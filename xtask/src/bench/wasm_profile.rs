//! `bench/WASM.md`: where the wasm's bytes go. The app is built as the release build is
//! (same profile, same `--cfg erase_components`, wasm-bindgen, `wasm-opt -Oz`) but with
//! its function names kept (`wasm-opt -g`), and twiggy lists the 30 largest items by
//! retained size (`top`), the dominator tree (`dominators`) and the generic functions
//! whose copies cost most (`monos`).

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::run::{output, root, run, say};
use crate::tools::{self, Tools};

/// How many rows each table keeps.
const ROWS: &str = "30";

/// Builds the named wasm and writes `bench/WASM.md`; returns the optimised size in bytes.
pub fn profile(tools: &Tools) -> Result<u64, String> {
    let twiggy = tools::ensure_twiggy(&tools.path)?;
    say("profiling the wasm's size (cargo build, wasm-bindgen, wasm-opt -Oz -g, twiggy)");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    run(Command::new(&cargo)
        .current_dir(root())
        .env("PATH", &tools.path)
        .args([
            "build",
            "--quiet",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "--package",
            "scrapbook",
            "--features",
            "browser",
        ]))?;
    let out = root().join("target/bench/wasm-profile");
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let built = root().join("target/wasm32-unknown-unknown/release/scrapbook.wasm");
    let bindgen = tools::which("wasm-bindgen", &tools.path).ok_or("wasm-bindgen is not on PATH")?;
    run(Command::new(bindgen)
        .arg(&built)
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(&out))?;
    let bound = out.join("scrapbook_bg.wasm");
    let named = out.join("named.wasm");
    let wasm_opt = root().join(".tools/node_modules/.bin/wasm-opt");
    run(Command::new(wasm_opt)
        .arg(&bound)
        .args([
            "-Oz",
            // As index.html asks of Trunk's wasm-opt (`data-wasm-opt-params`).
            "--converge",
            "--low-memory-unused",
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
        "# Where the wasm's bytes go\n\nWritten by `cargo xtask bench`: the release build of the app, optimised as shipped (`wasm-opt -Oz`) with its names kept (`-g`), so {size} bytes here (the shipped module has no name section). Sizes are before compression.\n\n## The 30 largest items by retained size (`twiggy top --retained`)\n\n```\n{}\n```\n\n## The dominator tree, four levels deep (`twiggy dominators`)\n\n```\n{}\n```\n\n## Generic functions whose copies cost most (`twiggy monos`)\n\n```\n{}\n```\n",
        top.trim_end(),
        dominators.trim_end(),
        monos.trim_end()
    );
    write(&root().join("bench/WASM.md"), &text)?;
    Ok(size)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
