//! `rctl system ...`: disk use, store checks, reset.

pub mod check;
pub mod df;
pub mod reset;

use anyhow::Result;
use clap::Subcommand;

use super::Ctx;

/// The `system` subcommands.
#[derive(Subcommand, Debug)]
pub enum SystemCommand {
    /// Show disk use of images, containers and volumes
    Df(df::DfArgs),
    /// Verify the store; with --repair, remove what is broken
    Check(check::CheckArgs),
    /// Remove all images, containers and volumes: a fresh store
    Reset(reset::ResetArgs),
}

/// Runs a `system` subcommand.
pub fn run(ctx: &Ctx, c: SystemCommand) -> Result<i32> {
    match c {
        SystemCommand::Df(a) => df::run(ctx, a),
        SystemCommand::Check(a) => check::run(ctx, a),
        SystemCommand::Reset(a) => reset::run(ctx, a),
    }
}
