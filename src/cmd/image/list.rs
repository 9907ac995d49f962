//! `rctl images` / `rctl image ls`.

use std::collections::BTreeSet;

use anyhow::Result;
use clap::Args;
use serde_json::{Value, json};

use crate::cmd::Ctx;
use crate::cmd::format::{self, Format};
use crate::image::filter::{self, ImageFilter};
use crate::image::inspect::{repo_digests, repository_of, tag_of};
use crate::storage::Store;
use crate::storage::images::ImageEntry;

/// Flags of `images`.
#[derive(Args, Debug)]
pub struct ListArgs {
    /// Show intermediate images too
    #[arg(short, long)]
    all: bool,
    /// Show only image ids
    #[arg(short, long)]
    quiet: bool,
    /// Show digests
    #[arg(long)]
    digests: bool,
    /// Do not shorten ids
    #[arg(long)]
    no_trunc: bool,
    /// Do not print the header line
    #[arg(short = 'n', long)]
    noheading: bool,
    /// Filter: reference=, label=, dangling=, id=, before=, since=
    #[arg(short, long, value_name = "KEY=VALUE")]
    filter: Vec<String>,
    /// Sort by created, id, repository, size or tag
    #[arg(long, default_value = "created", value_parser = ["created", "id", "repository", "size", "tag"])]
    sort: String,
    /// Print with a Go template, or `json`
    #[arg(long)]
    format: Option<String>,
    /// Show only images matching this reference
    reference: Option<String>,
}

/// Column titles for `table` templates.
const HEADERS: &[(&str, &str)] = &[
    ("ID", "IMAGE ID"),
    ("Repository", "REPOSITORY"),
    ("Tag", "TAG"),
    ("Digest", "DIGEST"),
    ("Created", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("CreatedSince", "CREATED"),
    ("Size", "SIZE"),
    ("VirtualSize", "VIRTUAL SIZE"),
    ("SharedSize", "SHARED SIZE"),
    ("ReadOnly", "R/O"),
    ("Containers", "CONTAINERS"),
];

/// Builds the image filter from `--filter` flags (shared with `image prune`).
pub fn parse_filter(store: &Store, args: &[String]) -> Result<ImageFilter> {
    Ok(ImageFilter::parse(args, |name| {
        let id = store.resolve_image(name).map_err(|e| e.to_string())?;
        let rec = store.image(&id).map_err(|e| e.to_string())?;
        rec.created
            .ok_or_else(|| format!("image {name} has no creation time"))
    })?)
}

/// Runs `images`.
pub fn run(ctx: &Ctx, a: ListArgs) -> Result<i32> {
    let store = ctx.store()?;
    let mut filters = a.filter.clone();
    if let Some(r) = &a.reference {
        filters.push(format!("reference={r}"));
    }
    let mut filter = parse_filter(&store, &filters)?;
    let entries = store.images()?;
    let intermediate = filter::intermediate_ids(&entries);
    filter.set_intermediate(intermediate.clone());
    let hidden = if a.all { BTreeSet::new() } else { intermediate };
    let mut entries: Vec<ImageEntry> = entries
        .into_iter()
        .filter(|e| !hidden.contains(&e.record.id) && filter.matches_image(e))
        .collect();
    entries.sort_by_key(|e| std::cmp::Reverse(e.record.created));

    let fmt = Format::parse(a.format.as_deref());
    let mut out = std::io::stdout().lock();
    if let Format::Json = fmt {
        let docs: Vec<Value> = entries
            .iter()
            .filter(|e| !filter.has_reference() || e.names.iter().any(|n| filter.matches_name(n)))
            .map(json_doc)
            .collect();
        format::print_json(&mut out, &Value::Array(docs))?;
        return Ok(0);
    }
    let mut rows: Vec<Value> = Vec::new();
    for e in &entries {
        if e.names.is_empty() {
            if !filter.has_reference() {
                rows.push(row(e, None, a.no_trunc));
            }
            continue;
        }
        for n in e.names.iter().filter(|n| filter.matches_name(n)) {
            rows.push(row(e, Some(n), a.no_trunc));
        }
    }
    sort_rows(&mut rows, &a.sort);
    if a.quiet {
        let mut seen = BTreeSet::new();
        for r in &rows {
            let id = r["ID"].as_str().unwrap_or_default().to_string();
            if seen.insert(id.clone()) {
                use std::io::Write;
                writeln!(out, "{id}")?;
            }
        }
        return Ok(0);
    }
    let (text, header, align) = match fmt {
        Format::Template { text, table } => (text, table && !a.noheading, table),
        _ => {
            let digest = if a.digests { "\t{{.Digest}}" } else { "" };
            let text = format!(
                "{{{{.Repository}}}}\t{{{{.Tag}}}}{digest}\t{{{{.ID}}}}\t{{{{.Created}}}}\t{{{{.Size}}}}\n"
            );
            (text, !a.noheading, true)
        }
    };
    format::print_template(&mut out, &text, header, align, &rows, HEADERS)?;
    Ok(0)
}

fn sort_rows(rows: &mut [Value], key: &str) {
    let field = match key {
        "id" => "ID",
        "repository" => "Repository",
        "tag" => "Tag",
        "size" => "VirtualSizeBytes",
        _ => return, // already newest first
    };
    rows.sort_by(|a, b| match (a[field].as_u64(), b[field].as_u64()) {
        (Some(x), Some(y)) => y.cmp(&x),
        _ => a[field].as_str().cmp(&b[field].as_str()),
    });
}

/// One table row: the image under one of its names.
fn row(e: &ImageEntry, name: Option<&String>, no_trunc: bool) -> Value {
    let r = &e.record;
    let id = if no_trunc {
        r.id.to_string()
    } else {
        r.id.short().to_string()
    };
    let created = r.created.map(format::ago).unwrap_or_default();
    json!({
        "ID": id,
        "Id": r.id.hex(),
        "Repository": name.map_or("<none>", |n| repository_of(n)),
        "Tag": name.map_or("<none>", |n| tag_of(n)),
        "Digest": r.digest().to_string(),
        "Created": created,
        "CreatedSince": created,
        "CreatedAt": r.created.map(format::go_time).unwrap_or_default(),
        "Size": format::human_size(r.size, " "),
        "VirtualSize": format::human_size(r.size, " "),
        "VirtualSizeBytes": r.size,
        "SharedSize": format::human_size(0, " "),
        "Labels": r.labels,
        "Names": e.names,
        "RepoTags": e.names,
        "RepoDigests": repo_digests(e),
        "Containers": 0,
        "Dangling": e.names.is_empty(),
        "ReadOnly": false,
    })
}

/// podman's `images --format json` document for one image.
fn json_doc(e: &ImageEntry) -> Value {
    let r = &e.record;
    json!({
        "Id": r.id.hex(),
        "ParentId": "",
        "RepoTags": if e.names.is_empty() { Value::Null } else { json!(e.names) },
        "RepoDigests": repo_digests(e),
        "Size": r.size,
        "SharedSize": 0,
        "VirtualSize": r.size,
        "Labels": if r.labels.is_empty() { Value::Null } else { json!(r.labels) },
        "Containers": 0,
        "Names": if e.names.is_empty() { Value::Null } else { json!(e.names) },
        "Digest": r.digest().to_string(),
        "History": e.names,
        "Created": r.created.map_or(0, |c| c.timestamp()),
        "CreatedAt": r.created.map(|c| c.to_rfc3339()),
        "Dangling": e.names.is_empty(),
    })
}
