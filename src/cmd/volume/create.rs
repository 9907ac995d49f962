//! `rctl volume create`.

use std::collections::BTreeMap;

use anyhow::{Result, bail};
use clap::Args;

use crate::cmd::Ctx;
use crate::storage::volumes::{Volume, VolumeError};

/// Flags of `volume create`.
#[derive(Args, Debug)]
pub struct CreateArgs {
    /// Volume driver (only local)
    #[arg(short, long, default_value = "local")]
    driver: String,
    /// Add a label (KEY=VALUE)
    #[arg(short, long, value_name = "KEY=VALUE")]
    label: Vec<String>,
    /// Driver option: type=tmpfs (o=size=…,mode=…), type=none with o=bind
    /// and device=/host/path, o=uid=N,gid=N (owner of the data), nocopy
    #[arg(short, long, value_name = "KEY[=VALUE]")]
    opt: Vec<String>,
    /// Do not fail when the volume exists
    #[arg(long)]
    ignore: bool,
    /// Name of the volume (default: 64 random hex digits)
    name: Option<String>,
}

/// `KEY=VALUE` (or `KEY`) arguments as a map.
fn pairs(args: &[String]) -> BTreeMap<String, String> {
    args.iter()
        .map(|a| match a.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (a.clone(), String::new()),
        })
        .collect()
}

/// Runs `volume create`: prints the volume's name.
pub fn run(ctx: &Ctx, a: CreateArgs) -> Result<i32> {
    if a.driver != "local" {
        bail!(VolumeError::Driver(a.driver));
    }
    // Rootless, `o=uid=` names an id of the user namespace.
    ctx.userns()?;
    let store = ctx.store()?;
    let v = Volume::new(a.name.as_deref(), pairs(&a.label), pairs(&a.opt), false)?;
    match store.create_volume(&v) {
        Ok(()) => {}
        Err(VolumeError::Exists(_)) if a.ignore => {}
        Err(e) => return Err(e.into()),
    }
    println!("{}", v.name);
    Ok(0)
}
