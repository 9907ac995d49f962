//! `rctl create`, and the flags `run` shares with it.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::cmd::Ctx;
use crate::cmd::image::pull::{self, PullPolicy, PullRequest};
use crate::cmd::registry::{PlatformArgs, RegistryArgs};
use crate::container::lifecycle;
use crate::container::spec::{self, CreateOptions};
use crate::storage::Store;
use crate::storage::containers::{ContainerRecord, NameConfig};

/// Flags that shape a container (`create` and `run`).
#[derive(Args, Debug, Clone)]
pub struct CreateFlags {
    /// Keep standard input open
    #[arg(short, long)]
    pub interactive: bool,
    /// Give the container a terminal
    #[arg(short, long)]
    pub tty: bool,
    /// Remove the container when it exits
    #[arg(long)]
    pub rm: bool,
    /// Name of the container
    #[arg(long)]
    pub name: Option<String>,
    /// Set an environment variable (NAME=VALUE, or NAME to take the host's)
    #[arg(short, long, value_name = "NAME[=VALUE]")]
    pub env: Vec<String>,
    /// Read environment variables from a file
    #[arg(long, value_name = "FILE")]
    pub env_file: Vec<PathBuf>,
    /// Working directory inside the container
    #[arg(short, long, value_name = "DIR")]
    pub workdir: Option<String>,
    /// User (name, uid, name:group, uid:gid)
    #[arg(short, long)]
    pub user: Option<String>,
    /// Override the image's entrypoint ("" clears it; a JSON array is allowed)
    #[arg(long, allow_hyphen_values = true)]
    pub entrypoint: Option<String>,
    /// Host name inside the container
    #[arg(short = 'h', long)]
    pub hostname: Option<String>,
    /// Network: none, host, private[:allow_host_loopback=true] (rctl's own
    /// user-mode stack), slirp4netns[:OPTIONS], pasta[:OPTIONS],
    /// container:NAME, bridge (the default network, root only) or a
    /// network's name. Default: bridge for root, private rootless
    #[arg(long, alias = "net", value_name = "MODE")]
    pub network: Option<String>,
    /// Publish a container's port on the host ([IP:][HOST_PORT:]PORT[/tcp|udp], ranges too)
    #[arg(short, long, value_name = "PORTS")]
    pub publish: Vec<String>,
    /// Publish every port the image exposes, on free host ports
    #[arg(short = 'P', long)]
    pub publish_all: bool,
    /// Another name the container has on its network
    #[arg(long, value_name = "NAME")]
    pub network_alias: Vec<String>,
    /// The container's IPv4 address on its network (bridge networks)
    #[arg(long, value_name = "IPV4")]
    pub ip: Option<std::net::Ipv4Addr>,
    /// The container's MAC address on its network (bridge networks)
    #[arg(long, value_name = "MAC")]
    pub mac_address: Option<String>,
    /// Add a line to /etc/hosts (NAME:IP)
    #[arg(long, value_name = "NAME:IP")]
    pub add_host: Vec<String>,
    /// Name server for /etc/resolv.conf (replaces the host's)
    #[arg(long, value_name = "IP")]
    pub dns: Vec<String>,
    /// Search domain for /etc/resolv.conf (replaces the host's; `.` for none)
    #[arg(long, value_name = "DOMAIN")]
    pub dns_search: Vec<String>,
    /// Option for /etc/resolv.conf (replaces the host's)
    #[arg(long, value_name = "OPTION")]
    pub dns_option: Vec<String>,
    /// Leave the image's /etc/hosts as it is
    #[arg(long, conflicts_with = "add_host")]
    pub no_hosts: bool,
    /// Run a small init as PID 1 that reaps zombies and passes signals on
    #[arg(long)]
    pub init: bool,
    /// Mount the root filesystem read-only
    #[arg(long)]
    pub read_only: bool,
    /// Signal that stops the container
    #[arg(long)]
    pub stop_signal: Option<String>,
    /// Seconds to wait for the stop signal before SIGKILL
    #[arg(long)]
    pub stop_timeout: Option<u32>,
    /// Add a label (KEY=VALUE)
    #[arg(short, long, value_name = "KEY=VALUE")]
    pub label: Vec<String>,
    /// Add an OCI annotation (KEY=VALUE)
    #[arg(long, value_name = "KEY=VALUE")]
    pub annotation: Vec<String>,
    /// Write the container id to this file
    #[arg(long, value_name = "FILE")]
    pub cidfile: Option<PathBuf>,
    /// When to pull the image from a registry
    #[arg(long, value_enum, default_value_t, value_name = "POLICY")]
    pub pull: PullPolicy,
    /// Print no pull progress
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub platform: PlatformArgs,
    #[command(flatten)]
    pub registry: RegistryArgs,
    #[command(flatten)]
    pub security: super::security_flags::SecurityFlags,
    #[command(flatten)]
    pub mounts: super::mount_flags::MountFlags,
    #[command(flatten)]
    pub resources: super::resources::ResourceFlags,
    /// Attach to these streams (stdin, stdout, stderr)
    #[arg(short, long, value_parser = ["stdin", "stdout", "stderr"])]
    pub attach: Vec<String>,
    /// Keys that detach from the container
    #[arg(long, default_value = "ctrl-p,ctrl-q")]
    pub detach_keys: String,
    /// User namespace: host (the caller's), auto[:size=N] (root: ids of
    /// user "containers" from /etc/subuid, a range of its own per
    /// container) or keep-id[:uid=N,gid=N] (rootless: your own uid and gid
    /// are the same inside, or N, and the process runs as you)
    #[arg(long, default_value = "")]
    pub userns: String,
    /// Where the container's output is logged
    #[arg(long, default_value = "k8s-file", value_parser = ["k8s-file", "json-file", "none", "passthrough"])]
    pub log_driver: String,
    /// The image, then the command and its arguments (default: the
    /// image's). Flags end at the image, as in podman: what follows it is
    /// the command's, `-c` included.
    #[arg(value_name = "IMAGE [COMMAND [ARG]...]", required = true, num_args = 1.., trailing_var_arg = true)]
    image_and_command: Vec<String>,
}

impl CreateFlags {
    /// Enters rctl's user namespace (rootless). A container that shares
    /// another's network must live in that one's user namespace, which every
    /// rootless `run` makes anew: that one is joined.
    pub fn enter_userns(&self, ctx: &Ctx) -> Result<()> {
        match self
            .network
            .as_deref()
            .and_then(|n| n.strip_prefix("container:"))
        {
            Some(other) if ctx.rootless() => {
                let store = ctx.store()?;
                let id = store.resolve_container(other)?;
                ctx.userns_for(&store, &id)
            }
            _ => ctx.userns(),
        }
    }

    /// The image the container is made from.
    pub fn image(&self) -> &str {
        &self.image_and_command[0]
    }

    /// The network mode: as given, else [`default_network`].
    fn network_mode(&self, rootless: bool) -> String {
        match &self.network {
            Some(n) => n.clone(),
            None => default_network(rootless),
        }
    }

    /// The options the library takes, with `-e NAME` and env files read here.
    fn options(&self, rootless: bool) -> Result<CreateOptions> {
        let mut ports = Vec::new();
        for p in &self.publish {
            ports.extend(crate::net::ports::parse(p)?);
        }
        let mut env = Vec::new();
        for f in &self.env_file {
            let text = std::fs::read_to_string(f)
                .with_context(|| format!("reading env file {}", f.display()))?;
            env.extend(spec::parse_env_file(&text, |k| std::env::var(k).ok()));
        }
        for e in &self.env {
            if e.contains('=') {
                env.push(e.clone());
            } else if let Ok(v) = std::env::var(e) {
                env.push(format!("{e}={v}"));
            }
        }
        let network = self.network_mode(rootless);
        Ok(CreateOptions {
            security: self.security.config(&network)?,
            command: self.image_and_command[1..].to_vec(),
            entrypoint: self.entrypoint.clone(),
            env,
            workdir: self.workdir.clone(),
            user: self.user.clone(),
            hostname: self.hostname.clone(),
            tty: self.tty,
            interactive: self.interactive,
            labels: self.label.clone(),
            annotations: self.annotation.clone(),
            stop_signal: self.stop_signal.clone(),
            stop_timeout: self.stop_timeout,
            network,
            ports,
            publish_all: self.publish_all,
            volumes: self.mounts.request()?,
            resources: self.resources.resources(rootless)?,
            network_aliases: self.network_alias.clone(),
            address: crate::net::attach::Requested {
                ip: self.ip,
                mac: self.mac_address.clone(),
            },
            init: self.init,
            read_only: self.read_only,
            log_driver: self.log_driver.clone(),
            auto_remove: self.rm,
            detach_keys: self.detach_keys.clone(),
            attach: self.attach.clone(),
            userns: crate::container::idmap::parse_userns(&self.userns)
                .map_err(anyhow::Error::msg)?,
            names: NameConfig {
                add_hosts: self.add_host.clone(),
                servers: self.dns.clone(),
                search: self.dns_search.clone(),
                options: self.dns_option.clone(),
                no_hosts: self.no_hosts,
            },
        })
    }

    /// Creates the container these flags describe, pulling the image as
    /// `--pull` asks.
    pub fn create(&self, ctx: &Ctx, store: &Store) -> Result<ContainerRecord> {
        if let Some(f) = &self.cidfile
            && f.exists()
        {
            bail!("container id file {} exists: remove it first", f.display());
        }
        let opts = self.options(ctx.rootless())?;
        let request = PullRequest {
            policy: self.pull,
            platform: &self.platform,
            registry: &self.registry,
            quiet: self.quiet,
        };
        pull::ensure(ctx, store, self.image(), &request)?;
        let resolved = store.resolve(self.image())?;
        let image_name = resolved
            .name
            .clone()
            .unwrap_or_else(|| resolved.id.hex().to_string());
        let rec = lifecycle::create(
            store,
            &resolved.id,
            &image_name,
            self.name.as_deref(),
            &opts,
        )?;
        if let Some(f) = &self.cidfile {
            std::fs::write(f, &rec.id).with_context(|| format!("writing {}", f.display()))?;
        }
        if self.tty && self.interactive && !std::io::stdin().is_terminal() {
            tracing::debug!("-t with standard input not a terminal");
        }
        Ok(rec)
    }
}

/// Flags of `create` (`-h` is `--hostname`, as in podman).
#[derive(Args, Debug)]
#[command(disable_help_flag = true)]
pub struct CreateArgs {
    /// Print help
    #[arg(long, action = clap::ArgAction::Help)]
    help: Option<bool>,
    #[command(flatten)]
    flags: CreateFlags,
}

/// The network a container gets when none is asked: `bridge` (the default
/// network) for root, `private` rootless, as podman. Rootless without a
/// usable /dev/net/tun it is `none`, with a warning that says why (asking
/// for `private` then is an error).
pub fn default_network(rootless: bool) -> String {
    if !rootless {
        "bridge".into()
    } else if crate::net::private::tun_usable() {
        "private".into()
    } else {
        tracing::warn!(
            "/dev/net/tun cannot be opened: the container gets no network (--network none); \
             rootless networking needs /dev/net/tun mode 0666, as distributions make it"
        );
        "none".into()
    }
}

/// Runs `create`: prints the new container's id.
pub fn run(ctx: &Ctx, a: CreateArgs) -> Result<i32> {
    a.flags.enter_userns(ctx)?;
    let store = ctx.store()?;
    let rec = a.flags.create(ctx, &store)?;
    println!("{}", rec.id);
    Ok(0)
}
