//! `rctl completion bash|zsh|fish`: shell completions generated from the clap
//! definition (the files in completions/ are this output, checked by a test).

use anyhow::Result;
use clap::Args;
use clap_complete::Shell;

/// Flags of `completion`.
#[derive(Args, Debug)]
pub struct CompletionArgs {
    /// The shell
    #[arg(value_parser = ["bash", "zsh", "fish"])]
    shell: String,
}

/// Runs `completion`.
pub fn run(a: CompletionArgs) -> Result<i32> {
    let shell = match a.shell.as_str() {
        "bash" => Shell::Bash,
        "zsh" => Shell::Zsh,
        _ => Shell::Fish,
    };
    clap_complete::generate(shell, &mut super::command(), "rctl", &mut std::io::stdout());
    Ok(0)
}
