//! rctl: pull, build, store and run OCI containers with no daemon.
//!
//! The library does the work and never prints; `cmd` parses flags, calls it,
//! and prints. See DESIGN.md for the layout and the reasons behind it.

// podman-shaped inspect documents are deep json! literals.
#![recursion_limit = "256"]

pub mod build;
pub mod cmd;
pub mod config;
pub mod container;
pub mod image;
pub mod net;
pub mod rootless;
pub mod storage;
