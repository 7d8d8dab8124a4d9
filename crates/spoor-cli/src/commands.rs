//! One function per command: open the archive, call the library, render the
//! result as text or as the JSON contract of docs/FORMATS.md ("Output contracts").

use crate::{AliasCmd, CheckFormat, EXIT_PARTIAL, Format, print_check, progress, render};
use anyhow::{Context, Result};
use spoor::access::Readable;
use spoor::{Archive, IngestOptions, Mapping, SearchOptions, ThreadView};
use std::path::{Path, PathBuf};

/// Print a library result as its JSON contract, on one line.
fn print_json(value: &impl serde::Serialize) -> Result<()> {
    println!("{}", serde_json::to_string(value)?);
    Ok(())
}

/// The column mapping given by `--map` or `--map-file`, if any.
pub fn mapping(map: Option<String>, map_file: Option<PathBuf>) -> Result<Option<Mapping>> {
    Ok(match (map, map_file) {
        (Some(m), _) => Some(Mapping::parse(&m).map_err(anyhow::Error::msg)?),
        (None, Some(f)) => {
            let text = std::fs::read_to_string(&f)
                .with_context(|| format!("cannot read mapping file {}", f.display()))?;
            Some(Mapping::parse(&text).map_err(|e| anyhow::anyhow!("{}: {e}", f.display()))?)
        }
        (None, None) => None,
    })
}

/// `spoor ingest`.
pub fn ingest(dir: &Path, paths: &[PathBuf], opts: IngestOptions, format: Format) -> Result<u8> {
    let mut archive =
        Archive::open(dir).with_context(|| format!("cannot open archive {}", dir.display()))?;
    let bar = progress::Bar::new("ingest");
    let report = archive.ingest(paths, &opts, &bar)?;
    archive.close()?;
    render::ingest_report(&report, format == Format::Json)?;
    Ok(if report.failed.is_empty() {
        0
    } else {
        EXIT_PARTIAL
    })
}

/// What `spoor search` was asked.
pub struct SearchArgs {
    /// The query.
    pub query: String,
    /// Page, order, renditions.
    pub opts: SearchOptions,
    /// Fields to count.
    pub facets: Vec<String>,
    /// Print only the ids.
    pub ids: bool,
    /// Output format.
    pub format: Format,
}

/// `spoor search`.
pub fn search(dir: &Path, a: SearchArgs) -> Result<u8> {
    if a.ids && a.facets.is_empty() {
        // the ids alone need only the index
        let view = spoor::IndexView::open(dir)?;
        let (_, ids) = view.ids(&a.query, &a.opts)?;
        let mut out = String::new();
        for id in ids {
            out.push_str(&id);
            out.push('\n');
        }
        print!("{out}");
        return Ok(0);
    }
    let archive = Archive::open_read(dir)?;
    let res = archive.search(&a.query, &a.opts, &a.facets)?;
    render::warn_unindexed(&archive);
    if a.ids {
        for h in &res.hits {
            println!("{}", h.id);
        }
    } else if a.format == Format::Json {
        print_json(&res)?;
    } else {
        render::search_text(&res, a.opts.offset);
    }
    Ok(0)
}

/// `spoor show`.
pub fn show(dir: &Path, id: &str, raw: bool, format: Format) -> Result<u8> {
    let archive = Archive::open_read(dir)?;
    if raw {
        use std::io::Write;
        std::io::stdout().write_all(&archive.raw(id, &Readable::All)?)?;
        return Ok(0);
    }
    let view = archive.document(id, &Readable::All)?;
    if format == Format::Json {
        print_json(&view)?;
    } else {
        render::show_text(&archive, &view);
    }
    Ok(0)
}

/// `spoor thread`.
pub fn thread(dir: &Path, id: &str, format: Format) -> Result<u8> {
    let archive = Archive::open_read(dir)?;
    let t = archive.thread(id, &Readable::All)?;
    if format == Format::Json {
        print_json(&ThreadView::of(&t))?;
    } else {
        render::thread_text(&archive, &t);
    }
    Ok(0)
}

/// `spoor stats`.
pub fn stats(dir: &Path, format: Format) -> Result<u8> {
    let archive = Archive::open_read(dir)?;
    let s = archive.stats()?;
    if format == Format::Json {
        print_json(&s)?;
    } else {
        render::stats_text(&s);
    }
    Ok(0)
}

/// `spoor compact`.
pub fn compact(dir: &Path) -> Result<u8> {
    let mut archive = Archive::open(dir)?;
    let before = archive.compact()?;
    archive.close()?;
    eprintln!("compacted: index {before} segment(s) merged into one, catalog space given back");
    Ok(0)
}

/// `spoor verify`: exit 1 when something is damaged.
pub fn verify(dir: &Path, format: Format) -> Result<u8> {
    let archive = Archive::open_read(dir)?;
    let bar = progress::Bar::new("verify");
    let v = archive.verify(&bar)?;
    if format == Format::Json {
        print_json(&v)?;
    } else {
        render::verify_text(&v);
    }
    let clean = v.damaged.is_empty() && v.damaged_originals.is_empty();
    Ok(if clean { 0 } else { 1 })
}

/// `spoor reindex`.
pub fn reindex(dir: &Path) -> Result<u8> {
    let bar = progress::Bar::new("reindex");
    let (archive, n) = Archive::rebuild_index(dir, &bar)?;
    archive.close()?;
    eprintln!("reindexed {n} documents");
    Ok(0)
}

/// `spoor alias …`.
pub fn alias(dir: &Path, action: AliasCmd) -> Result<u8> {
    let mut archive = Archive::open(dir)?;
    match action {
        AliasCmd::Add { name, aliases } => {
            for a in aliases {
                archive.add_alias(&name, &a)?;
            }
        }
        AliasCmd::Load { file } => alias_load(&mut archive, &file)?,
        AliasCmd::Import { file, columns } => alias_import(&mut archive, &file, columns)?,
        AliasCmd::List => {
            for (a, c) in archive.aliases()? {
                if a != c.to_lowercase() {
                    println!("{c}\t{a}");
                }
            }
        }
    }
    archive.close()?;
    Ok(0)
}

/// `spoor alias load`: one person a line, `Name<TAB or =>alias, alias`.
fn alias_load(archive: &mut Archive, file: &Path) -> Result<()> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let mut n = 0;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (name, rest) = line
            .split_once('\t')
            .or_else(|| line.split_once('='))
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "{}:{}: expected `Name<TAB>alias, alias`",
                    file.display(),
                    i + 1
                )
            })?;
        for a in rest.split(',').map(str::trim).filter(|a| !a.is_empty()) {
            archive.add_alias(name.trim(), a)?;
            n += 1;
        }
    }
    eprintln!("loaded {n} aliases");
    Ok(())
}

/// `spoor alias import`: an alias table from CSV.
fn alias_import(archive: &mut Archive, file: &Path, columns: Option<String>) -> Result<()> {
    let cols = match &columns {
        Some(c) => Some(c.split_once(',').ok_or_else(|| {
            anyhow::anyhow!("--columns takes two names: ALIAS_COLUMN,PERSON_COLUMN")
        })?),
        None => None,
    };
    let f = std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?;
    let pairs = spoor::alias_pairs_from_csv(f, cols)
        .map_err(|e| anyhow::anyhow!("{}: {e}", file.display()))?;
    archive.add_aliases(&pairs)?;
    eprintln!("imported {} aliases from {}", pairs.len(), file.display());
    Ok(())
}

/// `spoor check`: the article from a file or standard input (`-`).
pub fn check(
    dir: &Path,
    article: &str,
    opts: spoor::trace::CheckOptions,
    review: &spoor::report::Review,
    format: CheckFormat,
) -> Result<u8> {
    let bytes = if article == "-" {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut b)
            .context("cannot read the article from standard input")?;
        b
    } else {
        std::fs::read(article).with_context(|| format!("cannot read the article {article}"))?
    };
    let archive = Archive::open_read(dir)?;
    let report = crate::check(&archive, &bytes, opts)?;
    print_check(&report, format, review)?;
    Ok(0)
}

/// `spoor eval`: article sets about a release (with split.json) are checked
/// against the archive; a directory of sources and cases gets an archive of its own.
pub fn eval(dir: &Path, eval_dir: &Path, format: Format) -> Result<u8> {
    let tr = crate::translator();
    if eval_dir.join("split.json").exists() {
        let archive = Archive::open_read(dir).with_context(|| {
            format!(
                "the sets need the archive of their release: cannot open {}",
                dir.display()
            )
        })?;
        let r = spoor::trace::eval::evaluate_sets(eval_dir, &archive, &tr)?;
        if format == Format::Json {
            print_json(&r)?;
        } else {
            for (part, rep) in &r.parts {
                println!("## {part}\n");
                render::eval_text(rep, part != "heldout");
            }
        }
        return Ok(0);
    }
    let tmp = tempfile::tempdir()?;
    let r = spoor::trace::eval::evaluate(eval_dir, &tmp.path().join("archive"), &tr)?;
    if format == Format::Json {
        print_json(&r)?;
    } else {
        render::eval_text(&r, true);
    }
    Ok(0)
}
