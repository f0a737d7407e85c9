//! The `press` command: `press build` compiles content/ into the site's data;
//! `press import-blogger` brings a Blogger export into content/.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use model::text::count;

#[derive(Parser)]
#[command(about = "Compiles a scrapbook blog's content into the data its app reads")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Compile content/ and write OUT/data.
    Build {
        /// The content folder (site.toml, posts/, pages/).
        #[arg(long, env = "SCRAPBOOK_CONTENT", default_value = "content")]
        content: PathBuf,
        /// The output folder; when Trunk runs press as a hook, its staging folder.
        #[arg(long, env = "TRUNK_STAGING_DIR")]
        out: PathBuf,
        /// Where the site lives on its host ("/" or "/blog/"); Trunk says so to its hooks.
        #[arg(long, env = "TRUNK_PUBLIC_URL", default_value = "/")]
        public_url: String,
    },
    /// Compile content/ and report mistakes, writing nothing.
    Check {
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// Bring a Blogger blog over from its export file (blog-MM-DD-YYYY.xml).
    ImportBlogger {
        /// The export file.
        export: PathBuf,
        /// Where to write posts/, pages/ (and site.toml if there is none).
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
}

/// Exports larger than this show a progress bar while they are read.
const PROGRESS_FROM_BYTES: usize = 512 * 1024;

fn import_blogger(export: &Path, content: &Path, force: bool) -> Result<(), String> {
    let size = std::fs::metadata(export)
        .map_err(|e| format!("could not read {}: {e}", export.display()))?
        .len();
    let bar = if size >= PROGRESS_FROM_BYTES as u64 {
        let bar = ProgressBar::new(size);
        bar.set_style(
            ProgressStyle::with_template("reading {msg} [{bar:40}] {bytes}/{total_bytes} ({eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar.set_message(export.display().to_string());
        bar
    } else {
        ProgressBar::hidden()
    };
    let imported =
        press::blogger::import(export, content, force, |pos| bar.set_position(pos as u64));
    bar.finish_and_clear();
    let imported = imported?;
    print!("{}", imported.summary);
    println!(
        "Wrote {} files under {}. Run `cargo xtask serve` to see the blog.",
        imported.files,
        content.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (result, out) = match cli.command {
        Command::ImportBlogger {
            export,
            content,
            force,
        } => {
            return match import_blogger(&export, &content, force) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("press: error: {e}");
                    eprintln!("press: nothing was written");
                    ExitCode::FAILURE
                }
            };
        }
        Command::Build {
            content,
            out,
            public_url,
        } => (press::build(&content, &out, &public_url), Some(out)),
        Command::Check { content } => (press::compile(&content).map_err(Into::into), None),
    };
    match result {
        Ok(site) => {
            for warning in &site.warnings {
                eprintln!("press: warning: {warning}");
            }
            let mut written = out.map_or(String::from("checked, nothing written"), |o| {
                format!("written to {}", o.join("data").display())
            });
            if let Some(index) = &site.search_index {
                // `cargo xtask bench` reads this figure.
                written.push_str(&format!(
                    "; search index of {} built in {:.2} s",
                    count(index.posts, "post"),
                    index.seconds
                ));
            }
            println!(
                "press: {}, {}, {} ({} skipped); {written}",
                count(site.posts.len(), "post"),
                count(site.pages.len(), "page"),
                count(site.comment_count(), "comment"),
                count(site.drafts_skipped, "draft"),
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("press: error: {e}");
            eprintln!("press: {}", e.outcome());
            ExitCode::FAILURE
        }
    }
}
