//! Every input the fuzzer ever found failing, replayed, and a short fuzzing run of every
//! target, so that `cargo xtask test` keeps both true.

use std::path::Path;
use std::time::Duration;

use fuzz::run::fuzz;
use fuzz::targets::{replay_regressions, TARGETS};

fn root() -> &'static Path {
    // The fuzz crate's folder is crates/fuzz; its seeds and regressions are in the repository.
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .and_then(Path::parent)
        .unwrap_or(Path::new("."))
}

#[test]
fn every_saved_finding_now_passes() {
    let failures: Vec<String> = TARGETS
        .iter()
        .flat_map(|t| replay_regressions(root(), t))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_target_has_seeds_and_survives_a_short_run() {
    for target in TARGETS.iter() {
        let outcome = fuzz(target, root(), Duration::from_secs(2), None);
        assert!(outcome.seeds > 0, "{} has no seeds", target.name);
        assert!(outcome.executions > 0, "{} never ran", target.name);
        let found: Vec<_> = outcome.findings.iter().map(|f| &f.message).collect();
        assert!(found.is_empty(), "{}: {found:#?}", target.name);
    }
}

#[test]
fn a_broken_property_is_found_and_shrunk() {
    // A target that fails on any input holding `<`: the fuzzer must find one, and shrink
    // it to a single byte.
    static LOOKS_FOR_LT: fuzz::targets::Target = fuzz::targets::Target {
        name: "self-test",
        about: "fails on <",
        check: |input| {
            if input.contains(&b'<') {
                Err("found <".into())
            } else {
                Ok(())
            }
        },
        seeds: |_| vec![b"<p>x</p>".to_vec()],
    };
    let outcome = fuzz(&LOOKS_FOR_LT, root(), Duration::from_millis(500), None);
    assert_eq!(outcome.findings.len(), 1);
    assert_eq!(outcome.findings[0].input, b"<");
}
