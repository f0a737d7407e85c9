//! The Blog Archive tree (years, then months, then posts) and label counts.

use std::collections::BTreeMap;

use crate::PostSummary;

/// One year of the archive, newest year first in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveYear {
    pub year: i32,
    /// Posts in the whole year.
    pub count: usize,
    /// Months with posts, newest first.
    pub months: Vec<ArchiveMonth>,
}

/// One month of the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveMonth {
    pub year: i32,
    pub month: u8,
    /// Indices into the post list given to [`group`], newest first.
    pub posts: Vec<usize>,
}

/// Groups posts by the year and month they were published (as written, in the blog's own
/// time zone, as Blogger does), newest first. Posts within a month are newest first too,
/// whatever order they come in.
pub fn group(posts: &[PostSummary]) -> Vec<ArchiveYear> {
    let mut tree: BTreeMap<i32, BTreeMap<u8, Vec<usize>>> = BTreeMap::new();
    for (i, post) in posts.iter().enumerate() {
        tree.entry(post.published.year)
            .or_default()
            .entry(post.published.month)
            .or_default()
            .push(i);
    }
    tree.into_iter()
        .rev()
        .map(|(year, months)| {
            let months: Vec<ArchiveMonth> = months
                .into_iter()
                .rev()
                .map(|(month, mut idx)| {
                    // Newest first; ties keep the given order.
                    idx.sort_by(|a, b| posts[*b].published.cmp(&posts[*a].published));
                    ArchiveMonth {
                        year,
                        month,
                        posts: idx,
                    }
                })
                .collect();
            ArchiveYear {
                year,
                count: months.iter().map(|m| m.posts.len()).sum(),
                months,
            }
        })
        .collect()
}

/// Every label with how many posts carry it, sorted by name without regard to case
/// (as Blogger's Labels widget lists them).
pub fn label_counts(posts: &[PostSummary]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for post in posts {
        for label in &post.labels {
            *counts.entry(label.clone()).or_default() += 1;
        }
    }
    let mut list: Vec<(String, usize)> = counts.into_iter().collect();
    list.sort_by_cached_key(|(name, _)| (name.to_lowercase(), name.clone()));
    list
}

/// The height the archive listing gives a post's row, in CSS pixels (and a loading
/// placeholder per row it stands for).
pub const ROW_PX: u32 = 28;
/// The height a month heading takes, in CSS pixels (an estimate until measured).
pub const MONTH_HEADING_PX: f64 = 40.0;
/// The height a year heading adds above its newest month.
pub const YEAR_HEADING_PX: f64 = 56.0;
/// The screen the listing's first months fill before anything is measured: the months a
/// prerendered `/archive` holds, those the app draws first, and so the month files that
/// page preloads.
pub const FIRST_SCREEN_PX: f64 = 1200.0;

/// One month of the whole-archive listing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListingMonth {
    pub year: i32,
    pub month: u8,
    /// Posts in the month.
    pub count: u32,
    /// Posts in its year, when it is the newest month of its year (which shows the year's
    /// heading); 0 otherwise.
    pub year_heading: u32,
}

impl ListingMonth {
    /// Its height before it has been drawn and measured: its heading (and its year's), and
    /// a row per post.
    pub fn estimate(&self) -> f64 {
        let year = if self.year_heading > 0 {
            YEAR_HEADING_PX
        } else {
            0.0
        };
        year + MONTH_HEADING_PX + f64::from(self.count * ROW_PX)
    }
}

/// Every month with posts, newest first, from the site file's per-month counts.
pub fn listing_months(archive: &[crate::schema::YearCounts]) -> Vec<ListingMonth> {
    let mut out = Vec::new();
    for year in archive {
        let mut first = true;
        for (month, count) in year.months_newest_first() {
            out.push(ListingMonth {
                year: year.year,
                month,
                count,
                year_heading: if first { year.total() } else { 0 },
            });
            first = false;
        }
    }
    out
}

/// Each month's estimated height, in the listing's order.
pub fn estimates(months: &[ListingMonth]) -> Vec<f64> {
    months.iter().map(ListingMonth::estimate).collect()
}

/// The listing's first months: those within [`FIRST_SCREEN_PX`] by their `estimates`.
pub fn first_screen(estimates: &[f64]) -> std::ops::Range<usize> {
    visible_range(estimates, 0.0, FIRST_SCREEN_PX)
}

/// Which items of a list stacked top to bottom with these `heights` overlap the band from
/// `top` to `bottom` (in the list's own coordinates): the range of items to draw. At least
/// one item is drawn when there are any, so that the list never renders empty.
pub fn visible_range(heights: &[f64], top: f64, bottom: f64) -> std::ops::Range<usize> {
    let n = heights.len();
    let mut y = 0.0;
    let mut start = None;
    for (i, h) in heights.iter().enumerate() {
        if y >= bottom {
            let start = start.unwrap_or(i.saturating_sub(1));
            return start..i.max(start + 1);
        }
        if start.is_none() && y + h > top {
            start = Some(i);
        }
        y += h;
    }
    let start = start.unwrap_or(n.saturating_sub(1));
    start..n
}

/// Where each item of [`visible_range`]'s list starts: `offsets[i]` is the height of the
/// items before `i`, and `offsets[n]` the whole list's.
pub fn offsets(heights: &[f64]) -> Vec<f64> {
    let mut y = 0.0;
    let mut out = Vec::with_capacity(heights.len() + 1);
    out.push(0.0);
    for h in heights {
        y += h;
        out.push(y);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DateTime;

    fn year(year: i32, months: [u32; 12]) -> crate::schema::YearCounts {
        crate::schema::YearCounts { year, months }
    }

    #[test]
    fn the_listing_has_each_month_with_posts_newest_first_and_a_year_heading_on_its_newest() {
        let mut m2009 = [0; 12];
        m2009[3] = 5; // April
        m2009[0] = 2; // January
        let mut m2008 = [0; 12];
        m2008[11] = 1;
        let months = listing_months(&[year(2009, m2009), year(2008, m2008)]);
        let got: Vec<(i32, u8, u32, u32)> = months
            .iter()
            .map(|m| (m.year, m.month, m.count, m.year_heading))
            .collect();
        assert_eq!(got, [(2009, 4, 5, 7), (2009, 1, 2, 0), (2008, 12, 1, 1)]);
        // Year heading, month heading, a row per post.
        assert_eq!(months[0].estimate(), 56.0 + 40.0 + 5.0 * 28.0);
        assert_eq!(months[1].estimate(), 40.0 + 2.0 * 28.0);
    }

    #[test]
    fn the_first_screen_holds_the_months_that_start_within_it_and_at_least_one() {
        // 30 posts a month: 40 + 840 = 880 px a month (936 with a year heading), so the
        // second month starts at 936 px, within 1,200, and the third at 1,816, beyond.
        let months = listing_months(&[year(2027, [30; 12])]);
        assert_eq!(first_screen(&estimates(&months)), 0..2);
        // A month taller than the screen is drawn alone.
        let months = listing_months(&[year(2027, [100; 12])]);
        assert_eq!(first_screen(&estimates(&months)), 0..1);
        // Small months: every one that starts within the first screen.
        let months = listing_months(&[year(2027, [1; 12]), year(2026, [1; 12])]);
        let heights = estimates(&months);
        let range = first_screen(&heights);
        let before_last: f64 = heights[..range.end - 1].iter().sum();
        let through_last: f64 = heights[..range.end].iter().sum();
        assert!(before_last < FIRST_SCREEN_PX && through_last >= FIRST_SCREEN_PX);
        assert!(listing_months(&[]).is_empty());
        assert_eq!(first_screen(&estimates(&[])), 0..0);
    }

    fn post(date: &str, labels: &[&str]) -> PostSummary {
        PostSummary {
            permalink: format!("/{}/{}/p.html", &date[..4], &date[5..7]),
            title: date.to_string(),
            published: DateTime::parse(date).unwrap(),
            labels: labels.iter().map(|s| s.to_string()).collect(),
            excerpt: String::new(),
            comments: 0,
        }
    }

    #[test]
    fn groups_by_year_and_month_newest_first() {
        let posts = vec![
            post("2011-03-01T10:00:00Z", &[]),
            post("2009-04-18T09:12:00+10:00", &[]),
            post("2011-03-20T10:00:00Z", &[]),
            post("2010-12-31T23:00:00Z", &[]),
            post("2009-05-01T10:00:00Z", &[]),
        ];
        let tree = group(&posts);
        type Shape = Vec<(i32, usize, Vec<(u8, Vec<usize>)>)>;
        let shape: Shape = tree
            .iter()
            .map(|y| {
                (
                    y.year,
                    y.count,
                    y.months
                        .iter()
                        .map(|m| (m.month, m.posts.clone()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                (2011, 2, vec![(3, vec![2, 0])]),
                (2010, 1, vec![(12, vec![3])]),
                (2009, 2, vec![(5, vec![4]), (4, vec![1])]),
            ]
        );
    }

    #[test]
    fn groups_by_the_written_date_not_utc() {
        // 1 May at 09:00 in Sydney is still 30 April in UTC: it belongs to May.
        let tree = group(&[post("2009-05-01T09:00:00+10:00", &[])]);
        assert_eq!(tree[0].months[0].month, 5);
    }

    #[test]
    fn draws_what_overlaps_the_band() {
        let h = [100.0; 10];
        assert_eq!(visible_range(&h, 0.0, 250.0), 0..3);
        assert_eq!(visible_range(&h, 150.0, 250.0), 1..3);
        assert_eq!(visible_range(&h, 200.0, 300.0), 2..3);
        assert_eq!(visible_range(&h, -500.0, 50.0), 0..1);
        // Past the end: the last item, never nothing.
        assert_eq!(visible_range(&h, 5000.0, 6000.0), 9..10);
        assert_eq!(visible_range(&h, 950.0, 2000.0), 9..10);
        assert_eq!(visible_range(&[], 0.0, 100.0), 0..0);
        let mixed = [10.0, 500.0, 10.0, 10.0];
        assert_eq!(visible_range(&mixed, 20.0, 30.0), 1..2);
        assert_eq!(offsets(&mixed), vec![0.0, 10.0, 510.0, 520.0, 530.0]);
    }

    #[test]
    fn empty_blog_has_an_empty_archive() {
        assert!(group(&[]).is_empty());
        assert!(label_counts(&[]).is_empty());
    }

    #[test]
    fn counts_labels_case_insensitively_sorted() {
        let posts = vec![
            post("2009-04-18T09:12:00Z", &["twitter", "Family"]),
            post("2009-04-19T09:12:00Z", &["twitter", "blogging"]),
        ];
        assert_eq!(
            label_counts(&posts),
            vec![
                ("blogging".to_string(), 1),
                ("Family".to_string(), 1),
                ("twitter".to_string(), 2)
            ]
        );
    }
}
