//! `rctl history` / `rctl image history`.

use anyhow::Result;
use chrono::{DateTime, SecondsFormat, Utc};
use clap::Args;
use serde_json::{Value, json};

use crate::cmd::Ctx;
use crate::cmd::format::{self, Format};
use crate::image::inspect;

/// Flags of `history`.
#[derive(Args, Debug)]
pub struct HistoryArgs {
    /// Show sizes and dates for humans
    #[arg(short = 'H', long, default_value_t = true, action = clap::ArgAction::Set)]
    human: bool,
    /// Do not shorten ids and instructions
    #[arg(long)]
    no_trunc: bool,
    /// Show only ids
    #[arg(short, long)]
    quiet: bool,
    /// Print with a Go template, or `json`
    #[arg(long)]
    format: Option<String>,
    /// The image
    image: String,
}

/// Go's `time.RFC3339` of a UTC time, as podman prints history times.
fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

const HEADERS: &[(&str, &str)] = &[
    ("ID", "ID"),
    ("Created", "CREATED"),
    ("CreatedBy", "CREATED BY"),
    ("Size", "SIZE"),
    ("Comment", "COMMENT"),
    ("CreatedAt", "CREATED AT"),
    ("CreatedSince", "CREATED"),
];

/// Runs `history`.
pub fn run(ctx: &Ctx, a: HistoryArgs) -> Result<i32> {
    let store = ctx.store()?;
    let id = store.resolve_image(&a.image)?;
    let steps = inspect::history(&store, &store.image_entry(&id)?)?;
    let mut out = std::io::stdout().lock();
    if Format::parse(a.format.as_deref()).is_json() {
        // podman encodes its history records as they are (not the table's
        // fields): the raw id, times, the size in bytes; empty text omitted.
        let docs: Vec<Value> = steps
            .iter()
            .map(|r| {
                let mut d = json!({
                    "id": r.id.as_ref().map_or("<missing>", |d| d.hex()),
                    "created": r.created.map(inspect::go_rfc3339_nano),
                    "Created": r.created.map(rfc3339),
                    "size": r.size,
                });
                if !r.created_by.is_empty() {
                    d["CreatedBy"] = json!(r.created_by);
                }
                if !r.comment.is_empty() {
                    d["comment"] = json!(r.comment);
                }
                d
            })
            .collect();
        format::print_json(&mut out, &Value::Array(docs))?;
        return Ok(0);
    }
    let rows: Vec<Value> = steps
        .iter()
        .map(|r| {
            // podman: the id as stored (no algorithm), 12 digits unless --no-trunc.
            let id = match &r.id {
                Some(d) if a.no_trunc => d.hex().to_string(),
                Some(d) => d.short().to_string(),
                None => "<missing>".to_string(),
            };
            let created_by = if a.no_trunc || r.created_by.chars().count() <= 45 {
                r.created_by.clone()
            } else {
                format!("{}...", r.created_by.chars().take(42).collect::<String>())
            };
            let created = match r.created {
                Some(t) if a.human => format::ago(t),
                Some(t) => rfc3339(t),
                None => String::new(),
            };
            json!({
                "ID": id,
                "Created": created,
                "CreatedSince": created,
                "CreatedAt": r.created.map(rfc3339).unwrap_or_default(),
                "CreatedBy": created_by,
                // podman prints sizes for humans whatever --human says.
                "Size": format::human_size(r.size, ""),
                "Comment": r.comment,
            })
        })
        .collect();
    if a.quiet {
        use std::io::Write;
        for r in &rows {
            writeln!(out, "{}", r["ID"].as_str().unwrap_or_default())?;
        }
        return Ok(0);
    }
    format::print_rows(
        &mut out,
        &Format::parse(a.format.as_deref()),
        &rows,
        "{{.ID}}\t{{.Created}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}\n",
        HEADERS,
    )?;
    Ok(0)
}
