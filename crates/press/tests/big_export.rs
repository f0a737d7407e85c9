//! A 50 MB Blogger export imports with bounded memory: the importer streams it. Alone in
//! its test binary, because it counts every heap byte the process holds.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The system allocator, counting the bytes live now and the most ever live at once.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

const POSTS: usize = 4_000;
const COMMENTS_PER_POST: usize = 2;

/// Writes an export of about 50 MB: posts of ~12 KB of HTML, two comments each.
fn write_export(path: &std::path::Path) -> u64 {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    write!(
        out,
        "<?xml version='1.0' encoding='UTF-8'?>\n<feed xmlns='http://www.w3.org/2005/Atom' \
         xmlns:thr='http://purl.org/syndication/thread/1.0'>\n<title type='text'>Big</title>\n\
         <link rel='alternate' type='text/html' href='http://big.blogspot.com/'/>\n\
         <generator version='7.00' uri='http://www.blogger.com'>Blogger</generator>\n"
    )
    .unwrap();
    let kind = |k: &str| {
        format!(
            "<category scheme='http://schemas.google.com/g/2005#kind' \
             term='http://schemas.google.com/blogger/2008/kind#{k}'/>"
        )
    };
    let paragraph = "&lt;p&gt;A long paragraph of an old blog post, with &amp;amp; entities \
                     and &lt;b&gt;markup&lt;/b&gt; that the importer keeps as it is.&lt;/p&gt;\n";
    let body = paragraph.repeat(12_000 / paragraph.len() + 1);
    for i in 0..POSTS {
        let (month, day) = (i % 12 + 1, i % 28 + 1);
        write!(
            out,
            "<entry>\n<id>tag:blogger.com,1999:blog-1.post-{i}</id>\n\
             <published>2009-{month:02}-{day:02}T10:00:00.000+10:00</published>\n{}\n\
             <title type='text'>Post number {i}</title>\n<content type='html'>{body}</content>\n\
             <link rel='alternate' type='text/html' href='http://big.blogspot.com/2009/{month:02}/post-{i}.html'/>\n\
             <author><name>Big</name></author>\n</entry>\n",
            kind("post")
        )
        .unwrap();
        for c in 0..COMMENTS_PER_POST {
            write!(
                out,
                "<entry>\n<id>tag:blogger.com,1999:blog-1.post-{i}-{c}</id>\n\
                 <published>2009-{month:02}-{day:02}T11:00:00.000+10:00</published>\n{}\n\
                 <content type='html'>Comment {c} on post {i}.</content>\n\
                 <author><name>Reader {c}</name></author>\n\
                 <thr:in-reply-to ref='tag:blogger.com,1999:blog-1.post-{i}'/>\n</entry>\n",
                kind("comment")
            )
            .unwrap();
        }
    }
    writeln!(out, "</feed>").unwrap();
    out.flush().unwrap();
    std::fs::metadata(path).unwrap().len()
}

#[test]
fn a_50_mb_export_imports_with_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let export = dir.path().join("blog-01-01-2010.xml");
    let size = write_export(&export);
    assert!(size > 50_000_000, "the export is only {size} bytes");
    let content = dir.path().join("content");

    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let mut reports = 0;
    let imported = press::blogger::import(&export, &content, false, |_| reports += 1)
        .expect("the export imports");
    let peak = PEAK.load(Ordering::Relaxed) - before;

    assert_eq!(imported.summary.posts, POSTS);
    assert_eq!(imported.summary.comments, POSTS * COMMENTS_PER_POST);
    assert!(reports >= POSTS, "progress was reported {reports} times");
    // A whole-file reader holds the 50 MB text and every entry; the stream holds one
    // entry, the read buffer, and the comments waiting for their files.
    assert!(
        peak < 12_000_000,
        "importing {size} bytes held {peak} bytes of heap at once"
    );
    println!("imported {size} bytes with a heap peak of {peak} bytes");
    let post = std::fs::read_to_string(content.join("posts/2009-01-01-post-0.html")).unwrap();
    assert!(post.contains("title: \"Post number 0\"") && post.contains("<b>markup</b>"));
    assert!(!content
        .join(format!(".import-{}", std::process::id()))
        .exists());
}
