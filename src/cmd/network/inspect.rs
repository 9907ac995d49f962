//! `rctl network inspect`.

use anyhow::Result;
use clap::Args;
use serde_json::Value;

use crate::cmd::{Ctx, format};
use crate::net::network::{self, NetError, Network};
use crate::storage::Store;

/// Flags of `network inspect`.
#[derive(Args, Debug)]
pub struct InspectArgs {
    /// Go template for each network
    #[arg(short, long)]
    format: Option<String>,
    /// Networks to show
    #[arg(required = true, value_name = "NETWORK")]
    networks: Vec<String>,
}

/// podman's `network inspect` document: the record plus the containers on it.
pub fn document(store: &Store, n: &Network) -> Value {
    let mut v = serde_json::to_value(n).unwrap_or_default();
    let mut containers = serde_json::Map::new();
    for id in crate::net::attach::users(store, &n.name) {
        let name = store.container(&id).map(|r| r.name).unwrap_or_default();
        containers.insert(id, serde_json::json!({ "name": name }));
    }
    v["containers"] = Value::Object(containers);
    v
}

/// Runs `network inspect`: exit 125 when a network is missing (after
/// printing the others), as podman.
pub fn run(ctx: &Ctx, a: InspectArgs) -> Result<i32> {
    let store = ctx.store()?;
    let mut docs = Vec::new();
    let mut code = 0;
    for name in &a.networks {
        match network::get(&store, name) {
            Ok(n) => docs.push(document(&store, &n)),
            Err(e @ NetError::NotFound(_)) => {
                eprintln!("Error: {e}");
                code = crate::cmd::EXIT_ERROR;
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut out = std::io::stdout().lock();
    match a.format.as_deref() {
        Some(t) if t != "json" => {
            for d in &docs {
                use std::io::Write;
                out.write_all(format::render_one(t, &go_view(d))?.as_bytes())?;
            }
        }
        _ => format::print_json(&mut out, &Value::Array(docs))?,
    }
    Ok(code)
}

/// The document with podman's Go field names added (`{{.Name}}`,
/// `{{.NetworkInterface}}`), beside the JSON ones.
pub fn go_view(d: &Value) -> Value {
    let mut v = d.clone();
    if let Value::Object(m) = &mut v {
        for (go, json) in [
            ("Name", "name"),
            ("ID", "id"),
            ("Driver", "driver"),
            ("NetworkInterface", "network_interface"),
            ("Created", "created"),
            ("Subnets", "subnets"),
            ("IPv6Enabled", "ipv6_enabled"),
            ("Internal", "internal"),
            ("DNSEnabled", "dns_enabled"),
            ("IPAMOptions", "ipam_options"),
            ("Containers", "containers"),
        ] {
            if let Some(x) = m.get(json).cloned() {
                m.insert(go.to_string(), x);
            }
        }
    }
    v
}
