//! Inputs: a seed from the corpus with a few random edits, or random bytes.

use proptest::prelude::*;
use proptest::sample::Index;

/// Fragments that matter to the readers: markup, entities, separators, schemes, handlers.
const TOKENS: &[&str] = &[
    "<",
    ">",
    "</",
    "/>",
    "&",
    "&amp;",
    "&#x0;",
    "&#99999999;",
    "&lt;",
    "\"",
    "'",
    "=",
    "\n",
    "\r\n",
    "\t",
    " ",
    "---",
    "+++",
    ":",
    ": ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "#",
    "- ",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "javascript:",
    "JaVaScRiPt&colon;",
    "data:text/html,<b>",
    "<iframe src=https://evil.example/>",
    "<svg onload=x>",
    "<style>",
    "style=\"x\"",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "<entry>",
    "</entry>",
    "<content type='html'>",
    "</content>",
    "<title>",
    "</title>",
    "<published>2009-04-18T09:12:00.000+10:00</published>",
    "<category scheme='x' term='y'/>",
    "title: ",
    "date: ",
    "labels: ",
    "permalink: ",
    "draft: true",
    "2009-02-30T25:61:00+10:00",
    "9999999999999999999999",
    "-1",
    "null",
    "true",
    "[]",
    "{}",
    "\"schema\":",
    "\"v\":",
    "é",
    "東京",
    "\u{202e}",
    "\u{feff}",
    "\u{0}",
    "\\",
    "\\u0000",
    "\\ud800",
    "**",
    "_",
    "`",
    "```",
    "[x](javascript:alert(1))",
    "![i](data:image/png;base64,AA)",
    "<a href=\"",
    "\" onclick=\"",
    "<http://x>",
];

/// One edit of an input.
#[derive(Debug, Clone)]
pub enum Edit {
    Insert(Index, Index),
    Delete(Index, u16),
    Replace(Index, u8),
    Duplicate(Index, u16),
    Splice(Index, Index, Index, u16),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<Index>(), any::<Index>()).prop_map(|(at, t)| Edit::Insert(at, t)),
        2 => (any::<Index>(), 1u16..64).prop_map(|(at, n)| Edit::Delete(at, n)),
        2 => (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Edit::Replace(at, b)),
        1 => (any::<Index>(), 1u16..256).prop_map(|(at, n)| Edit::Duplicate(at, n)),
        1 => (any::<Index>(), any::<Index>(), any::<Index>(), 1u16..512)
            .prop_map(|(at, s, from, n)| Edit::Splice(at, s, from, n)),
    ]
}

/// `seed` with `edits` applied, each at a place scaled to the input's length then.
pub fn apply(seed: &[u8], edits: &[Edit], seeds: &[Vec<u8>]) -> Vec<u8> {
    let mut out = seed.to_vec();
    for e in edits {
        let at = |i: &Index, out: &Vec<u8>| i.index(out.len() + 1);
        match e {
            Edit::Insert(i, t) => {
                let pos = at(i, &out);
                let token = TOKENS[t.index(TOKENS.len())].as_bytes();
                out.splice(pos..pos, token.iter().copied());
            }
            Edit::Delete(i, n) => {
                let pos = at(i, &out).min(out.len());
                let end = (pos + *n as usize).min(out.len());
                out.drain(pos..end);
            }
            Edit::Replace(i, b) => {
                if !out.is_empty() {
                    let pos = i.index(out.len());
                    out[pos] = *b;
                }
            }
            Edit::Duplicate(i, n) => {
                let pos = at(i, &out).min(out.len());
                let end = (pos + *n as usize).min(out.len());
                let copy: Vec<u8> = out[pos..end].to_vec();
                out.splice(pos..pos, copy);
            }
            Edit::Splice(i, s, from, n) => {
                if seeds.is_empty() {
                    continue;
                }
                let other = &seeds[s.index(seeds.len())];
                let start = from.index(other.len() + 1).min(other.len());
                let end = (start + *n as usize).min(other.len());
                let pos = at(i, &out);
                out.splice(pos..pos, other[start..end].iter().copied());
            }
        }
    }
    out
}

/// Inputs for a target with these seeds: mostly mutated seeds, some raw bytes and text.
pub fn inputs(seeds: Vec<Vec<u8>>) -> BoxedStrategy<Vec<u8>> {
    let seeds = std::sync::Arc::new(seeds);
    let n = seeds.len().max(1);
    let mutated = {
        let seeds = seeds.clone();
        (0..n, proptest::collection::vec(edit(), 0..12)).prop_map(move |(i, edits)| {
            let seed = seeds.get(i).map_or(&[][..], |s| s.as_slice());
            apply(seed, &edits, &seeds)
        })
    };
    prop_oneof![
        8 => mutated,
        1 => proptest::collection::vec(any::<u8>(), 0..2048),
        1 => any::<String>().prop_map(String::into_bytes),
    ]
    .boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    #[test]
    fn edits_stay_in_bounds_and_change_the_seed() {
        let seeds = vec![b"<p>hello</p>".to_vec(), Vec::new()];
        let strategy = inputs(seeds.clone());
        let mut runner = TestRunner::deterministic();
        let mut changed = 0;
        for _ in 0..500 {
            let input = strategy.new_tree(&mut runner).unwrap().current();
            if input != seeds[0] && !input.is_empty() {
                changed += 1;
            }
        }
        assert!(
            changed > 250,
            "only {changed} of 500 inputs differ from the seeds"
        );
    }
}
