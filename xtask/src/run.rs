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
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
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
