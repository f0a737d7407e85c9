//! The data model scrapbook's app and native tools share.
//!
//! Everything here is pure logic with no browser dependency, so it is unit-tested natively:
//! the JSON schema ([`schema`]), dates ([`date`]), permalinks and route paths ([`paths`]),
//! the archive tree ([`archive`]), paging ([`paging`]), and for comments: the draft store's
//! format and rules ([`drafts`]), the Isso server's answers ([`isso`]), comment text made
//! plain ([`comment_text`]) and comments sent by email ([`mailto`]).

pub mod archive;
pub mod comment_text;
pub mod date;
pub mod drafts;
pub mod isso;
pub mod mailto;
pub mod paging;
pub mod paths;
pub mod schema;

pub use archive::{label_counts, ArchiveMonth, ArchiveYear};
pub use date::{DateError, DateTime};
pub use paging::PageSlice;
pub use paths::PostPath;
pub use schema::{
    parse_index, parse_page, parse_post, parse_summaries, BlogListEntry, Comment, CommentSettings,
    Index, IndexParts, Page, PageLink, Post, PostSummary, SchemaError, Site, SCHEMA_VERSION,
};
