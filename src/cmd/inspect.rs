//! `rctl inspect`: details of any object by name or id. Images today;
//! containers join with the runtime.

use anyhow::{Result, anyhow};
use clap::Args;

use super::Ctx;
use super::image::inspect::{document, print};

/// Flags of `inspect`.
#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Print with a Go template instead of JSON
    #[arg(short, long)]
    format: Option<String>,
    /// Which kind of object to look for
    #[arg(short, long, default_value = "all", value_parser = ["all", "image"])]
    r#type: String,
    /// Objects to inspect
    #[arg(required = true, value_name = "NAME")]
    names: Vec<String>,
}

/// Runs `inspect`.
pub fn run(ctx: &Ctx, a: InspectArgs) -> Result<i32> {
    let store = ctx.store()?;
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for n in &a.names {
        match document(&store, n) {
            Ok(d) => docs.push(d),
            Err(_) => errors.push(anyhow!("no such object: {n:?}")),
        }
    }
    print(docs, errors, a.format.as_deref())
}
