//! Running a target for a while: batches of proptest cases until the time is up, each
//! failure shrunk and kept.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};

use crate::mutate::inputs;
use crate::targets::Target;

/// How many cases a batch runs before the clock is looked at again.
const BATCH: u32 = 2_000;

/// One input that broke a property, after shrinking.
#[derive(Debug, Clone)]
pub struct Finding {
    pub message: String,
    pub input: Vec<u8>,
    /// Where it was saved, for a regression test.
    pub saved: Option<PathBuf>,
}

/// What a run did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub target: &'static str,
    pub seeds: usize,
    pub executions: u64,
    pub elapsed: Duration,
    pub findings: Vec<Finding>,
}

/// Fuzzes `target` for `time`, with seeds from the repository at `root`. Findings are
/// saved under `save_to/TARGET/` when it is given.
pub fn fuzz(
    target: &'static Target,
    root: &Path,
    time: Duration,
    save_to: Option<&Path>,
) -> Outcome {
    let seeds = (target.seeds)(root);
    let seed_count = seeds.len();
    let strategy = inputs(seeds);
    let executions = AtomicU64::new(0);
    let started = Instant::now();
    let mut findings: Vec<Finding> = Vec::new();
    let mut batch = 0u32;
    while started.elapsed() < time {
        batch += 1;
        let config = Config {
            cases: BATCH,
            failure_persistence: None,
            max_shrink_iters: 2_000,
            max_shrink_time: 20_000,
            ..Config::default()
        };
        let mut runner = TestRunner::new_with_rng(
            config,
            proptest::test_runner::TestRng::from_seed(
                proptest::test_runner::RngAlgorithm::ChaCha,
                &seed_bytes(target.name, batch, started),
            ),
        );
        let result = runner.run(&strategy, |input| {
            executions.fetch_add(1, Ordering::Relaxed);
            (target.check)(&input).map_err(TestCaseError::fail)
        });
        if let Err(TestError::Fail(reason, input)) = result {
            let message = reason.to_string();
            let input = minimize(target.check, input, &first_line(&message));
            // One finding per kind of failure: the first line says what broke.
            let kind = first_line(&message).to_string();
            if !findings.iter().any(|f| first_line(&f.message) == kind) {
                let saved = save_to.and_then(|dir| save(dir, target.name, &input));
                findings.push(Finding {
                    message,
                    input,
                    saved,
                });
            }
        }
    }
    Outcome {
        target: target.name,
        seeds: seed_count,
        executions: executions.into_inner(),
        elapsed: started.elapsed(),
        findings,
    }
}

/// What kind of failure a message reports: its first three words ("sanitizing twice
/// changed", "the error names"), without the details that vary with the input.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or("");
    line.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Removes what `input` does not need to fail the same way (the same kind of message,
/// or a panic again): halves, then quarters, down to single bytes. proptest's
/// shrinking cannot cut into a seed; this can.
fn minimize(check: fn(&[u8]) -> Result<(), String>, input: Vec<u8>, kind: &str) -> Vec<u8> {
    let fails_alike = |candidate: &[u8]| match std::panic::catch_unwind(|| check(candidate)) {
        Ok(Ok(())) => false,
        Ok(Err(m)) => first_line(&m) == kind,
        Err(_) => kind.contains("panicked"),
    };
    let mut best = input;
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut chunk = best.len().div_ceil(2).max(1);
    loop {
        let mut at = 0;
        while at < best.len() && Instant::now() < deadline {
            let end = (at + chunk).min(best.len());
            let mut candidate = best[..at].to_vec();
            candidate.extend_from_slice(&best[end..]);
            if fails_alike(&candidate) {
                best = candidate;
            } else {
                at = end;
            }
        }
        if chunk == 1 || Instant::now() >= deadline {
            return best;
        }
        chunk = chunk.div_ceil(2);
    }
}

/// A different random stream for every batch of every run.
fn seed_bytes(name: &str, batch: u32, started: Instant) -> [u8; 32] {
    let mut seed = [0u8; 32];
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
        ^ started.elapsed().as_nanos();
    seed[..16].copy_from_slice(&nanos.to_le_bytes());
    seed[16..20].copy_from_slice(&batch.to_le_bytes());
    for (i, b) in name.bytes().take(12).enumerate() {
        seed[20 + i] = b;
    }
    seed
}

/// Saves a failing input as `dir/TARGET/NNN.bin`; its path.
fn save(dir: &Path, target: &str, input: &[u8]) -> Option<PathBuf> {
    let dir = dir.join(target);
    std::fs::create_dir_all(&dir).ok()?;
    let n = std::fs::read_dir(&dir).map_or(0, |d| d.count());
    let path = dir.join(format!("found-{n:03}.bin"));
    std::fs::write(&path, input).ok()?;
    Some(path)
}
