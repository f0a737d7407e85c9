//! Paging the home page: "Newer Posts" and "Older Posts".

use std::ops::Range;

/// One page of a newest-first list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSlice {
    /// 1-based page number.
    pub page: usize,
    /// How many pages there are (at least 1, even for an empty blog).
    pub total_pages: usize,
    /// The positions in the list this page shows.
    pub range: Range<usize>,
}

impl PageSlice {
    /// The page of newer posts, if this is not the first page.
    pub fn newer(&self) -> Option<usize> {
        (self.page > 1).then(|| self.page - 1)
    }

    /// The page of older posts, if there is one.
    pub fn older(&self) -> Option<usize> {
        (self.page < self.total_pages).then(|| self.page + 1)
    }
}

/// The slice of `total` items that 1-based `page` shows at `per_page` a page, or `None` for a
/// page that does not exist. Page 1 always exists, so an empty blog has an empty first page.
pub fn paginate(total: usize, per_page: usize, page: usize) -> Option<PageSlice> {
    let per_page = per_page.max(1);
    let total_pages = total.div_ceil(per_page).max(1);
    if page == 0 || page > total_pages {
        return None;
    }
    let start = (page - 1) * per_page;
    Some(PageSlice {
        page,
        total_pages,
        range: start..(start + per_page).min(total),
    })
}

/// Reads the `?page=` query value: absent means page 1; anything but a positive whole
/// number is `None`.
pub fn parse_page_param(value: Option<&str>) -> Option<usize> {
    match value {
        None | Some("") => Some(1),
        Some(v) if v.bytes().all(|b| b.is_ascii_digit()) && v.len() <= 9 => {
            v.parse().ok().filter(|&n| n > 0)
        }
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_through_a_list() {
        let first = paginate(13, 5, 1).unwrap();
        assert_eq!((first.range.clone(), first.total_pages), (0..5, 3));
        assert_eq!((first.newer(), first.older()), (None, Some(2)));
        let last = paginate(13, 5, 3).unwrap();
        assert_eq!(last.range, 10..13);
        assert_eq!((last.newer(), last.older()), (Some(2), None));
        assert_eq!(paginate(10, 5, 2).unwrap().range, 5..10);
    }

    #[test]
    fn pages_that_do_not_exist() {
        assert_eq!(paginate(13, 5, 0), None);
        assert_eq!(paginate(13, 5, 4), None);
        assert_eq!(paginate(10, 5, 3), None);
        let empty = paginate(0, 5, 1).unwrap();
        assert_eq!((empty.range.clone(), empty.older()), (0..0, None));
        // A zero page size is treated as 1 rather than dividing by zero.
        assert_eq!(paginate(3, 0, 3).unwrap().range, 2..3);
    }

    #[test]
    fn reads_the_page_parameter() {
        assert_eq!(parse_page_param(None), Some(1));
        assert_eq!(parse_page_param(Some("")), Some(1));
        assert_eq!(parse_page_param(Some("3")), Some(3));
        for bad in ["0", "-1", "two", "1.5", " 2", "99999999999999999999"] {
            assert_eq!(parse_page_param(Some(bad)), None, "{bad}");
        }
    }
}
