//! One module per route.

pub mod archive;
pub mod home;
pub mod label;
pub mod not_found;
pub mod post;
pub mod static_page;

/// A document title in Blogger's style: "Mediamum: A win for the little guy?".
pub fn document_title(blog_title: &str, page: &str) -> String {
    format!("{blog_title}: {page}")
}
