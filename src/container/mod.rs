//! Containers: settings from an image and flags, the root filesystem and
//! mounts, process creation, and the pieces the commands use to run, watch,
//! enter and copy into containers.
//!
//! The runtime is kept separable (DESIGN.md): [`launch`] takes a plain
//! [`launch::Launch`] description and knows nothing of the store or the
//! command line, so a runc-compatible front end can drive it later.

pub mod attach;
pub mod caps;
pub mod cgroup;
pub mod commit;
pub mod control;
pub mod copy;
pub mod diff;
pub mod exec;
pub mod hostmount;
pub mod idmap;
pub mod init;
pub mod inroot;
pub mod inspect;
pub mod keepid;
pub mod launch;
pub mod layer_tar;
pub mod lifecycle;
pub mod logs;
pub mod monitor;
pub mod mounts;
pub mod mountspec;
pub mod networks;
pub mod ops;
pub mod passwd;
pub mod resources;
pub mod security;
pub mod session;
pub mod spec;
pub mod stats;
pub mod top;
pub mod userdata;
pub mod vfs;
pub mod volumes;
