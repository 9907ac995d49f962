//! `rctl system df`.

use std::collections::BTreeSet;

use anyhow::Result;
use clap::Args;
use serde_json::json;

use crate::cmd::Ctx;
use crate::cmd::format::{self, Format};
use crate::storage::containers::Status;

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
    // Images that containers use are active; a running container's layer is not reclaimable.
    let mut used_images = BTreeSet::new();
    let (mut total_c, mut running, mut c_size, mut c_free) = (0, 0, 0u64, 0u64);
    for id in store.container_ids()? {
        let Ok(rec) = store.container(&id) else {
            continue;
        };
        total_c += 1;
        used_images.insert(rec.image_id.clone());
        let upper = crate::cmd::container::ps::dir_size(&store.container_dir(&id).join("upper"));
        c_size += upper;
        if matches!(
            store.live_state(&id).map(|s| s.status),
            Ok(Status::Running | Status::Paused)
        ) {
            running += 1;
        } else {
            c_free += upper;
        }
    }
    let mut active_layers = BTreeSet::new();
    for e in images.iter().filter(|e| used_images.contains(&e.record.id)) {
        active_layers.extend(e.record.layers.iter().cloned());
    }
    let active_size: u64 = active_layers
        .iter()
        .map(|l| store.layer(l).map_or(0, |r| r.size))
        .sum();
    let active_images = images
        .iter()
        .filter(|e| used_images.contains(&e.record.id))
        .count();
    let rows = vec![
        row(
            "Images",
            images.len(),
            active_images,
            size,
            size.saturating_sub(active_size),
        ),
        row("Containers", total_c, running, c_size, c_free),
        row("Local Volumes", 0, 0, 0, 0),
    ];
    let mut out = std::io::stdout().lock();
    format::print_rows(
        &mut out,
        &Format::parse(a.format.as_deref()),
        &rows,
        "{{.Type}}\t{{.Total}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}\n",
        HEADERS,
    )?;
    Ok(0)
}
