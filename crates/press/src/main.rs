//! The `press` command: `press build` compiles content/ into the site's data.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The output folder; when Trunk runs press as a hook, its staging folder.
        #[arg(long, env = "TRUNK_STAGING_DIR")]
        out: PathBuf,
    },
    /// Compile content/ and report mistakes, writing nothing.
    Check {
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (result, out) = match cli.command {
        Command::Build { content, out } => (press::build(&content, &out), Some(out)),
        Command::Check { content } => (press::compile(&content), None),
    };
    match result {
        Ok(site) => {
            let written = out.map_or(String::from("checked, nothing written"), |o| {
                format!("written to {}", o.join("data").display())
            });
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
            eprintln!("press: nothing was written; the previous output is unchanged");
            ExitCode::FAILURE
        }
    }
}

/// "1 post", "3 posts".
fn count(n: usize, noun: &str) -> String {
    let plural = if n == 1 { "" } else { "s" };
    format!("{n} {noun}{plural}")
}
