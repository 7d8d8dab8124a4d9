//! `spoor`: the command-line front end. Thin: it parses arguments, calls the
//! library and renders its results as text or JSON (the contracts of
//! docs/FORMATS.md, "Output contracts").

mod admin;
mod commands;
mod demo;
mod progress;
mod render;
mod serve;

use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use spoor::{Archive, IngestOptions, SearchOptions, SortBy};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: ingest allocates and frees millions of small strings; the system
/// allocator spent about 7% of ingest time there (perf), mimalloc less.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit code when an ingest finished but some files could not be read.
const EXIT_PARTIAL: u8 = 3;

#[derive(Parser)]
#[command(
    name = "spoor",
    version,
    about = "Hold news articles up against the primary sources they cite: archive, search and trace email collections."
)]
struct Cli {
    /// The archive directory.
    #[arg(long, global = true, env = "SPOOR_ARCHIVE")]
    archive: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Text,
    Json,
}

/// Output formats of `spoor check`.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    /// For a terminal.
    Text,
    /// The JSON contract of docs/FORMATS.md ("Output contracts").
    Json,
    /// For a ticket or a published check.
    Markdown,
    /// A standalone page: article left, source right.
    Html,
    /// schema.org ClaimReview JSON-LD.
    Claimreview,
}

#[derive(Clone, Copy, ValueEnum)]
enum Sort {
    Relevance,
    Date,
    DateAsc,
}

impl From<Sort> for SortBy {
    fn from(s: Sort) -> SortBy {
        match s {
            Sort::Relevance => SortBy::Relevance,
            Sort::Date => SortBy::DateDesc,
            Sort::DateAsc => SortBy::DateAsc,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Ingest files and directories (mbox, Maildir, .eml, FOIA text, PDF, CSV, JSON Lines, HTML).
    Ingest {
        /// Files or directories (read recursively).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Collection the documents belong to.
        #[arg(long, default_value = "default")]
        collection: String,
        /// Column mapping for CSV/JSON Lines: field=column,… (fields: from,to,cc,date,subject,body,doc_no,case_no,message_id).
        #[arg(long)]
        map: Option<String>,
        /// A file holding the column mapping, one field=column a line.
        #[arg(long)]
        map_file: Option<PathBuf>,
        /// Output format of the summary.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Search the archive (query language: docs/QUERY.md).
    Search {
        /// The query.
        #[arg(required = true)]
        query: Vec<String>,
        /// Hits per page.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        /// Hits to skip.
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Order of hits.
        #[arg(long, value_enum, default_value = "relevance")]
        sort: Sort,
        /// Count values of these fields over all matches: from,to,year,lang,collection,kind.
        #[arg(long, value_delimiter = ',')]
        facets: Vec<String>,
        /// List every rendition of a text as its own hit (by default the
        /// renditions of one text, forwarded, copied or re-released, are one hit).
        #[arg(long)]
        all_renditions: bool,
        /// Print only the ids of the hits.
        #[arg(long)]
        ids: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Show one document: headers, text, attachments, provenance.
    Show {
        /// Document id (or a unique prefix of at least 6 digits).
        id: String,
        /// Write the original bytes to stdout instead.
        #[arg(long)]
        raw: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Show the thread a document belongs to.
    Thread {
        /// Document id (or unique prefix).
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Figures about the archive.
    Stats {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Re-read every original and document record, check them against their
    /// content ids and the catalog, and report damage by document (exit 1 when damaged).
    Verify {
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Rebuild the search index from the catalog.
    Reindex,
    /// Compact a finished archive for faster queries (one index segment; catalog space given back).
    Compact,
    /// Manage aliases: several names, handles or addresses of one person.
    Alias {
        #[command(subcommand)]
        action: AliasCmd,
    },
    /// Trace an article's claims to their sources in the archive.
    Check {
        /// The article: a text file, a saved HTML page, or - for standard input.
        article: String,
        /// The article's language (ISO 639-1), when detection should be overridden.
        #[arg(long)]
        lang: Option<String>,
        /// Only use documents of this collection.
        #[arg(long)]
        collection: Option<String>,
        /// Where the article appeared (for ClaimReview).
        #[arg(long)]
        url: Option<String>,
        /// For ClaimReview: the fact-checker's name, its site, and where the
        /// review is published (each claim gets URL#claim-N).
        #[command(flatten)]
        review: ReviewArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
    },
    /// Score `spoor check` on a labelled evaluation set (see eval/README.md).
    Eval {
        /// The evaluation directory: sources/ and cases/ (a fresh archive is made of
        /// the sources), or article sets with split.json (checked against --archive,
        /// which must hold the release they are about; tuning and held-out parts apart).
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Ingest the bundled example sources into a temporary archive, run searches and check the example article.
    Demo {
        /// Then serve the demo archive to a browser at this address (Ctrl-C ends it).
        #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = "127.0.0.1:8080")]
        serve: Option<std::net::SocketAddr>,
    },
    #[command(subcommand)]
    User(admin::UserCmd),
    #[command(subcommand)]
    Token(admin::TokenCmd),
    Audit(admin::AuditArgs),
    /// Serve the archive to a browser and scripts: web pages and the HTTP API
    /// (docs/FORMATS.md, "HTTP API").
    Serve(serve::ServeArgs),
}

#[derive(Subcommand)]
enum AliasCmd {
    /// Record that ALIAS (handle, address, name) is the person NAME.
    Add {
        /// Canonical name.
        name: String,
        /// Other names.
        #[arg(required = true)]
        aliases: Vec<String>,
    },
    /// Load aliases from a file: one person a line, `Name<TAB or =>alias, alias`.
    Load {
        /// The file.
        file: PathBuf,
    },
    /// Import an alias table from CSV with a header row (e.g. `originalName,commonName`).
    Import {
        /// The CSV file.
        file: PathBuf,
        /// The alias column and the person column, e.g. `AliasName,PersonName`
        /// (default: the first two columns).
        #[arg(long)]
        columns: Option<String>,
    },
    /// List aliases.
    List,
}

/// Print a check report in the asked format.
pub fn print_check(
    report: &spoor::trace::CheckReport,
    format: CheckFormat,
    review: &spoor::report::Review,
) -> Result<()> {
    use std::io::IsTerminal;
    match format {
        CheckFormat::Text => print!(
            "{}",
            spoor::report::text(report, std::io::stdout().is_terminal())
        ),
        CheckFormat::Json => println!("{}", serde_json::to_string(report)?),
        CheckFormat::Markdown => print!("{}", spoor::report::markdown(report)),
        CheckFormat::Html => print!("{}", spoor::report::html(report)),
        CheckFormat::Claimreview => println!(
            "{}",
            serde_json::to_string_pretty(&spoor::report::claimreview(report, review))?
        ),
    }
    Ok(())
}

/// The dictionaries `spoor check`, `spoor eval` and the demo translate with:
/// FreeDict's in `SPOOR_DICT_DIR` (default /usr/share/dictd), the inverted ones
/// cached in `SPOOR_CACHE_DIR`, else `$XDG_CACHE_HOME/spoor`, else `~/.cache/spoor`.
pub fn translator() -> spoor::FreeDict {
    let dir = std::env::var_os("SPOOR_DICT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(spoor::DICT_DIR));
    let cache = std::env::var_os("SPOOR_CACHE_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("XDG_CACHE_HOME").map(|d| PathBuf::from(d).join("spoor")))
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/spoor")));
    spoor::FreeDict::in_dir(&dir).with_cache(cache)
}

/// Check an article, with the debug listing on standard error when
/// `SPOOR_DEBUG_CHECK` is set (each claim's concepts and best passages).
pub fn check(
    archive: &Archive,
    article: &[u8],
    mut opts: spoor::trace::CheckOptions,
) -> Result<spoor::trace::CheckReport> {
    opts.debug = std::env::var_os("SPOOR_DEBUG_CHECK").is_some();
    let report = spoor::trace::check(archive, article, &opts, &translator())?;
    for line in &report.debug {
        eprintln!("{line}");
    }
    Ok(report)
}

fn default_archive() -> PathBuf {
    if let Some(d) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(d).join("spoor");
    }
    if let Some(h) = std::env::var_os("HOME") {
        return PathBuf::from(h).join(".local/share/spoor");
    }
    PathBuf::from(".spoor")
}

/// Let a closed pipe end spoor quietly, as it ends `cat` or `grep` (Rust ignores
/// ClaimReview's publisher fields (`spoor check --format claimreview`).
#[derive(clap::Args, Debug, Default)]
struct ReviewArgs {
    /// The fact-checking publisher's name.
    #[arg(long)]
    publisher: Option<String>,
    /// The publisher's site.
    #[arg(long)]
    publisher_url: Option<String>,
    /// Where the review is published.
    #[arg(long)]
    review_url: Option<String>,
    /// The review's date (YYYY-MM-DD; today when not given).
    #[arg(long)]
    review_date: Option<String>,
}

/// SIGPIPE, and every print to a closed pipe would then panic).
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists; it only
    // resets one signal's disposition to the system default.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("spoor: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    let dir = cli.archive.clone().unwrap_or_else(default_archive);
    let dir = dir.as_path();
    match cli.command {
        Command::Ingest {
            paths,
            collection,
            map,
            map_file,
            format,
        } => {
            let mapping = commands::mapping(map, map_file)?;
            let opts = IngestOptions {
                collection,
                mapping,
            };
            commands::ingest(dir, &paths, opts, format)
        }
        Command::Search {
            query,
            limit,
            offset,
            sort,
            facets,
            ids,
            all_renditions,
            format,
        } => {
            let opts = SearchOptions {
                limit,
                offset,
                sort: sort.into(),
                all_renditions,
                ..Default::default()
            };
            let query = query.join(" ");
            let args = commands::SearchArgs {
                query,
                opts,
                facets,
                ids,
                format,
            };
            commands::search(dir, args)
        }
        Command::Show { id, raw, format } => commands::show(dir, &id, raw, format),
        Command::Thread { id, format } => commands::thread(dir, &id, format),
        Command::Stats { format } => commands::stats(dir, format),
        Command::Compact => commands::compact(dir),
        Command::Verify { format } => commands::verify(dir, format),
        Command::Reindex => commands::reindex(dir),
        Command::Alias { action } => commands::alias(dir, action),
        Command::Check {
            article,
            lang,
            collection,
            url,
            review,
            format,
        } => {
            let opts = spoor::trace::CheckOptions {
                lang,
                collection,
                ..Default::default()
            };
            let review = spoor::report::Review {
                article_url: url.as_deref(),
                publisher: review.publisher.as_deref(),
                publisher_url: review.publisher_url.as_deref(),
                review_url: review.review_url.as_deref(),
                date: review.review_date.as_deref(),
            };
            commands::check(dir, &article, opts, &review, format)
        }
        Command::Eval {
            dir: eval_dir,
            format,
        } => commands::eval(dir, &eval_dir, format),
        Command::Demo { serve } => demo::run(serve),
        Command::User(cmd) => admin::user(dir, cmd),
        Command::Token(cmd) => admin::token(dir, cmd),
        Command::Audit(args) => admin::audit(dir, args),
        Command::Serve(args) => serve::run(dir, args),
    }
}
