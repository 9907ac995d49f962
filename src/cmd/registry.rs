//! What the registry commands share: the credential and TLS flags, and
//! building the registry client from them and from registries.conf.

use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use super::Ctx;
use crate::image::auth::{AuthFiles, Credentials};
use crate::image::platform::Platform;
use crate::image::registries::Registries;
use crate::image::registry::{CredentialSource, Remote};

/// Flags of every command that talks to a registry.
#[derive(Args, Debug, Clone, Default)]
pub struct RegistryArgs {
    /// Credentials file (default: podman's auth.json; docker's config.json is read too)
    #[arg(long, env = "REGISTRY_AUTH_FILE", value_name = "FILE")]
    pub authfile: Option<PathBuf>,
    /// Credentials (USERNAME[:PASSWORD]) for the registry
    #[arg(long, value_name = "USER:PASSWORD")]
    pub creds: Option<String>,
    /// Require HTTPS and verify certificates (`--tls-verify=false` allows plain HTTP)
    #[arg(long, value_name = "BOOL", num_args = 0..=1, default_missing_value = "true", require_equals = true)]
    pub tls_verify: Option<bool>,
}

impl RegistryArgs {
    /// Whether `--tls-verify=false` was given.
    pub fn insecure(&self) -> bool {
        self.tls_verify == Some(false)
    }

    /// The credential files for this user.
    pub fn auth_files(&self, ctx: &Ctx) -> AuthFiles {
        AuthFiles::locate(
            self.authfile.clone(),
            std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from),
            std::env::var_os("HOME").map(PathBuf::from),
            ctx.rootless(),
            ctx.uid(),
        )
    }

    /// Where this command's credentials come from.
    pub fn credentials(&self, ctx: &Ctx) -> Result<CredentialSource> {
        let explicit = match &self.creds {
            Some(c) => Some(Credentials::parse(c).map_err(anyhow::Error::msg)?),
            None => None,
        };
        Ok(CredentialSource {
            explicit,
            files: self.auth_files(ctx),
        })
    }
}

/// registries.conf as podman finds it (`$CONTAINERS_REGISTRIES_CONF`, the
/// user's, the system's, and their drop-in directories).
pub fn registries() -> Result<Registries> {
    let config_home = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")));
    Ok(Registries::load(
        std::env::var_os("CONTAINERS_REGISTRIES_CONF").map(PathBuf::from),
        config_home,
    )?)
}

/// The registry client. Rootless, make it after entering the user
/// namespace (which needs a single thread), and drop it before starting a
/// container: it runs I/O threads.
pub fn remote(ctx: &Ctx, args: &RegistryArgs) -> Result<(Remote, Registries)> {
    Ok((Remote::new(args.credentials(ctx)?)?, registries()?))
}

/// Flags that choose a platform from a multi-platform image.
#[derive(Args, Debug, Clone, Default)]
pub struct PlatformArgs {
    /// Platform of the image to take from a manifest list (OS/ARCH[/VARIANT])
    #[arg(long, value_name = "OS/ARCH[/VARIANT]")]
    pub platform: Option<String>,
    /// Architecture to take instead of the host's
    #[arg(long, value_name = "ARCH")]
    pub arch: Option<String>,
    /// Operating system to take instead of the host's
    #[arg(long, value_name = "OS")]
    pub os: Option<String>,
    /// CPU variant to take (v7, v8, ...)
    #[arg(long, value_name = "VARIANT")]
    pub variant: Option<String>,
}

impl PlatformArgs {
    /// The platform these flags ask for (the host's by default).
    pub fn platform(&self) -> Result<Platform> {
        let mut p = Platform::from_flags(
            self.platform.as_deref(),
            self.os.as_deref(),
            self.arch.as_deref(),
        )
        .map_err(anyhow::Error::msg)?;
        if let Some(v) = &self.variant {
            p.variant = Some(v.clone());
        }
        Ok(p)
    }
}
