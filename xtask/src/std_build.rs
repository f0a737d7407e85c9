//! The release wasm's standard library built from source, for size (bench/LEVERS.md).
//!
//! The precompiled `std` of the wasm32 target carries what a browser app never uses:
//! panic messages with the file and line of every `unwrap`, and code tuned for speed.
//! Rebuilt with the app (`-Zbuild-std`), panics abort at once
//! (`-Cpanic=immediate-abort`), no panic location is kept (`-Zlocation-detail=none`)
//! and `std` picks its smaller algorithms (`optimize_for_size`): about 20 KB less brotli.
//!
//! Those are unstable flags. The toolchain is pinned (rust-toolchain.toml), and its
//! `rust-src` component is the `std` they build, so `RUSTC_BOOTSTRAP=1` lets this exact
//! compiler take them without a second, nightly toolchain; a toolchain bump that changes
//! them fails the build loudly rather than changing the output quietly.
//!
//! The variables are set only for the release build Trunk runs. Trunk's post-build hook
//! inherits them and must not pass them on to the native builds it starts (Trunk.toml),
//! where `-Zbuild-std` would rebuild `std` for the host as well.

use std::process::Command;

use crate::split;

/// What a wasm32 release build adds to the split's own flags.
const UNSTABLE_RUSTFLAGS: &str =
    "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none";

/// Every variable [`apply`] sets, for the hook that clears them.
pub const VARS: [&str; 3] = [
    "RUSTC_BOOTSTRAP",
    "CARGO_UNSTABLE_BUILD_STD",
    "CARGO_UNSTABLE_BUILD_STD_FEATURES",
];

/// Sets up `trunk build --release` to compile the wasm and its `std` as described above.
pub fn apply(trunk: &mut Command) -> &mut Command {
    trunk
        .env(VARS[0], "1")
        .env(VARS[1], "std,panic_abort")
        .env(VARS[2], "optimize_for_size")
        .env(
            split::RUSTFLAGS_VAR,
            format!("{} {UNSTABLE_RUSTFLAGS}", split::RUSTFLAGS),
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(cmd: &Command, name: &str) -> Option<String> {
        cmd.get_envs()
            .find(|(k, _)| *k == name)
            .and_then(|(_, v)| v)
            .map(|v| v.to_string_lossy().into_owned())
    }

    #[test]
    fn the_release_build_keeps_the_split_flags_and_adds_the_std_build() {
        let mut cmd = Command::new("trunk");
        apply(&mut cmd);
        let flags = env_of(&cmd, split::RUSTFLAGS_VAR).unwrap_or_default();
        assert!(flags.starts_with(split::RUSTFLAGS), "{flags}");
        assert!(flags.contains("-Cpanic=immediate-abort"), "{flags}");
        assert_eq!(
            env_of(&cmd, "CARGO_UNSTABLE_BUILD_STD").as_deref(),
            Some("std,panic_abort")
        );
        assert_eq!(env_of(&cmd, "RUSTC_BOOTSTRAP").as_deref(), Some("1"));
    }

    #[test]
    fn the_post_build_hook_clears_every_variable_it_would_inherit() {
        let trunk_toml = include_str!("../../Trunk.toml");
        for var in VARS {
            assert!(
                trunk_toml.contains(&format!("\"-u\", \"{var}\"")),
                "Trunk.toml's post-build hook does not clear {var}"
            );
        }
    }
}
