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

/// Why a build stopped.
#[derive(Debug, Error)]
pub enum BuildError {
    /// The content has a mistake the author must fix.
    #[error("{0}")]
    Content(#[from] ContentError),
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
}

/// The 1-based line of byte `offset` in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset.min(text.len()))
        .map_or(1, |before| before.matches('\n').count() + 1)
}
