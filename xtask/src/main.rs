//! `cargo xtask`: set up the machine and build, serve or test scrapbook.
//!
//! Every task first installs whatever this machine lacks (see [`tools`]), saying what it
//! does, so that a fresh clone needs nothing but these commands.

mod bench;
mod glue;
mod inline_css;
mod minify;
mod run;
mod split;
mod std_build;
mod tasks;
mod tools;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(about = "scrapbook's developer tasks", bin_name = "cargo xtask")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Build the sample blog and serve it at http://127.0.0.1:8080 with live reload.
    Serve {
        /// The port to serve on.
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// Build the release site into dist/.
    Build,
    /// Run every test: native unit tests, then end-to-end tests in headless Chromium.
    Test,
    /// Measure against the budgets and write bench/REPORT.md.
    Bench {
        /// Only compile and weigh one generated blog of this many posts (bench/SCALE.md).
        #[arg(long)]
        posts: Option<usize>,
    },
    /// Audit the sample blog's newest post with Lighthouse (mobile), served as a CDN would.
    Lighthouse {
        /// How many times to run the audit.
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// Fuzz the importer, the front-matter reader, Markdown + sanitize and the JSON
    /// readers, and write bench/FUZZ.md.
    Fuzz {
        /// How long each target runs (they run side by side).
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// Only these targets (blogger-import, front-matter, markdown-sanitize, json-readers).
        #[arg(long)]
        target: Vec<String>,
    },
    /// Install the tools the tasks need, and nothing else.
    Setup,
    /// Trunk's post-build hook: minify the JS glue (release), then run press.
    #[command(hide = true)]
    PostBuild,
    /// Bring a Blogger blog over: its export file in, content/ files out.
    ImportBlogger {
        /// The export file, blog-MM-DD-YYYY.xml.
        export: std::path::PathBuf,
        /// Overwrite content files that already exist.
        #[arg(long)]
        force: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.task {
        Task::Serve { port } => tasks::serve(port),
        Task::Build => tasks::build().map(|_| ()),
        Task::Test => tasks::test(),
        Task::Bench { posts } => bench::bench(posts),
        Task::Lighthouse { runs } => bench::lighthouse::lighthouse(runs),
        Task::Fuzz { seconds, target } => tasks::fuzz(seconds, &target),
        Task::Setup => tools::ensure(tools::Need::Browser).map(|_| ()),
        Task::PostBuild => glue::post_build(),
        Task::ImportBlogger { export, force } => tasks::import_blogger(&export, force),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}
