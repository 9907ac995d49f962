//! `rctl wait`.

use anyhow::Result;
use clap::Args;

use crate::cmd::{Ctx, EXIT_ERROR, one_line};
use crate::container::ops;

/// Flags of `wait`.
#[derive(Args, Debug)]
pub struct WaitArgs {
    /// Conditions to wait for (accepted: stopped, exited)
    #[arg(long, default_value = "stopped")]
    condition: String,
    /// Containers to wait for
    #[arg(required = true, value_name = "CONTAINER")]
    containers: Vec<String>,
}

/// Runs `wait`: prints each container's exit code once it has exited.
pub fn run(ctx: &Ctx, a: WaitArgs) -> Result<i32> {
    let store = ctx.store()?;
    let mut code = 0;
    for name in &a.containers {
        let result = store
            .resolve_container(name)
            .map_err(anyhow::Error::from)
            .and_then(|id| {
                let rec = store.container(&id)?;
                Ok(ops::wait(&store, &rec)?)
            });
        match result {
            Ok(c) => println!("{c}"),
            Err(e) => {
                eprintln!("Error: {}", one_line(&e));
                code = EXIT_ERROR;
            }
        }
    }
    Ok(code)
}
