//! Generated blogs for the benchmark: deterministic, with the sample blog's own words so
//! that the text compresses like real prose.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::run::root;

/// A small deterministic generator, so every run compiles the same blogs. Its words are
/// those of the sample blog's own posts, so that the text compresses like real prose.
struct Words {
    state: u64,
    vocabulary: Vec<String>,
}

impl Words {
    /// Words of the sample posts in content/posts (punctuation kept, as in prose).
    fn from_sample(seed: u64) -> Result<Self, String> {
        let mut vocabulary: Vec<String> = Vec::new();
        let dir = root().join("content/posts");
        for entry in fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.extension().is_some_and(|e| e == "md") {
                let text = fs::read_to_string(&path).map_err(|e| e.to_string())?;
                let body = text.splitn(3, "---").nth(2).unwrap_or("");
                vocabulary.extend(
                    body.split_whitespace()
                        .filter(|w| {
                            w.chars()
                                .all(|c| c.is_alphanumeric() || ".,'?!-".contains(c))
                        })
                        .map(str::to_string),
                );
            }
        }
        vocabulary.sort();
        vocabulary.dedup();
        if vocabulary.len() < 100 {
            return Err("the sample posts have too few words to generate text from".into());
        }
        Ok(Words {
            state: seed | 1,
            vocabulary,
        })
    }

    fn next(&mut self) -> u64 {
        // xorshift64*
        self.state ^= self.state >> 12;
        self.state ^= self.state << 25;
        self.state ^= self.state >> 27;
        self.state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn word(&mut self) -> String {
        let i = (self.next() % self.vocabulary.len() as u64) as usize;
        self.vocabulary[i].clone()
    }

    /// A label: one lower-case word without punctuation.
    fn label(&mut self) -> String {
        loop {
            let w = self.word().to_lowercase();
            if w.len() > 3 && w.chars().all(|c| c.is_alphabetic()) {
                return w;
            }
        }
    }

    fn words(&mut self, n: usize) -> String {
        (0..n).map(|_| self.word()).collect::<Vec<_>>().join(" ")
    }
}

/// Writes a blog of `posts` posts, one a day from 2000 on, with labels and comments.
pub fn generate(content: &Path, posts: usize) -> Result<(), String> {
    let _ = fs::remove_dir_all(content);
    let dir = content.join("posts");
    fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    fs::write(
        content.join("site.toml"),
        "title = \"Generated\"\nauthor = \"Bench\"\nbase_url = \"https://bench.example\"\n",
    )
    .map_err(|e| e.to_string())?;
    let mut words = Words::from_sample(0x9E37_79B9_7F4A_7C15 ^ posts as u64)?;
    // A blog has a few dozen labels, not one per word.
    let labels_pool: Vec<String> = (0..40).map(|_| words.label()).collect();
    for i in 0..posts {
        // About one post a day, from 2000 on.
        let day = i;
        let (year, month, dom) = (2000 + day / 360, 1 + (day / 30) % 12, 1 + day % 28);
        let title = format!(
            "{} {}",
            words.words(5).replace(['"', ':', '#', '\''], ""),
            i
        );
        let mut labels: Vec<&str> = (0..1 + words.next() % 3)
            .map(|_| labels_pool[(words.next() % labels_pool.len() as u64) as usize].as_str())
            .collect();
        labels.dedup();
        let mut body = String::new();
        for _ in 0..4 {
            let _ = writeln!(body, "{}.\n", words.words(40));
        }
        let text = format!(
            "---\ntitle: \"{title}\"\ndate: {year:04}-{month:02}-{dom:02}T10:00:00+10:00\nlabels: [{}]\n---\n{body}",
            // Quoted, as YAML needs for words such as "-" (the title has no '"' left).
            labels
                .iter()
                .map(|l| format!("\"{}\"", l.replace(['"', '\\'], "")))
                .collect::<Vec<_>>()
                .join(", ")
        );
        fs::write(dir.join(format!("{i:05}.md")), text).map_err(|e| e.to_string())?;
        if i % 4 == 0 {
            let comment = format!(
                "[[comment]]\nauthor = \"Reader\"\npublished = \"{year:04}-{month:02}-{dom:02}T12:00:00+10:00\"\nbody = \"{}\"\n",
                words.words(20).replace(['"', '\\'], "")
            );
            fs::write(dir.join(format!("{i:05}.comments.toml")), comment)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}
