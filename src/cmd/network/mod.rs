//! `rctl network ...`: bridge networks (records in the store; bridges are
//! made when a container on them starts).

pub mod connect;
pub mod create;
pub mod inspect;
pub mod list;
pub mod rm;

use anyhow::Result;
use clap::Subcommand;

use super::Ctx;

/// The `network` subcommands.
#[derive(Subcommand, Debug)]
pub enum NetworkCommand {
    /// Create a network
    Create(create::CreateArgs),
    /// Connect a container to a network
    Connect(connect::ConnectArgs),
    /// Disconnect a container from a network
    Disconnect(connect::DisconnectArgs),
    /// List networks
    #[command(visible_alias = "list")]
    Ls(list::ListArgs),
    /// Show details of networks
    Inspect(inspect::InspectArgs),
    /// Remove networks
    #[command(visible_alias = "remove")]
    Rm(rm::RmArgs),
    /// Remove networks no container uses
    Prune(rm::PruneArgs),
    /// Exit 0 if a network exists, 1 if not
    Exists(rm::ExistsArgs),
}

/// Runs a `network` subcommand.
pub fn run(ctx: &Ctx, c: NetworkCommand) -> Result<i32> {
    match c {
        NetworkCommand::Create(a) => create::run(ctx, a),
        NetworkCommand::Connect(a) => connect::connect(ctx, a),
        NetworkCommand::Disconnect(a) => connect::disconnect(ctx, a),
        NetworkCommand::Ls(a) => list::run(ctx, a),
        NetworkCommand::Inspect(a) => inspect::run(ctx, a),
        NetworkCommand::Rm(a) => rm::run(ctx, a),
        NetworkCommand::Prune(a) => rm::prune(ctx, a),
        NetworkCommand::Exists(a) => rm::exists(ctx, a),
    }
}
