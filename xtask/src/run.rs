//! Running commands and saying so.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (the folder holding Cargo.lock).
pub fn root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(Path::to_path_buf).unwrap_or(here)
}

/// Prints a step so the reader knows what is happening and why it may take a while.
pub fn say(message: &str) {
    println!("xtask: {message}");
}

/// Runs `cmd` to completion, failing with the command line if it does not succeed.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    let line = describe(cmd);
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    succeeded(&line, status)
}

/// `Ok` if the command `line` exited well, else the error naming it.
fn succeeded(line: &str, status: std::process::ExitStatus) -> Result<(), String> {
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// Tests counted from libtest's summaries (`test result: ok. N passed; M failed; …`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counted {
    pub passed: u64,
    pub failed: u64,
}

impl Counted {
    /// Adds the counts of one summary line, if `line` is one.
    pub fn add_line(&mut self, line: &str) {
        let Some(rest) = line.trim().strip_prefix("test result: ") else {
            return;
        };
        let number = |word: &str| {
            rest.split(';')
                .find_map(|part| {
                    part.trim()
                        .trim_start_matches("ok. ")
                        .trim_start_matches("FAILED. ")
                        .strip_suffix(word)
                })
                .and_then(|n| n.trim().parse::<u64>().ok())
                .unwrap_or(0)
        };
        self.passed += number(" passed");
        self.failed += number(" failed");
    }
}

/// Runs a `cargo test` command, echoing its output as it comes, and adds the tests it
/// reports to `counted`; fails as [`run`] does.
pub fn run_counting(cmd: &mut Command, counted: &mut Counted) -> Result<(), String> {
    use std::io::BufRead;
    let line = describe(cmd);
    let mut child = cmd
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    if let Some(out) = child.stdout.take() {
        for text in std::io::BufReader::new(out).lines().map_while(Result::ok) {
            println!("{text}");
            counted.add_line(&text);
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("`{line}` did not finish: {e}"))?;
    succeeded(&line, status)
}

/// The standard output of `cmd` if it runs and succeeds.
pub fn output(cmd: &mut Command) -> Option<String> {
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `program arg arg` for messages.
pub fn describe(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|a| a.to_string_lossy().into_owned()));
    parts.join(" ")
}

#[cfg(test)]
mod counting_tests {
    use super::Counted;

    #[test]
    fn counts_libtest_summaries_and_nothing_else() {
        let mut c = Counted::default();
        c.add_line("test result: ok. 63 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s");
        c.add_line(
            "test result: FAILED. 52 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out",
        );
        c.add_line("test a::b ... ok");
        c.add_line("running 3 tests");
        assert_eq!(
            c,
            Counted {
                passed: 115,
                failed: 1
            }
        );
    }
}
