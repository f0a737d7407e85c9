//! Errors that point at the content file and line to fix.

use std::fmt;
use std::path::{Path, PathBuf};

use thiserror::Error;

/// A problem in the author's content: where it is and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct ContentError {
    pub file: PathBuf,
    /// 1-based line number; 0 when the problem is the file as a whole.
    pub line: usize,
    pub reason: String,
}

impl ContentError {
    /// A problem at `line` of `file`.
    pub fn at(file: &Path, line: usize, reason: impl Into<String>) -> Self {
        ContentError {
            file: file.to_path_buf(),
            line,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.reason)
        } else {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.reason)
        }
    }
}

/// Why a build stopped, by whose mistake: the author's content, the app's own files, a
/// rendering bug, Pagefind, or the disk.
#[derive(Debug, Error)]
pub enum BuildError {
    /// The content has a mistake the author must fix.
    #[error("{0}")]
    Content(#[from] ContentError),
    /// A file of the app's build that press works from (Trunk's index.html, the favicon)
    /// cannot be used: the app's build is at fault, not the content.
    #[error("{}: {reason} (a file of the app's build, not of the content)", file.display())]
    Template { file: PathBuf, reason: String },
    /// Rendering a route's page failed: a bug in the app's components, not in the content.
    #[error("rendering the pages failed: {0}")]
    Render(String),
    /// Pagefind could not build the search index.
    #[error("the search index could not be built: {0}")]
    Search(String),
    /// The disk failed us: a file could not be read or written.
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
}

impl BuildError {
    /// Wraps an I/O error with what we were doing and to which path.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        BuildError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }

    /// A file of the app's build that press cannot use, and why.
    pub fn template(file: &Path, reason: impl Into<String>) -> Self {
        BuildError::Template {
            file: file.to_path_buf(),
            reason: reason.into(),
        }
    }
}

/// A build that stopped, with what it had already written: the output folder is unchanged
/// only when `written` is empty.
#[derive(Debug, Error)]
#[error("{error}")]
pub struct BuildFailure {
    pub error: BuildError,
    /// The parts of the output replaced before the error, in the order written.
    pub written: Vec<&'static str>,
}

impl BuildFailure {
    /// What is on disk now, as a sentence for the author.
    pub fn outcome(&self) -> String {
        match self.written.as_slice() {
            [] => "nothing was written; the previous output is unchanged".to_string(),
            parts => format!(
                "{} had already been written, so the output mixes this build with the previous one: fix the error and build again",
                parts.join(", ")
            ),
        }
    }
}

impl From<BuildError> for BuildFailure {
    fn from(error: BuildError) -> Self {
        BuildFailure {
            error,
            written: Vec::new(),
        }
    }
}

impl From<ContentError> for BuildFailure {
    fn from(error: ContentError) -> Self {
        BuildError::Content(error).into()
    }
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map_or(1, |before| before.matches('\n').count() + 1)
}
