//! `rctl inspect`: details of containers and images by name or id.

use anyhow::{Result, anyhow};
use clap::Args;

use super::Ctx;
use super::container::inspect::document as container_document;
use super::image::inspect::{document as image_document, print};

/// Flags of `inspect`.
#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Print with a Go template instead of JSON
    #[arg(short, long)]
    format: Option<String>,
    /// Which kind of object to look for
    #[arg(short, long, default_value = "all", value_parser = ["all", "container", "image"])]
    r#type: String,
    /// Objects to inspect
    #[arg(required = true, value_name = "NAME")]
    names: Vec<String>,
}

/// Runs `inspect`: a container of that name or id first, then an image (podman's order).
pub fn run(ctx: &Ctx, a: InspectArgs) -> Result<i32> {
    let store = ctx.store()?;
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for n in &a.names {
        let found = match a.r#type.as_str() {
            "container" => container_document(&store, n),
            "image" => image_document(&store, n),
            _ => container_document(&store, n).or_else(|_| image_document(&store, n)),
        };
        match found {
            Ok(d) => docs.push(d),
            Err(_) => errors.push(anyhow!("no such object: {n:?}")),
        }
    }
    print(docs, errors, a.format.as_deref())
}
