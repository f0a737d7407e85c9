//! The parts the release wasm is split into, told apart by their file names, and which of
//! them go with the routes drawn by the split-off pages ([`crate::Route::in_split_part`]).
//!
//! One rule for press, which preloads those parts on the pages that draw them, and for the
//! benchmark, which counts them in those pages' first visit: a page that preloaded a part
//! it never uses earns a browser warning, and a count that left one out would flatter it.

/// How every part's file name starts in `assets/` (`cargo xtask post-build` names them
/// `part-NAME-HASH.wasm`, and its loader `part-loader-HASH.js`).
pub const PART_PREFIX: &str = "part-";

/// Which split-off part of the wasm a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WasmPart {
    /// `part-split_pages-HASH.wasm`: the archive, year, month and search pages.
    Pages,
    /// `part-chunk_N-HASH.wasm`: code two parts share, loaded with either. It goes with
    /// the pages' part, which a first visit may need; the other parts come after it.
    Shared,
    /// Any other part, such as `part-split_comments-HASH.wasm`, the comment form, which
    /// the app asks for once a post is drawn, never with a page's first bytes.
    Other,
}

impl WasmPart {
    /// The part the file `name` (a bare file name, as in `assets/`) is, or `None` for a
    /// file that is no part: the main wasm, the glue, the parts' loader.
    pub fn of(name: &str) -> Option<WasmPart> {
        let file = name.strip_prefix(PART_PREFIX)?;
        if !file.ends_with(".wasm") {
            return None;
        }
        Some(if file.starts_with("split_pages-") {
            WasmPart::Pages
        } else if file.starts_with("chunk_") {
            WasmPart::Shared
        } else {
            WasmPart::Other
        })
    }

    /// Whether a page whose route is drawn by the split-off pages needs this part before
    /// it can be an app: the pages' part and the chunk it shares.
    pub fn goes_with_split_pages(self) -> bool {
        matches!(self, WasmPart::Pages | WasmPart::Shared)
    }
}

#[cfg(test)]
mod tests {
    use super::WasmPart;

    #[test]
    fn parts_are_told_apart_by_their_names() {
        let cases = [
            (
                "part-split_pages-96a4c84d05a39997.wasm",
                Some(WasmPart::Pages),
            ),
            ("part-chunk_3-3f7c23638af27391.wasm", Some(WasmPart::Shared)),
            (
                "part-split_comments-e5697291e7c14013.wasm",
                Some(WasmPart::Other),
            ),
            // The loader comes with the glue, and the main part is no part.
            ("part-loader-f904ca70e59199ed.js", None),
            ("scrapbook-a12e2834b7d51509_bg.wasm", None),
            // A path is not a file name.
            ("assets/part-split_pages-96a4c84d05a39997.wasm", None),
        ];
        for (name, part) in cases {
            assert_eq!(WasmPart::of(name), part, "{name}");
        }
    }

    #[test]
    fn only_the_pages_part_and_its_shared_chunk_go_with_the_split_pages() {
        assert!(WasmPart::Pages.goes_with_split_pages());
        assert!(WasmPart::Shared.goes_with_split_pages());
        assert!(!WasmPart::Other.goes_with_split_pages());
    }
}
