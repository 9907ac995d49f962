//! Images as data: references, digests, configs and manifests, image archives
//! (docker-archive, oci-archive, oci-dir), and importing a root filesystem.
//! The store keeps what this module produces; nothing here prints.

pub mod archive;
pub mod config;
pub mod digest;
pub mod filter;
pub mod import;
pub mod inspect;
pub mod load;
pub mod platform;
pub mod reference;
pub mod save;
