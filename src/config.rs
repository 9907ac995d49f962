//! Configuration, loaded once at start from flags and environment and passed
//! down; nothing below reads the environment itself.

use std::path::PathBuf;

use crate::storage::{Driver, StoreConfig};

/// Set (to anything) by rctl for the processes it re-executes inside its user
/// namespace, where it looks like root but its store is a rootless one.
pub const ROOTLESS_ENV: &str = "_RCTL_ROOTLESS";

/// Where rctl keeps its store, given the flags (which already carry
/// `RCTL_ROOT`/`RCTL_RUNROOT`) and, for defaults, the user's environment.
pub fn store_config(
    root: Option<PathBuf>,
    runroot: Option<PathBuf>,
    driver: Option<Driver>,
    storage_opts: &[String],
) -> Result<StoreConfig, String> {
    let mut mount_program = None;
    for o in storage_opts {
        match o.split_once('=') {
            Some(("overlay.mount_program" | "mount_program", p)) if !p.is_empty() => {
                mount_program = Some(PathBuf::from(p));
            }
            _ => {
                return Err(format!(
                    "invalid --storage-opt {o:?}: supported is overlay.mount_program=PATH"
                ));
            }
        }
    }
    let uid = nix::unistd::geteuid();
    let rootless = !uid.is_root() || std::env::var_os(ROOTLESS_ENV).is_some();
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let root = root.unwrap_or_else(|| {
        if rootless {
            env("XDG_DATA_HOME")
                .or_else(|| env("HOME").map(|h| h.join(".local/share")))
                .unwrap_or_else(|| PathBuf::from(format!("/tmp/rctl-{uid}-data")))
                .join("rctl")
        } else {
            PathBuf::from("/var/lib/rctl")
        }
    });
    let runroot = runroot.unwrap_or_else(|| {
        if rootless {
            env("XDG_RUNTIME_DIR")
                .map(|d| d.join("rctl"))
                .unwrap_or_else(|| PathBuf::from(format!("/tmp/rctl-{uid}")))
        } else {
            PathBuf::from("/run/rctl")
        }
    });
    Ok(StoreConfig {
        root,
        runroot,
        driver: driver.unwrap_or(Driver::Overlay),
        rootless,
        mount_program,
    })
}
