//! The security tests' probe (probe.c): a static binary built with gcc that
//! makes one system call an escape would and prints "ok" or the errno's name.

use std::path::{Path, PathBuf};

/// Builds the probe in `dir` (a test's own directory, removed with it),
/// once per directory.
pub fn build_in(dir: &Path) -> PathBuf {
    let out = dir.join("probe");
    if out.exists() {
        return out;
    }
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/common/probe.c");
    let status = std::process::Command::new("gcc")
        .args(["-static", "-O1", "-o"])
        .arg(&out)
        .arg(src)
        .status()
        .expect("gcc is installed");
    assert!(status.success(), "building the probe failed");
    out
}
