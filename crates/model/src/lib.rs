//! The data model scrapbook's app and native tools share.
//!
//! Everything here is pure logic with no browser dependency, so it is unit-tested natively:
//! the JSON schema ([`schema`]), dates ([`date`]), permalinks and route paths ([`paths`]),
//! the archive tree ([`archive`]) and paging ([`paging`]).

pub mod archive;
pub mod date;
pub mod paging;
pub mod paths;
pub mod schema;

pub use archive::{label_counts, ArchiveMonth, ArchiveYear};
pub use date::{DateError, DateTime};
pub use paging::PageSlice;
pub use paths::PostPath;
pub use schema::{
    parse_index, parse_page, parse_post, BlogListEntry, Comment, Index, Page, PageLink, Post,
    PostSummary, SchemaError, Site, SCHEMA_VERSION,
};
