//! `rctl network ls`.

use anyhow::Result;
use clap::Args;
use serde_json::Value;

use super::inspect::{document, go_view};
use crate::cmd::Ctx;
use crate::cmd::format::{self, Format};
use crate::net::network;

/// Flags of `network ls`.
#[derive(Args, Debug)]
pub struct ListArgs {
    /// Print only the names
    #[arg(short, long)]
    quiet: bool,
    /// Go template for each network, `table ...`, or json
    #[arg(long)]
    format: Option<String>,
    /// Show full ids
    #[arg(long)]
    no_trunc: bool,
}

/// Runs `network ls`.
pub fn run(ctx: &Ctx, a: ListArgs) -> Result<i32> {
    let store = ctx.store()?;
    let nets = network::list(&store)?;
    if a.quiet {
        for n in &nets {
            println!("{}", n.name);
        }
        return Ok(0);
    }
    let fmt = Format::parse(a.format.as_deref());
    let docs: Vec<Value> = nets.iter().map(|n| document(&store, n)).collect();
    let mut out = std::io::stdout().lock();
    if fmt.is_json() {
        return format::print_json(&mut out, &Value::Array(docs)).map(|()| 0);
    }
    let rows: Vec<Value> = docs
        .iter()
        .map(|d| {
            let mut v = go_view(d);
            if !a.no_trunc
                && let Some(id) = v["ID"].as_str().map(|s| s[..12.min(s.len())].to_string())
            {
                v["ID"] = id.into();
            }
            v
        })
        .collect();
    format::print_rows(
        &mut out,
        &fmt,
        &rows,
        "{{.ID}}\t{{.Name}}\t{{.Driver}}\n",
        &[("ID", "NETWORK ID"), ("Name", "NAME"), ("Driver", "DRIVER")],
    )?;
    Ok(0)
}
