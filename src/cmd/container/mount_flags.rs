//! The mount flags of `create` and `run`: `-v`, `--mount`, `--tmpfs`,
//! `--volumes-from`.

use anyhow::{Context, Result};
use clap::Args;

use crate::container::mountspec::{self, MountRequest, MountSpec, Source};

/// Flags that mount volumes, host paths and tmpfs into a container.
#[derive(Args, Debug, Clone, Default)]
pub struct MountFlags {
    /// Mount a volume or host path ([SOURCE:]DEST[:ro|rw|z|Z|nocopy|...]); a
    /// SOURCE starting with / or . is a host path, else a volume's name (made
    /// if missing); no SOURCE: a new anonymous volume
    #[arg(short, long, value_name = "[SOURCE:]DEST[:OPTS]")]
    pub volume: Vec<String>,
    /// Mount (type=bind|volume|tmpfs,source=…,target=…[,readonly][,tmpfs-size=…][,tmpfs-mode=…])
    #[arg(long, value_name = "OPTIONS")]
    pub mount: Vec<String>,
    /// Mount a new tmpfs (DEST[:size=…,mode=…,noexec,…])
    #[arg(long, value_name = "DEST[:OPTS]")]
    pub tmpfs: Vec<String>,
    /// Mount the volumes and bind mounts of another container (CONTAINER[:ro|rw])
    #[arg(long, value_name = "CONTAINER[:ro|rw]")]
    pub volumes_from: Vec<String>,
}

impl MountFlags {
    /// The flags read; relative host paths made absolute.
    pub fn request(&self) -> Result<MountRequest> {
        let mut specs: Vec<MountSpec> = Vec::new();
        for v in &self.volume {
            specs.push(mountspec::parse_volume(v)?);
        }
        for m in &self.mount {
            specs.push(mountspec::parse_mount(m)?);
        }
        for t in &self.tmpfs {
            // As podman, tmpfs mounts are noexec unless asked otherwise.
            let mut spec = mountspec::parse_tmpfs(t)?;
            if !spec.options.iter().any(|o| o == "exec") {
                spec.options.push("noexec".into());
            }
            specs.push(spec);
        }
        for s in &mut specs {
            if let Source::Bind { source } = &mut s.source
                && source.is_relative()
            {
                *source = std::path::absolute(&*source)
                    .with_context(|| format!("bind mount source {}", source.display()))?;
            }
        }
        Ok(MountRequest {
            specs,
            volumes_from: self.volumes_from.clone(),
        })
    }
}
