//! The command line: podman's commands and flags, parsed with clap, each
//! command a thin module that calls the library and prints.
//!
//! Errors reach the user as one line, `Error: what which: why`, and exit 125
//! (podman's code for its own errors); a command's own codes (`image exists`
//! gives 1 for a missing image) are returned as `Ok(code)`.

pub mod completion;
pub mod container;
pub mod format;
pub mod image;
pub mod inspect;
pub mod login;
pub mod network;
pub mod progress;
pub mod registry;
pub mod system;
pub mod unshare;
pub mod volume;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use crate::storage::{Driver, Store, StoreConfig};

/// Exit code for rctl's own errors (podman's).
pub const EXIT_ERROR: i32 = 125;

/// rctl: pull, build, store and run OCI containers with no daemon.
#[derive(Parser, Debug)]
#[command(name = "rctl", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    global: GlobalArgs,
    #[command(subcommand)]
    command: Command,
}

/// Flags every command takes (podman's global flags).
#[derive(Args, Debug)]
pub struct GlobalArgs {
    /// Path of the persistent store (images, layers, containers)
    #[arg(long, global = true, env = "RCTL_ROOT", value_name = "DIR")]
    root: Option<PathBuf>,
    /// Path of the run-time state (pids, sockets)
    #[arg(long, global = true, env = "RCTL_RUNROOT", value_name = "DIR")]
    runroot: Option<PathBuf>,
    /// How much to log on standard error
    #[arg(long, global = true, default_value = "warn", value_parser = ["trace", "debug", "info", "warn", "warning", "error", "fatal", "panic"])]
    log_level: String,
    /// Storage driver for container root filesystems
    #[arg(long, global = true, value_enum)]
    storage_driver: Option<Driver>,
    /// Storage option: overlay.mount_program=PATH mounts overlays with a
    /// FUSE program (fuse-overlayfs) instead of the kernel
    #[arg(long, global = true, value_name = "KEY=VALUE")]
    storage_opt: Vec<String>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Manage images
    #[command(subcommand)]
    Image(image::ImageCommand),
    /// Manage containers
    #[command(subcommand)]
    Container(container::ContainerCommand),
    /// Manage networks
    #[command(subcommand)]
    Network(network::NetworkCommand),
    /// Manage volumes
    #[command(subcommand)]
    Volume(volume::VolumeCommand),
    /// Run a command in a new container
    Run(container::run::RunArgs),
    /// Create a container without starting it
    Create(container::create::CreateArgs),
    /// Start containers
    Start(container::start::StartArgs),
    /// Stop containers
    Stop(container::stop::StopArgs),
    /// Restart containers
    Restart(container::start::RestartArgs),
    /// Send a signal to containers
    Kill(container::stop::KillArgs),
    /// Remove containers
    Rm(container::rm::RmArgs),
    /// List containers
    Ps(container::ps::PsArgs),
    /// Show a container's output
    Logs(container::logs::LogsArgs),
    /// Wait for containers to exit and print their exit codes
    Wait(container::wait::WaitArgs),
    /// Attach to a running container
    Attach(container::attach::AttachArgs),
    /// Run a command in a running container
    Exec(container::exec::ExecArgs),
    /// Rename a container
    Rename(container::rm::RenameArgs),
    /// Copy files between a container and the host
    Cp(container::cp::CpArgs),
    /// Show the processes of a container
    Top(container::top::TopArgs),
    /// Show containers' CPU, memory, network, block I/O and process use
    Stats(container::stats::StatsArgs),
    /// List a container's published ports
    Port(container::port::PortArgs),
    /// Show what a container (or an image's top layer) changed
    Diff(container::diff::DiffArgs),
    /// Make an image of a container's changes
    Commit(container::commit::CommitArgs),
    /// Write a container's filesystem as a tar archive
    Export(container::export::ExportArgs),
    /// Change a container's resource limits
    Update(container::update::UpdateArgs),
    /// Freeze every process of containers
    Pause(container::pause::PauseArgs),
    /// Thaw paused containers
    Unpause(container::pause::PauseArgs),
    /// Mount a container's root filesystem on the host (root only)
    Mount(container::mount::MountArgs),
    /// Unmount a container's root filesystem from the host
    #[command(visible_alias = "umount")]
    Unmount(container::mount::UnmountArgs),
    /// List images (same as `image ls`)
    Images(image::list::ListArgs),
    /// Build an image from a Containerfile (same as `image build`)
    Build(Box<image::build::BuildArgs>),
    /// Pull images from a registry (same as `image pull`)
    Pull(image::pull::PullArgs),
    /// Push an image to a registry (same as `image push`)
    Push(image::push::PushArgs),
    /// Log in to a registry
    Login(login::LoginArgs),
    /// Log out of a registry
    Logout(login::LogoutArgs),
    /// Load images from an archive (same as `image load`)
    Load(image::load::LoadArgs),
    /// Save images to an archive (same as `image save`)
    Save(image::save::SaveArgs),
    /// Import a root filesystem tarball as an image (same as `image import`)
    Import(image::import::ImportArgs),
    /// Add names to an image (same as `image tag`)
    Tag(image::tag::TagArgs),
    /// Remove names from an image (same as `image untag`)
    Untag(image::tag::UntagArgs),
    /// Remove images (same as `image rm`)
    Rmi(image::rm::RmArgs),
    /// Show the history of an image (same as `image history`)
    History(image::history::HistoryArgs),
    /// Show details of containers and images
    Inspect(inspect::InspectArgs),
    /// Manage rctl itself: disk use, store checks, reset
    #[command(subcommand)]
    System(system::SystemCommand),
    /// Print shell completions
    Completion(completion::CompletionArgs),
    /// Run a command in rootless rctl's user namespace
    Unshare(unshare::UnshareArgs),
    /// A container's monitor (started by rctl itself)
    #[command(name = "__monitor", hide = true)]
    Monitor(MonitorArgs),
}

/// Arguments of the hidden `__monitor` command.
#[derive(Args, Debug)]
pub struct MonitorArgs {
    /// The container
    id: String,
    /// Descriptor of the pipe to report readiness on
    #[arg(long)]
    ready_fd: i32,
    /// Start the container only once a client attaches
    #[arg(long)]
    wait_for_attach: bool,
}

/// What every command gets: the configuration, and the store on demand.
pub struct Ctx {
    store_config: StoreConfig,
    /// The caller's real uid, read before any user namespace is entered.
    uid: u32,
}

impl Ctx {
    /// Opens the store (creating it on first use).
    pub fn store(&self) -> Result<Store> {
        Ok(Store::open(self.store_config.clone())?)
    }

    /// Whether rctl runs rootless.
    /// The caller's uid outside any user namespace rctl entered.
    pub fn uid(&self) -> u32 {
        self.uid
    }

    pub fn rootless(&self) -> bool {
        self.store_config.rootless
    }

    /// Rootless: enters a user namespace with the user's subordinate ids
    /// (where layer and container files have their real owners). Commands
    /// that write such files call this first, before any thread exists.
    pub fn userns(&self) -> Result<()> {
        if self.store_config.rootless {
            crate::rootless::enter()?;
        }
        Ok(())
    }

    /// Rootless: joins the user namespace of container `id` if it runs (to
    /// signal processes inside it), else enters a fresh one as [`Ctx::userns`].
    pub fn userns_for(&self, store: &Store, id: &str) -> Result<()> {
        if !self.store_config.rootless {
            return Ok(());
        }
        let st = store.live_state(id)?;
        if st.pid > 0 && crate::storage::containers::process_alive(st.pid, st.pid_start) {
            crate::rootless::join(st.pid)?;
        } else {
            crate::rootless::enter()?;
        }
        Ok(())
    }
}

/// Runs rctl with the process's arguments; returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    init_tracing(&cli.global.log_level);
    let store_config = match crate::config::store_config(
        cli.global.root.clone(),
        cli.global.runroot.clone(),
        cli.global.storage_driver,
        &cli.global.storage_opt,
    ) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("Error: {e}");
            return EXIT_ERROR;
        }
    };
    let ctx = Ctx {
        store_config,
        uid: nix::unistd::getuid().as_raw(),
    };
    match dispatch(&ctx, cli.command) {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return 0;
            }
            if e.to_string() == container::ALREADY_REPORTED {
                return EXIT_ERROR;
            }
            eprintln!("Error: {}", one_line(&e));
            EXIT_ERROR
        }
    }
}

fn dispatch(ctx: &Ctx, command: Command) -> Result<i32> {
    match command {
        Command::Image(c) => image::run(ctx, c),
        Command::Container(c) => container::run(ctx, c),
        Command::Network(c) => network::run(ctx, c),
        Command::Volume(c) => volume::run(ctx, c),
        Command::Run(a) => container::run::run(ctx, a),
        Command::Create(a) => container::create::run(ctx, a),
        Command::Start(a) => container::start::run(ctx, a),
        Command::Stop(a) => container::stop::stop(ctx, a),
        Command::Restart(a) => container::start::restart(ctx, a),
        Command::Kill(a) => container::stop::kill(ctx, a),
        Command::Rm(a) => container::rm::run(ctx, a),
        Command::Ps(a) => container::ps::run(ctx, a),
        Command::Logs(a) => container::logs::run(ctx, a),
        Command::Wait(a) => container::wait::run(ctx, a),
        Command::Attach(a) => container::attach::run(ctx, a),
        Command::Exec(a) => container::exec::run(ctx, a),
        Command::Rename(a) => container::rm::rename(ctx, a),
        Command::Cp(a) => container::cp::run(ctx, a),
        Command::Top(a) => container::top::run(ctx, a),
        Command::Stats(a) => container::stats::run(ctx, a),
        Command::Port(a) => container::port::run(ctx, a),
        Command::Diff(a) => container::diff::run(ctx, a),
        Command::Commit(a) => container::commit::run(ctx, a),
        Command::Export(a) => container::export::run(ctx, a),
        Command::Update(a) => container::update::run(ctx, a),
        Command::Pause(a) => container::pause::run(ctx, a, true),
        Command::Unpause(a) => container::pause::run(ctx, a, false),
        Command::Mount(a) => container::mount::mount(ctx, a),
        Command::Unmount(a) => container::mount::unmount(ctx, a),
        Command::Images(a) => image::list::run(ctx, a),
        Command::Build(a) => image::build::run(ctx, *a),
        Command::Pull(a) => image::pull::run(ctx, a),
        Command::Push(a) => image::push::run(ctx, a),
        Command::Login(a) => login::login(ctx, a),
        Command::Logout(a) => login::logout(ctx, a),
        Command::Load(a) => image::load::run(ctx, a),
        Command::Save(a) => image::save::run(ctx, a),
        Command::Import(a) => image::import::run(ctx, a),
        Command::Tag(a) => image::tag::run_tag(ctx, a),
        Command::Untag(a) => image::tag::run_untag(ctx, a),
        Command::Rmi(a) => image::rm::run(ctx, a),
        Command::History(a) => image::history::run(ctx, a),
        Command::Inspect(a) => inspect::run(ctx, a),
        Command::System(c) => system::run(ctx, c),
        Command::Completion(a) => completion::run(a),
        Command::Unshare(a) => unshare::run(ctx, a),
        Command::Monitor(a) => {
            // SAFETY: the fd number was handed to us open by the rctl that
            // started this monitor, for us alone.
            let ready = unsafe { std::os::fd::FromRawFd::from_raw_fd(a.ready_fd) };
            Ok(crate::container::monitor::run(
                &ctx.store()?,
                &a.id,
                ready,
                a.wait_for_attach,
            ))
        }
    }
}

/// The error and its causes on one line, without repeating a cause that the
/// message above it already quotes.
pub fn one_line(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out.replace('\n', " ")
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn init_tracing(level: &str) {
    let level = match level {
        "trace" => tracing::Level::TRACE,
        "debug" => tracing::Level::DEBUG,
        "info" => tracing::Level::INFO,
        "error" | "fatal" | "panic" => tracing::Level::ERROR,
        _ => tracing::Level::WARN,
    };
    tracing_subscriber::fmt()
        .with_max_level(level)
        .with_writer(std::io::stderr)
        // Colour codes only for a person at a terminal, not in logs and pipes.
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .without_time()
        .init();
}

/// The clap definition, for completions.
pub fn command() -> clap::Command {
    <Cli as clap::CommandFactory>::command()
}

/// Asks the user to confirm `warning` on standard input (podman's prompt);
/// anything but `y`/`yes` is no.
pub fn confirm(warning: &str) -> Result<bool> {
    use std::io::Write;
    print!("{warning}\nAre you sure you want to continue? [y/N] ");
    std::io::stdout().flush()?;
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(matches!(
        line.trim().to_ascii_lowercase().as_str(),
        "y" | "yes"
    ))
}
