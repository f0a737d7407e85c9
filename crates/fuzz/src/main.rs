//! `fuzz [--seconds N] [--target NAME]… [--root DIR] [--report FILE]`: fuzzes each target
//! (all by default) for N seconds (60 by default), saves what fails under
//! `crates/fuzz/regressions/`, and writes a Markdown report. `cargo xtask fuzz` runs it.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use fuzz::run::{fuzz, Outcome};
use fuzz::targets::{target, Target, TARGETS};

fn main() -> ExitCode {
    let mut seconds = 60u64;
    let mut chosen: Vec<&'static Target> = Vec::new();
    let mut root = PathBuf::from(".");
    let mut report: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        let ok = match (arg.as_str(), value) {
            ("--seconds", Some(v)) => v.parse().map(|s| seconds = s).is_ok(),
            ("--target", Some(v)) => target(&v).map(|t| chosen.push(t)).is_some(),
            ("--root", Some(v)) => {
                root = PathBuf::from(v);
                true
            }
            ("--report", Some(v)) => {
                report = Some(PathBuf::from(v));
                true
            }
            _ => false,
        };
        if !ok {
            let names: Vec<_> = TARGETS.iter().map(|t| t.name).collect();
            eprintln!(
                "fuzz: usage: fuzz [--seconds N] [--target NAME]… [--root DIR] [--report FILE]\n\
                 targets: {}",
                names.join(", ")
            );
            return ExitCode::FAILURE;
        }
    }
    if chosen.is_empty() {
        chosen = TARGETS.iter().collect();
    }
    let regressions = root.join("crates/fuzz/regressions");
    // A panic is a finding, reported with its input; the default hook would print each.
    std::panic::set_hook(Box::new(|_| {}));
    // The targets run side by side, one thread each: each is single-threaded.
    let outcomes: Vec<Outcome> = std::thread::scope(|scope| {
        let runs: Vec<_> = chosen
            .iter()
            .map(|t| {
                let (root, regressions) = (&root, &regressions);
                scope.spawn(move || {
                    eprintln!("fuzz: {} for {seconds} s", t.name);
                    fuzz(t, root, Duration::from_secs(seconds), Some(regressions))
                })
            })
            .collect();
        runs.into_iter().filter_map(|r| r.join().ok()).collect()
    });
    let text = markdown(&outcomes, seconds);
    print!("{text}");
    if let Some(path) = report {
        if let Err(e) = std::fs::write(&path, &text) {
            eprintln!("fuzz: could not write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    if outcomes.iter().any(|o| !o.findings.is_empty()) {
        eprintln!("fuzz: findings were saved under {}", regressions.display());
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

fn markdown(outcomes: &[Outcome], seconds: u64) -> String {
    let mut out = String::from(
        "# Fuzzing\n\nWritten by `cargo xtask fuzz`: property-based fuzzing with proptest on \
         stable Rust. Inputs are each target's seeds (sample content, test fixtures) with \
         random edits, plus random bytes; a failing input is shrunk and saved under \
         `crates/fuzz/regressions/TARGET/`, which the unit tests replay.\n\n",
    );
    out.push_str(&format!(
        "Run: {seconds} s per target, all targets side by side, on {} cores.\n\n",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    ));
    out.push_str(
        "| target | seeds | executions | per second | findings |\n|---|---:|---:|---:|---:|\n",
    );
    for o in outcomes {
        out.push_str(&format!(
            "| {} | {} | {} | {:.0} | {} |\n",
            o.target,
            o.seeds,
            o.executions,
            o.executions as f64 / o.elapsed.as_secs_f64().max(0.001),
            o.findings.len()
        ));
    }
    out.push_str("\n## What each target checks\n\n");
    for t in TARGETS.iter() {
        out.push_str(&format!("- **{}**: {}.\n", t.name, t.about));
    }
    out.push_str("\n## Findings\n\n");
    let findings: Vec<_> = outcomes
        .iter()
        .flat_map(|o| o.findings.iter().map(move |f| (o.target, f)))
        .collect();
    if findings.is_empty() {
        out.push_str("None in this run.\n");
    }
    for (target, f) in findings {
        let first = f.message.lines().next().unwrap_or("");
        let input: String = String::from_utf8_lossy(&f.input)
            .chars()
            .take(200)
            .collect();
        out.push_str(&format!(
            "- {target}: {first}\n  - input ({} bytes): `{}`\n  - saved as {}\n",
            f.input.len(),
            input.escape_debug(),
            f.saved
                .as_ref()
                .map_or("(not saved)".into(), |p| p.display().to_string())
        ));
    }
    out
}
