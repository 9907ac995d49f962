//! `rctl system df`.

use std::collections::BTreeSet;

use anyhow::Result;
use clap::Args;
use serde_json::{Value, json};

use crate::cmd::Ctx;
use crate::cmd::format::{self, Format};

/// Flags of `system df`.
#[derive(Args, Debug)]
pub struct DfArgs {
    /// Print with a Go template, or `json`
    #[arg(long)]
    format: Option<String>,
}

const HEADERS: &[(&str, &str)] = &[
    ("Type", "TYPE"),
    ("Total", "TOTAL"),
    ("Active", "ACTIVE"),
    ("Size", "SIZE"),
    ("Reclaimable", "RECLAIMABLE"),
];

/// Runs `system df`.
pub fn run(ctx: &Ctx, a: DfArgs) -> Result<i32> {
    let store = ctx.store()?;
    let images = store.images()?;
    // Shared layers count once.
    let mut seen = BTreeSet::new();
    let mut size = 0u64;
    for e in &images {
        for l in &e.record.layers {
            if seen.insert(l.clone()) {
                size += store.layer(l).map_or(0, |r| r.size);
            }
        }
    }
    let row = |kind: &str, total: usize, active: usize, size: u64, reclaimable: u64| {
        let pct = (reclaimable * 100).checked_div(size).unwrap_or(0);
        json!({
            "Type": kind,
            "Total": total,
            "Active": active,
            "Size": format::human_size(size, ""),
            "Reclaimable": format!("{} ({pct}%)", format::human_size(reclaimable, "")),
            "RawSize": size,
            "RawReclaimable": reclaimable,
        })
    };
    let rows = vec![
        row("Images", images.len(), 0, size, size),
        row("Containers", 0, 0, 0, 0),
        row("Local Volumes", 0, 0, 0, 0),
    ];
    let mut out = std::io::stdout().lock();
    match Format::parse(a.format.as_deref()) {
        Format::Json => format::print_json(&mut out, &Value::Array(rows))?,
        Format::Template { text, table } => {
            format::print_template(&mut out, &text, table, table, &rows, HEADERS)?
        }
        Format::Table => format::print_template(
            &mut out,
            "{{.Type}}\t{{.Total}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}\n",
            true,
            true,
            &rows,
            HEADERS,
        )?,
    }
    Ok(0)
}
