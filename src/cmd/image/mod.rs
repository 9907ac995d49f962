//! `rctl image ...` and the top-level shortcuts (`images`, `load`, `rmi`, ...).

pub mod build;
pub mod exists;
pub mod history;
pub mod import;
pub mod inspect;
pub mod list;
pub mod load;
pub mod prune;
pub mod pull;
pub mod push;
pub mod rm;
pub mod save;
pub mod tag;

use anyhow::Result;
use clap::Subcommand;

use super::Ctx;

/// The `image` subcommands.
#[derive(Subcommand, Debug)]
pub enum ImageCommand {
    /// List images
    #[command(visible_alias = "list")]
    Ls(list::ListArgs),
    /// Load images from an archive
    Load(load::LoadArgs),
    /// Save images to an archive
    Save(save::SaveArgs),
    /// Import a root filesystem tarball as an image
    Import(import::ImportArgs),
    /// Add names to an image
    Tag(tag::TagArgs),
    /// Remove names from an image
    Untag(tag::UntagArgs),
    /// Remove images
    #[command(visible_alias = "remove")]
    Rm(rm::RmArgs),
    /// Show details of images
    Inspect(inspect::ImageInspectArgs),
    /// Show the history of an image
    History(history::HistoryArgs),
    /// Remove unused images
    Prune(prune::PruneArgs),
    /// Build an image from a Containerfile
    Build(Box<build::BuildArgs>),
    /// Pull images from a registry
    Pull(pull::PullArgs),
    /// Push an image to a registry
    Push(push::PushArgs),
    /// Exit 0 if an image is in the store, 1 if not
    Exists(exists::ExistsArgs),
}

/// Runs an `image` subcommand.
pub fn run(ctx: &Ctx, c: ImageCommand) -> Result<i32> {
    match c {
        ImageCommand::Ls(a) => list::run(ctx, a),
        ImageCommand::Load(a) => load::run(ctx, a),
        ImageCommand::Save(a) => save::run(ctx, a),
        ImageCommand::Import(a) => import::run(ctx, a),
        ImageCommand::Tag(a) => tag::run_tag(ctx, a),
        ImageCommand::Untag(a) => tag::run_untag(ctx, a),
        ImageCommand::Rm(a) => rm::run(ctx, a),
        ImageCommand::Inspect(a) => inspect::run(ctx, a),
        ImageCommand::History(a) => history::run(ctx, a),
        ImageCommand::Prune(a) => prune::run(ctx, a),
        ImageCommand::Build(a) => build::run(ctx, *a),
        ImageCommand::Pull(a) => pull::run(ctx, a),
        ImageCommand::Push(a) => push::run(ctx, a),
        ImageCommand::Exists(a) => exists::run(ctx, a),
    }
}
