//! `rctl history` / `rctl image history`.

use anyhow::Result;
use clap::Args;
use serde_json::{Value, json};

use crate::cmd::Ctx;
use crate::cmd::format::{self, Format};
use crate::image::inspect;
use crate::storage::images::ImageEntry;

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
    let record = store.image(&id)?;
    let names = store
        .names()?
        .into_iter()
        .filter(|(_, v)| *v == id)
        .map(|(n, _)| n)
        .collect();
    let rows = inspect::history(&store, &ImageEntry { record, names })?;
    let rows: Vec<Value> = rows
        .iter()
        .map(|r| {
            let id = match &r.id {
                Some(d) if a.no_trunc => d.to_string(),
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
                Some(t) => t.to_rfc3339(),
                None => String::new(),
            };
            json!({
                "ID": id,
                "Created": created,
                "CreatedSince": created,
                "CreatedAt": r.created.map(|t| t.to_rfc3339()).unwrap_or_default(),
                "CreatedBy": created_by,
                "Size": if a.human { format::human_size(r.size, "") } else { r.size.to_string() },
                "Comment": r.comment,
            })
        })
        .collect();
    let mut out = std::io::stdout().lock();
    if a.quiet {
        use std::io::Write;
        for r in &rows {
            writeln!(out, "{}", r["ID"].as_str().unwrap_or_default())?;
        }
        return Ok(0);
    }
    match Format::parse(a.format.as_deref()) {
        Format::Json => format::print_json(&mut out, &Value::Array(rows))?,
        Format::Template { text, table } => {
            format::print_template(&mut out, &text, table, table, &rows, HEADERS)?
        }
        Format::Table => format::print_template(
            &mut out,
            "{{.ID}}\t{{.Created}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}\n",
            true,
            true,
            &rows,
            HEADERS,
        )?,
    }
    Ok(0)
}
