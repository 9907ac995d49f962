//! `rctl container ...` and the top-level shortcuts (`run`, `ps`, `rm`, ...).

pub mod attach;
pub mod commit;
pub mod cp;
pub mod create;
pub mod diff;
pub mod exec;
pub mod export;
pub mod inspect;
pub mod logs;
pub mod mount;
pub mod mount_flags;
pub mod pause;
pub mod port;
pub mod ps;
pub mod resources;
pub mod rm;
pub mod run;
pub mod security_flags;
pub mod start;
pub mod stats;
pub mod stop;
pub mod top;
pub mod update;
pub mod wait;

use anyhow::Result;
use clap::Subcommand;

use super::Ctx;

/// The `container` subcommands.
#[derive(Subcommand, Debug)]
pub enum ContainerCommand {
    /// Run a command in a new container
    Run(run::RunArgs),
    /// Create a container without starting it
    Create(create::CreateArgs),
    /// Start containers
    Start(start::StartArgs),
    /// Stop containers
    Stop(stop::StopArgs),
    /// Restart containers
    Restart(start::RestartArgs),
    /// Send a signal to containers
    Kill(stop::KillArgs),
    /// Remove containers
    #[command(visible_alias = "remove")]
    Rm(rm::RmArgs),
    /// List containers
    #[command(visible_alias = "list", alias = "ps")]
    Ls(ps::PsArgs),
    /// Show a container's output
    Logs(logs::LogsArgs),
    /// Wait for containers to exit and print their exit codes
    Wait(wait::WaitArgs),
    /// Attach to a running container
    Attach(attach::AttachArgs),
    /// Run a command in a running container
    Exec(exec::ExecArgs),
    /// Show details of containers
    Inspect(inspect::InspectArgs),
    /// Rename a container
    Rename(rm::RenameArgs),
    /// Remove all stopped containers
    Prune(rm::PruneArgs),
    /// Exit 0 if a container exists, 1 if not
    Exists(rm::ExistsArgs),
    /// Copy files between a container and the host
    Cp(cp::CpArgs),
    /// Show the processes of a container
    Top(top::TopArgs),
    /// Show containers' CPU, memory, network, block I/O and process use
    Stats(stats::StatsArgs),
    /// List a container's published ports
    Port(port::PortArgs),
    /// Show what a container changed in its filesystem
    Diff(diff::DiffArgs),
    /// Make an image of a container's changes
    Commit(commit::CommitArgs),
    /// Write a container's filesystem as a tar archive
    Export(export::ExportArgs),
    /// Change a container's resource limits
    Update(update::UpdateArgs),
    /// Freeze every process of containers
    Pause(pause::PauseArgs),
    /// Thaw paused containers
    Unpause(pause::PauseArgs),
    /// Mount a container's root filesystem on the host (root only)
    Mount(mount::MountArgs),
    /// Unmount a container's root filesystem from the host
    #[command(visible_alias = "umount")]
    Unmount(mount::UnmountArgs),
}

/// Runs a `container` subcommand.
pub fn run(ctx: &Ctx, c: ContainerCommand) -> Result<i32> {
    match c {
        ContainerCommand::Run(a) => run::run(ctx, a),
        ContainerCommand::Create(a) => create::run(ctx, a),
        ContainerCommand::Start(a) => start::run(ctx, a),
        ContainerCommand::Stop(a) => stop::stop(ctx, a),
        ContainerCommand::Restart(a) => start::restart(ctx, a),
        ContainerCommand::Kill(a) => stop::kill(ctx, a),
        ContainerCommand::Rm(a) => rm::run(ctx, a),
        ContainerCommand::Ls(a) => ps::run(ctx, a),
        ContainerCommand::Logs(a) => logs::run(ctx, a),
        ContainerCommand::Wait(a) => wait::run(ctx, a),
        ContainerCommand::Attach(a) => attach::run(ctx, a),
        ContainerCommand::Exec(a) => exec::run(ctx, a),
        ContainerCommand::Inspect(a) => inspect::run(ctx, a),
        ContainerCommand::Rename(a) => rm::rename(ctx, a),
        ContainerCommand::Prune(a) => rm::prune(ctx, a),
        ContainerCommand::Exists(a) => rm::exists(ctx, a),
        ContainerCommand::Cp(a) => cp::run(ctx, a),
        ContainerCommand::Top(a) => top::run(ctx, a),
        ContainerCommand::Stats(a) => stats::run(ctx, a),
        ContainerCommand::Port(a) => port::run(ctx, a),
        ContainerCommand::Diff(a) => diff::run(ctx, a),
        ContainerCommand::Commit(a) => commit::run(ctx, a),
        ContainerCommand::Export(a) => export::run(ctx, a),
        ContainerCommand::Update(a) => update::run(ctx, a),
        ContainerCommand::Pause(a) => pause::run(ctx, a, true),
        ContainerCommand::Unpause(a) => pause::run(ctx, a, false),
        ContainerCommand::Mount(a) => mount::mount(ctx, a),
        ContainerCommand::Unmount(a) => mount::unmount(ctx, a),
    }
}

/// Runs `op` for container `id`; rootless, in a child process that has
/// joined the container's user namespace (a process can join only one, and
/// only from outside: one child per container).
pub fn in_userns_of(
    ctx: &Ctx,
    store: &crate::storage::Store,
    id: &str,
    op: impl FnOnce() -> Result<()>,
) -> Result<()> {
    if !ctx.rootless() {
        return op();
    }
    // SAFETY: rctl is single-threaded here; the child runs `op` and exits.
    match unsafe { nix::unistd::fork() }? {
        nix::unistd::ForkResult::Child => {
            let result = ctx.userns_for(store, id).and_then(|()| op());
            let code = match result {
                Ok(()) => 0,
                Err(e) => {
                    eprintln!("Error: {}", super::one_line(&e));
                    super::EXIT_ERROR
                }
            };
            use std::io::Write;
            let _ = std::io::stdout().flush();
            // SAFETY: ending the child without returning into the caller.
            unsafe { libc::_exit(code) }
        }
        nix::unistd::ForkResult::Parent { child } => match nix::sys::wait::waitpid(child, None)? {
            nix::sys::wait::WaitStatus::Exited(_, 0) => Ok(()),
            _ => Err(anyhow::anyhow!("{}", ALREADY_REPORTED)),
        },
    }
}

/// Runs `op` on each of `names` (or every container with `all`): prints the
/// name after each success (unless `all`), one error line per failure, and
/// returns 125 if any failed. `skip` tells failures to pass over silently.
pub fn each(
    store: &crate::storage::Store,
    names: &[String],
    all: bool,
    skip: impl Fn(&anyhow::Error) -> bool,
    mut op: impl FnMut(&str) -> Result<()>,
) -> Result<i32> {
    let names = if all {
        store.container_ids()?
    } else {
        names.to_vec()
    };
    let mut code = 0;
    for name in &names {
        match op(name) {
            Ok(()) if !all => println!("{name}"),
            Ok(()) => {}
            Err(e) if skip(&e) => {}
            Err(e) => {
                if e.to_string() != ALREADY_REPORTED {
                    eprintln!("Error: {}", super::one_line(&e));
                }
                code = super::EXIT_ERROR;
            }
        }
    }
    Ok(code)
}

/// The error text of a failure the child process already printed.
pub const ALREADY_REPORTED: &str = "(reported above)";
