//! `rctl volume ...`: named volumes in the store.

pub mod create;
pub mod inspect;
pub mod list;
pub mod rm;

use anyhow::Result;
use clap::Subcommand;

use super::Ctx;

/// The `volume` subcommands.
#[derive(Subcommand, Debug)]
pub enum VolumeCommand {
    /// Create a volume
    Create(create::CreateArgs),
    /// List volumes
    #[command(visible_alias = "list")]
    Ls(list::ListArgs),
    /// Show details of volumes
    Inspect(inspect::InspectArgs),
    /// Remove volumes
    #[command(visible_alias = "remove")]
    Rm(rm::RmArgs),
    /// Remove volumes no container uses
    Prune(rm::PruneArgs),
    /// Exit 0 if a volume exists, 1 if not
    Exists(rm::ExistsArgs),
}

/// Runs a `volume` subcommand.
pub fn run(ctx: &Ctx, c: VolumeCommand) -> Result<i32> {
    match c {
        VolumeCommand::Create(a) => create::run(ctx, a),
        VolumeCommand::Ls(a) => list::run(ctx, a),
        VolumeCommand::Inspect(a) => inspect::run(ctx, a),
        VolumeCommand::Rm(a) => rm::run(ctx, a),
        VolumeCommand::Prune(a) => rm::prune(ctx, a),
        VolumeCommand::Exists(a) => rm::exists(ctx, a),
    }
}
