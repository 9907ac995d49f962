//! `rctl volume ls`.

use anyhow::Result;
use clap::Args;
use serde_json::Value;

use super::inspect::document;
use crate::cmd::Ctx;
use crate::cmd::format::{self, Format};
use crate::storage::volumes::VolumeFilter;

/// Flags of `volume ls`.
#[derive(Args, Debug)]
pub struct ListArgs {
    /// Print only the names
    #[arg(short, long)]
    quiet: bool,
    /// Go template for each volume, `table ...`, or json
    #[arg(long)]
    format: Option<String>,
    /// Filter (name=, label=KEY[=VALUE], dangling=true|false, driver=, anonymous=)
    #[arg(short, long, value_name = "KEY=VALUE")]
    filter: Vec<String>,
}

/// Runs `volume ls`.
pub fn run(ctx: &Ctx, a: ListArgs) -> Result<i32> {
    let store = ctx.store()?;
    let filter = VolumeFilter::parse(&a.filter)?;
    let mut vols = Vec::new();
    for v in store.volumes()? {
        let in_use = filter.needs_users() && !store.volume_users(&v.name)?.is_empty();
        if filter.matches(&v, in_use) {
            vols.push(v);
        }
    }
    if a.quiet {
        for v in &vols {
            println!("{}", v.name);
        }
        return Ok(0);
    }
    let rows: Vec<Value> = vols.iter().map(|v| document(&store, v)).collect();
    let mut out = std::io::stdout().lock();
    format::print_rows(
        &mut out,
        &Format::parse(a.format.as_deref()),
        &rows,
        "{{.Driver}}\t{{.Name}}\n",
        &[("Driver", "DRIVER"), ("Name", "VOLUME NAME")],
    )?;
    Ok(0)
}
