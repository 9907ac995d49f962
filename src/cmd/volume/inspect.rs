//! `rctl volume inspect`.

use anyhow::Result;
use chrono::SecondsFormat;
use clap::Args;
use serde_json::{Value, json};

use crate::cmd::{Ctx, format};
use crate::storage::Store;
use crate::storage::volumes::{Volume, VolumeError};

/// Flags of `volume inspect`.
#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Go template for each volume
    #[arg(short, long)]
    format: Option<String>,
    /// Show every volume
    #[arg(short, long)]
    all: bool,
    /// Volumes to show
    #[arg(value_name = "VOLUME", required_unless_present = "all")]
    volumes: Vec<String>,
}

/// podman's `volume inspect` document. `MountCount` counts the running
/// containers that have it mounted.
pub fn document(store: &Store, v: &Volume) -> Value {
    let mounted = store
        .volume_users(&v.name)
        .unwrap_or_default()
        .iter()
        .filter(|id| {
            store
                .live_state(id)
                .is_ok_and(|st| st.status == crate::storage::containers::Status::Running)
        })
        .count();
    let mut d = json!({
        "Name": v.name,
        "Driver": v.driver,
        "Mountpoint": store.volume_data(&v.name),
        "CreatedAt": v.created.to_rfc3339_opts(SecondsFormat::Nanos, true),
        "Labels": v.labels,
        "Scope": "local",
        "Options": v.options,
        "MountCount": mounted,
        "NeedsCopyUp": v.needs_copy_up,
    });
    if v.anonymous {
        d["Anonymous"] = json!(true);
    }
    d
}

/// Runs `volume inspect`: exit 125 when a volume is missing (after
/// printing the others), as podman.
pub fn run(ctx: &Ctx, a: InspectArgs) -> Result<i32> {
    let store = ctx.store()?;
    let mut docs = Vec::new();
    let mut code = 0;
    let found = if a.all {
        store.volumes()?
    } else {
        let mut found = Vec::new();
        for name in &a.volumes {
            match store.volume(name) {
                Ok(v) => found.push(v),
                Err(e @ VolumeError::NotFound(_)) => {
                    eprintln!("Error: {e}");
                    code = crate::cmd::EXIT_ERROR;
                }
                Err(e) => return Err(e.into()),
            }
        }
        found
    };
    for v in &found {
        docs.push(document(&store, v));
    }
    let mut out = std::io::stdout().lock();
    match a.format.as_deref() {
        Some(t) if t != "json" => {
            for d in &docs {
                use std::io::Write;
                out.write_all(format::render_one(t, d)?.as_bytes())?;
            }
        }
        _ => format::print_json(&mut out, &Value::Array(docs))?,
    }
    Ok(code)
}
