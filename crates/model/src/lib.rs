//! The data model scrapbook's app and native tools share.
//!
//! Everything here is pure logic with no browser dependency, so it is unit-tested natively:
//! the JSON schema ([`schema`]) and its split by route ([`shards`]), the route table
//! ([`route`]), dates ([`date`]), permalinks and route paths ([`paths`]),
//! the archive tree ([`archive`]), paging ([`paging`]), and for comments: the draft store's
//! format and rules ([`drafts`]), the Isso server's answers ([`isso`]), comment text made
//! plain ([`comment_text`]) and comments sent by email ([`mailto`]); and the search
//! address and Pagefind's excerpts ([`search`]); counts and escaping ([`text`]); the wasm's split-off parts by name ([`wasm_parts`]).

pub mod archive;
pub mod comment_text;
pub mod date;
pub mod drafts;
pub mod isso;
pub mod mailto;
pub mod paging;
pub mod paths;
pub mod route;
pub mod schema;
pub mod search;
pub mod shards;
pub mod text;
pub mod wasm_parts;

pub use archive::{label_counts, ArchiveMonth, ArchiveYear};
pub use date::{DateError, DateTime};
pub use paging::PageSlice;
pub use paths::PostPath;
pub use route::Route;
pub use schema::{
    link_neighbours, parse_list, parse_page, parse_post, parse_site, BlogListEntry, Comment,
    CommentSettings, Index, LabelCount, ListFile, Neighbour, Page, PageLink, Post, PostSummary,
    SchemaError, Site, SiteFile, YearCounts, SCHEMA_VERSION,
};
