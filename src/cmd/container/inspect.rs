//! `rctl container inspect`.

use anyhow::Result;
use clap::Args;
use serde_json::Value;

use crate::cmd::Ctx;
use crate::cmd::image::inspect::print;
use crate::container::inspect;
use crate::storage::Store;

/// Flags of `container inspect`.
#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Print with a Go template instead of JSON
    #[arg(short, long)]
    format: Option<String>,
    /// Containers to inspect
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

/// The inspect document of the container `input` names.
pub fn document(store: &Store, input: &str) -> Result<Value> {
    let id = store.resolve_container(input)?;
    let rec = store.container(&id)?;
    let st = store.live_state(&id)?;
    Ok(inspect::document(store, &rec, &st))
}

/// Runs `container inspect`.
pub fn run(ctx: &Ctx, a: InspectArgs) -> Result<i32> {
    let store = ctx.store()?;
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for c in &a.containers {
        match document(&store, c) {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    print(docs, errors, a.format.as_deref())
}
