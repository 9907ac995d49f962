//! `rctl image inspect`.

use anyhow::Result;
use clap::Args;
use serde_json::Value;

use crate::cmd::{Ctx, format};
use crate::image::inspect;
use crate::storage::Store;

/// Flags of `image inspect`.
#[derive(Args, Debug)]
pub struct ImageInspectArgs {
    /// Print with a Go template instead of JSON
    #[arg(short, long)]
    format: Option<String>,
    /// Images to inspect
    #[arg(required = true, value_name = "IMAGE")]
    images: Vec<String>,
}

/// The inspect document of the image `input` names.
pub fn document(store: &Store, input: &str) -> Result<Value> {
    let id = store.resolve_image(input)?;
    Ok(inspect::inspect(store, &store.image_entry(&id)?)?)
}

/// Prints inspect documents as podman does: a JSON array, or one template
/// rendering per document. Returns the exit code given the errors seen.
pub fn print(docs: Vec<Value>, errors: Vec<anyhow::Error>, fmt: Option<&str>) -> Result<i32> {
    let mut out = std::io::stdout().lock();
    match fmt.map(str::trim) {
        None | Some("") | Some("json") => format::print_json(&mut out, &Value::Array(docs))?,
        Some(t) => {
            for d in &docs {
                use std::io::Write;
                out.write_all(format::render_one(t, d)?.as_bytes())?;
            }
        }
    }
    let failed = !errors.is_empty();
    for e in errors {
        eprintln!("Error: {}", crate::cmd::one_line(&e));
    }
    Ok(if failed { crate::cmd::EXIT_ERROR } else { 0 })
}

/// Runs `image inspect`.
pub fn run(ctx: &Ctx, a: ImageInspectArgs) -> Result<i32> {
    let store = ctx.store()?;
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for i in &a.images {
        match document(&store, i) {
            Ok(d) => docs.push(d),
            Err(e) => errors.push(e),
        }
    }
    print(docs, errors, a.format.as_deref())
}
