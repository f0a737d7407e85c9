//! press: scrapbook's content compiler.
//!
//! `content/` (site.toml, posts/*.md with their comments, pages/*.md) goes in; the
//! schema-v1 JSON the app reads comes out under `data/`. Every mistake in the content
//! stops the build with its file, line and reason, before anything is written.

pub mod blogger;
pub mod comments;
pub mod compile;
pub mod error;
pub mod front_matter;
pub mod output;
pub mod render;
pub mod sanitize;
pub mod site_config;

pub use compile::{compile, Compiled};
pub use error::{BuildError, ContentError};

use std::path::Path;

/// Compiles `content` and writes its data under `out/data`, replacing what was there only
/// once everything has compiled and been written.
pub fn build(content: &Path, out: &Path) -> Result<Compiled, BuildError> {
    let compiled = compile(content)?;
    output::write_data(out, &compiled.files())?;
    Ok(compiled)
}
