//! `rctl image exists`.

use anyhow::Result;
use clap::Args;

use crate::cmd::Ctx;
use crate::storage::images::ImageError;

/// Flags of `image exists`.
#[derive(Args, Debug)]
pub struct ExistsArgs {
    /// The image to look for
    image: String,
}

/// Runs `image exists`: 0 when the image is there, 1 when not.
pub fn run(ctx: &Ctx, a: ExistsArgs) -> Result<i32> {
    let store = ctx.store()?;
    // A name whose record is gone (a damaged store) does not make an image.
    match store
        .resolve_image(&a.image)
        .and_then(|id| store.image(&id))
    {
        Ok(_) => Ok(0),
        Err(ImageError::NotKnown(_)) => Ok(1),
        Err(e) => Err(e.into()),
    }
}
