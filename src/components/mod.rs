//! Pieces that pages are built from.

pub mod archive_listing;
pub mod comments;
pub mod error_notice;
#[cfg(scrapbook_split)]
pub mod from_part;
pub mod layout;
pub mod link;
pub mod loaded;
pub mod pager;
pub mod post_link;
pub mod post_list;
pub mod post_view;
pub mod sidebar;
pub mod update_banner;
