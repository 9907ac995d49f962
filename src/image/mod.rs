//! Images as data: references, digests, configs and manifests, image archives
//! (docker-archive, oci-archive, oci-dir), importing a root filesystem, and
//! talking to registries (pull, push, credentials, registries.conf).
//! The store keeps what this module produces; nothing here prints.

pub mod archive;
pub mod auth;
pub mod compose;
pub mod config;
pub mod digest;
pub mod filter;
pub mod import;
pub mod inspect;
pub mod load;
pub mod parallel;
pub mod platform;
pub mod progress;
pub mod pull;
pub mod push;
pub mod reference;
pub mod registries;
pub mod registry;
pub mod save;
