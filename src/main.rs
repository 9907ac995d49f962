//! The `rctl` binary: parse, set up tracing, dispatch, exit with the code.

fn main() {
    std::process::exit(rctl::cmd::main());
}
