//! The blog split by what each route needs (see [`crate::schema`]): press writes these
//! files and renders its pages from them, and [`route_data_files`] says which of them a
//! route's first visit needs, for the preloads.

use std::collections::{BTreeMap, HashSet};

use crate::archive::label_counts;
use crate::paths::{
    home_data_file, label_data_file, month_data_file, page_data_file, slugify, SITE_DATA_FILE,
};
use crate::route::Route;
use crate::schema::{Index, LabelCount, ListFile, PostSummary, SiteFile, YearCounts};
use crate::SCHEMA_VERSION;

/// How many posts one page of a label's list holds.
pub const LABEL_PAGE_SIZE: usize = 50;

/// Every list file of the blog, with the site file.
#[derive(Debug, Clone, PartialEq)]
pub struct Shards {
    pub site: SiteFile,
    /// Home pages 2 and on: (page, list).
    pub home: Vec<(usize, ListFile)>,
    /// Each month with posts: ((year, month), list), newest first.
    pub months: Vec<((i32, u8), ListFile)>,
    /// Each page of each label: (key, page, list).
    pub labels: Vec<(String, usize, ListFile)>,
}

/// A page of a newest-first list.
fn list(posts: &[PostSummary], page: usize, per_page: usize) -> ListFile {
    let per_page = per_page.max(1);
    let pages = posts.len().div_ceil(per_page).max(1);
    let start = ((page - 1) * per_page).min(posts.len());
    let end = (start + per_page).min(posts.len());
    ListFile {
        schema: SCHEMA_VERSION,
        page: page as u32,
        pages: pages as u32,
        total: posts.len() as u32,
        posts: posts[start..end].to_vec(),
    }
}

/// Each label's folder name under `data/labels/`: its slug, or `label` for one with no
/// Latin letters or digits (東京), with `-2`, `-3`... when two labels would share one.
/// `names` must be in a fixed order (the Labels widget's), so that keys never move.
pub fn label_keys(names: &[String]) -> Vec<String> {
    let mut taken = HashSet::new();
    names
        .iter()
        .map(|name| {
            let slug = slugify(name);
            let stem = if slug.is_empty() {
                "label".to_string()
            } else {
                slug
            };
            let mut key = stem.clone();
            let mut n = 1;
            while !taken.insert(key.clone()) {
                n += 1;
                key = format!("{stem}-{n}");
            }
            key
        })
        .collect()
}

/// Splits the blog: the site file, the home pages, the months and the labels' pages.
pub fn split(index: &Index) -> Shards {
    let posts = &index.posts;
    let per_page = index.site.posts_per_page.max(1);

    let mut by_month: BTreeMap<(i32, u8), Vec<PostSummary>> = BTreeMap::new();
    for post in posts {
        by_month
            .entry((post.published.year, post.published.month))
            .or_default()
            .push(post.clone());
    }
    let mut archive: Vec<YearCounts> = Vec::new();
    let mut months = Vec::with_capacity(by_month.len());
    for ((year, month), mut list_posts) in by_month.into_iter().rev() {
        // Newest first within the month too, whatever order the list came in.
        list_posts.sort_by_key(|p| std::cmp::Reverse(p.published));
        if archive.last().is_none_or(|y| y.year != year) {
            archive.push(YearCounts {
                year,
                months: [0; 12],
            });
        }
        if let Some(y) = archive.last_mut() {
            y.months[usize::from(month - 1)] = list_posts.len() as u32;
        }
        let total = list_posts.len();
        months.push(((year, month), list(&list_posts, 1, total)));
    }

    let counts = label_counts(posts);
    let names: Vec<String> = counts.iter().map(|(n, _)| n.clone()).collect();
    let keys = label_keys(&names);
    let mut labels = Vec::new();
    let mut label_table = Vec::with_capacity(counts.len());
    for ((name, count), key) in counts.into_iter().zip(keys) {
        let with: Vec<PostSummary> = index.with_label(&name).cloned().collect();
        let pages = with.len().div_ceil(LABEL_PAGE_SIZE).max(1);
        for page in 1..=pages {
            labels.push((key.clone(), page, list(&with, page, LABEL_PAGE_SIZE)));
        }
        label_table.push(LabelCount {
            name,
            count: count as u32,
            key,
        });
    }

    let home_pages = posts.len().div_ceil(per_page).max(1);
    let home = (2..=home_pages)
        .map(|page| (page, list(posts, page, per_page)))
        .collect();
    Shards {
        site: SiteFile {
            schema: SCHEMA_VERSION,
            site: index.site.clone(),
            archive,
            labels: label_table,
            home: posts[..per_page.min(posts.len())].to_vec(),
        },
        home,
        months,
        labels,
    }
}

impl Shards {
    /// Every list file with its path under the site folder, the site file first.
    pub fn files(&self) -> Vec<(String, &dyn erased::Json)> {
        let mut files: Vec<(String, &dyn erased::Json)> =
            vec![(SITE_DATA_FILE.to_string(), &self.site)];
        files.extend(
            self.home
                .iter()
                .map(|(page, list)| (home_data_file(*page), list as &dyn erased::Json)),
        );
        files.extend(
            self.months
                .iter()
                .map(|((y, m), list)| (month_data_file(*y, *m), list as &dyn erased::Json)),
        );
        files.extend(
            self.labels
                .iter()
                .map(|(key, page, list)| (label_data_file(key, *page), list as &dyn erased::Json)),
        );
        files
    }
}

/// Files written as JSON, whatever their type.
pub mod erased {
    /// A value press writes as a JSON file.
    pub trait Json {
        /// The value as JSON text.
        fn to_json(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn to_json(&self) -> String {
            // Plain structs of strings and numbers always serialize.
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

/// The data files a first visit to `route` needs, paths relative to the site folder:
/// always the site file, then what the route's own content shows. (A paged home or label
/// route's page is known only from the address, so these are its first page's.)
pub fn route_data_files(site: &SiteFile, route: &Route) -> Vec<String> {
    let mut files = vec![SITE_DATA_FILE.to_string()];
    match route {
        Route::Home { page: 1 } => files.extend(
            site.home
                .iter()
                .filter_map(|p| p.path().map(|path| path.data_file())),
        ),
        Route::Home { page } => files.push(home_data_file(*page)),
        Route::Post(post) => files.push(post.data_file()),
        // The archive opens on its newest months: as many as fill its first screen, which
        // the app draws before it has measured anything.
        Route::Archive => {
            let months = crate::archive::listing_months(&site.archive);
            let first = crate::archive::first_screen(&crate::archive::estimates(&months));
            files.extend(
                months[first]
                    .iter()
                    .map(|m| month_data_file(m.year, m.month)),
            )
        }
        Route::Year(year) => files.extend(
            site.archive
                .iter()
                .filter(|y| y.year == *year)
                .flat_map(|y| y.months_newest_first())
                .map(|(m, _)| month_data_file(*year, m)),
        ),
        Route::Month(y, m) if site.count_in(*y, Some(*m)) > 0 => {
            files.push(month_data_file(*y, *m))
        }
        Route::Label { name, page } => {
            if let Some(label) = site.label(name) {
                files.push(label_data_file(&label.key, *page));
            }
        }
        Route::Page(slug) if site.site.pages.iter().any(|p| &p.slug == slug) => {
            files.push(page_data_file(slug))
        }
        Route::Month(..) | Route::Page(_) | Route::Search(_) | Route::NotFound => {}
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Site;
    use crate::{DateTime, PostPath};

    fn summary(date: &str, n: usize, labels: &[&str]) -> PostSummary {
        PostSummary {
            permalink: format!("/{}/{}/p{n}.html", &date[..4], &date[5..7]),
            title: format!("Post {n}"),
            published: DateTime::parse(date).unwrap(),
            labels: labels.iter().map(|s| s.to_string()).collect(),
            excerpt: String::new(),
            comments: 0,
        }
    }

    fn site(per_page: usize) -> Site {
        Site {
            title: "Blog".into(),
            base_url: String::new(),
            description: String::new(),
            author: "A".into(),
            copyright: String::new(),
            about: String::new(),
            posts_per_page: per_page,
            blog_list: Vec::new(),
            pages: Vec::new(),
            comments: Default::default(),
        }
    }

    /// `n` posts, one a day going back from 2011-03-28, newest first.
    fn blog(n: usize, per_page: usize) -> Index {
        let posts = (0..n)
            .map(|i| {
                // Months back from March 2011, 28 posts in each.
                let back = (i / 28) as i64;
                let (year, month) = (
                    2011 - (12 - 3 + back) / 12,
                    (3 - 1 - back).rem_euclid(12) + 1,
                );
                let day = 28 - (i % 28) as i64;
                let labels: &[&str] = if i % 2 == 0 {
                    &["even", "all"]
                } else {
                    &["all"]
                };
                summary(
                    &format!("{year}-{month:02}-{day:02}T10:00:00+10:00"),
                    i,
                    labels,
                )
            })
            .collect();
        Index {
            site: site(per_page),
            posts,
        }
    }

    #[test]
    fn the_site_file_holds_counts_and_the_first_page_only() {
        let shards = split(&blog(100, 5));
        let site = &shards.site;
        assert_eq!(site.total_posts(), 100);
        assert_eq!(site.home.len(), 5);
        assert_eq!(site.home[0].title, "Post 0");
        // 28 posts a month from March 2011 back: Mar, Feb, Jan 2011, then Dec 2010 (16).
        assert_eq!(
            site.months().collect::<Vec<_>>(),
            vec![(2011, 3, 28), (2011, 2, 28), (2011, 1, 28), (2010, 12, 16)]
        );
        assert_eq!(
            site.labels
                .iter()
                .map(|l| (l.name.as_str(), l.count, l.key.as_str()))
                .collect::<Vec<_>>(),
            vec![("all", 100, "all"), ("even", 50, "even")]
        );
        // It does not grow with the posts, beyond the month table.
        let big = split(&blog(1000, 5)).site;
        assert_eq!(big.home.len(), 5);
        assert_eq!(big.labels.len(), 2);
    }

    #[test]
    fn lists_are_paged_and_hold_every_post_once() {
        let index = blog(123, 5);
        let shards = split(&index);
        // Home pages 2..=25, the last one short.
        assert_eq!(shards.home.len(), 24);
        assert_eq!(shards.home[0].0, 2);
        assert_eq!(shards.home[0].1.posts[0].title, "Post 5");
        assert_eq!(shards.home.last().unwrap().1.posts.len(), 3);
        let in_months: usize = shards.months.iter().map(|(_, l)| l.posts.len()).sum();
        assert_eq!(in_months, 123);
        // "all" has 123 posts: pages of 50, 50 and 23.
        let all: Vec<_> = shards.labels.iter().filter(|(k, ..)| k == "all").collect();
        assert_eq!(all.len(), 3);
        assert_eq!(
            all.iter()
                .map(|(_, p, l)| (*p, l.posts.len(), l.pages, l.total))
                .collect::<Vec<_>>(),
            vec![(1, 50, 3, 123), (2, 50, 3, 123), (3, 23, 3, 123)]
        );
        assert!(shards.files().len() == 1 + 24 + shards.months.len() + shards.labels.len());
        assert_eq!(shards.files()[0].0, "data/site.json");
    }

    #[test]
    fn months_are_newest_first_inside() {
        let mut index = blog(3, 5);
        index.posts.reverse();
        let shards = split(&index);
        let titles: Vec<_> = shards.months[0]
            .1
            .posts
            .iter()
            .map(|p| p.title.clone())
            .collect();
        assert_eq!(titles, ["Post 0", "Post 1", "Post 2"]);
    }

    #[test]
    fn an_empty_blog_has_a_site_file_and_nothing_else() {
        let shards = split(&blog(0, 5));
        assert_eq!(shards.site.total_posts(), 0);
        assert!(shards.home.is_empty() && shards.months.is_empty() && shards.labels.is_empty());
        assert_eq!(shards.site.home_pages(), 1);
    }

    #[test]
    fn label_keys_are_safe_and_distinct() {
        let names: Vec<String> = ["C", "c++", "東京", "大阪", "Social Media"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            label_keys(&names),
            ["c", "c-2", "label", "label-2", "social-media"]
        );
    }

    #[test]
    fn each_route_preloads_what_it_shows() {
        let shards = split(&blog(40, 2));
        let site = &shards.site;
        let post = PostPath::parse("/2011/03/p0.html").unwrap();
        assert_eq!(
            route_data_files(site, &Route::Home { page: 1 }),
            [
                "data/site.json",
                "data/posts/2011/03/p0.json",
                "data/posts/2011/03/p1.json"
            ]
        );
        assert_eq!(
            route_data_files(site, &Route::Home { page: 3 }),
            ["data/site.json", "data/home/3.json"]
        );
        assert_eq!(
            route_data_files(site, &Route::Post(post)),
            ["data/site.json", "data/posts/2011/03/p0.json"]
        );
        // Both months fit the archive's first screen.
        assert_eq!(
            route_data_files(site, &Route::Archive),
            [
                "data/site.json",
                "data/months/2011-03.json",
                "data/months/2011-02.json"
            ]
        );
        assert_eq!(
            route_data_files(site, &Route::Year(2011)),
            [
                "data/site.json",
                "data/months/2011-03.json",
                "data/months/2011-02.json"
            ]
        );
        assert_eq!(
            route_data_files(site, &Route::Month(2011, 2)),
            ["data/site.json", "data/months/2011-02.json"]
        );
        assert_eq!(
            route_data_files(site, &Route::Month(2011, 5)),
            ["data/site.json"]
        );
        let label = Route::Label {
            name: "even".into(),
            page: 1,
        };
        assert_eq!(
            route_data_files(site, &label),
            ["data/site.json", "data/labels/even/1.json"]
        );
        assert_eq!(route_data_files(site, &Route::NotFound), ["data/site.json"]);
    }
}
