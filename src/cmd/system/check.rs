//! `rctl system check`.

use std::time::Duration;

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
    /// Age from which a layer no image uses is a problem (kept until then
    /// for an interrupted pull or load to reuse): 24h, 30m, 0s
    #[arg(short, long, default_value = "24h", value_parser = parse_duration, value_name = "DURATION")]
    max: Duration,
}

/// A duration as podman writes one: numbers with units h, m, s, ms
/// (`1h30m`, `0s`).
fn parse_duration(s: &str) -> Result<Duration, String> {
    let bad = || format!("invalid duration {s:?}: expected e.g. 24h, 30m, 1h30m or 0s");
    let mut total = Duration::ZERO;
    let mut rest = s;
    if rest == "0" {
        return Ok(total);
    }
    while !rest.is_empty() {
        let digits = rest.find(|c: char| !c.is_ascii_digit()).ok_or_else(bad)?;
        let n: u64 = rest[..digits].parse().map_err(|_| bad())?;
        rest = &rest[digits..];
        let unit = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        total += match &rest[..unit] {
            "h" => Duration::from_secs(n * 3600),
            "m" => Duration::from_secs(n * 60),
            "s" => Duration::from_secs(n),
            "ms" => Duration::from_millis(n),
            _ => return Err(bad()),
        };
        rest = &rest[unit..];
    }
    if s.is_empty() {
        return Err(bad());
    }
    Ok(total)
}

/// Runs `system check`: exit 1 when problems remain.
pub fn run(ctx: &Ctx, a: CheckArgs) -> Result<i32> {
    ctx.userns()?;
    let store = ctx.store()?;
    let problems = check::check(&store, a.quick, a.max)?;
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
    let left = check::check(&store, true, a.max)?;
    for p in &left {
        println!("still: {p}");
    }
    Ok(if left.is_empty() { 0 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("24h"), Ok(Duration::from_secs(86400)));
        assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
        assert_eq!(parse_duration("0s"), Ok(Duration::ZERO));
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
        assert!(parse_duration("").is_err());
        assert!(parse_duration("5d").is_err());
        assert!(parse_duration("h").is_err());
    }
}
