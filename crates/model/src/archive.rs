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
