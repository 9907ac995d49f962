//! `rctl system check`.

use anyhow::Result;
use clap::Args;

use crate::cmd::Ctx;
use crate::storage::check;

/// Flags of `system check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Remove what is broken or unused, and say what
    #[arg(short, long)]
    repair: bool,
    /// Skip verifying layer contents against their digests
    #[arg(short, long)]
    quick: bool,
}

/// Runs `system check`: exit 1 when problems remain.
pub fn run(ctx: &Ctx, a: CheckArgs) -> Result<i32> {
    ctx.userns()?;
    let store = ctx.store()?;
    let problems = check::check(&store, a.quick)?;
    for p in &problems {
        println!("{p}");
    }
    if problems.is_empty() {
        return Ok(0);
    }
    if !a.repair {
        println!(
            "{} problem(s) found; run `rctl system check --repair` to remove them",
            problems.len()
        );
        return Ok(1);
    }
    for action in check::repair(&store, &problems)? {
        println!("{action}");
    }
    let left = check::check(&store, true)?;
    for p in &left {
        println!("still: {p}");
    }
    Ok(if left.is_empty() { 0 } else { 1 })
}
