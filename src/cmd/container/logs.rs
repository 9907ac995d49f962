//! `rctl logs`.

use std::io::Write;

use anyhow::{Result, anyhow, bail};
use chrono::{DateTime, SecondsFormat, Utc};
use clap::Args;

use crate::cmd::Ctx;
use crate::container::logs::{self, Record, Stream};
use crate::storage::containers::Status;

/// Flags of `logs`.
#[derive(Args, Debug)]
pub struct LogsArgs {
    /// Keep printing new output until the container stops
    #[arg(short, long)]
    follow: bool,
    /// Only output written since (RFC 3339 time, Unix seconds, or a duration such as 10m)
    #[arg(long)]
    since: Option<String>,
    /// Only output written before (same forms as --since)
    #[arg(long)]
    until: Option<String>,
    /// Only the last N lines
    #[arg(long, value_name = "N")]
    tail: Option<usize>,
    /// Prefix each line with its time
    #[arg(short, long)]
    timestamps: bool,
    /// The container
    container: String,
}

/// `2024-05-01T10:00:00Z`, `1714557600`, or `10m` / `1h30m` / `45s` ago.
fn parse_time(s: &str, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    if let Ok(secs) = s.parse::<f64>() {
        return DateTime::from_timestamp(secs as i64, (secs.fract() * 1e9) as u32)
            .ok_or_else(|| anyhow!("invalid time {s:?}"));
    }
    let mut total = 0f64;
    let mut num = String::new();
    for c in s.chars() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let n: f64 = num.parse().map_err(|_| anyhow!("invalid time {s:?}"))?;
        total += n * match c {
            'h' => 3600.0,
            'm' => 60.0,
            's' => 1.0,
            _ => bail!("invalid time {s:?}: use RFC 3339, Unix seconds, or a duration like 10m"),
        };
        num.clear();
    }
    if !num.is_empty() {
        bail!("invalid time {s:?}: a duration needs a unit (h, m, s)");
    }
    Ok(now - chrono::Duration::milliseconds((total * 1000.0) as i64))
}

/// Runs `logs`: standard output records go to our standard output, standard
/// error records to our standard error.
pub fn run(ctx: &Ctx, a: LogsArgs) -> Result<i32> {
    let store = ctx.store()?;
    let id = store.resolve_container(&a.container)?;
    let rec = store.container(&id)?;
    let format = logs::Format::for_driver(&rec.config.log_driver).ok_or_else(|| {
        anyhow!(
            "container {} uses log driver {:?}: it has no logs to read",
            rec.name,
            rec.config.log_driver
        )
    })?;
    let now = Utc::now();
    let since = a.since.as_deref().map(|s| parse_time(s, now)).transpose()?;
    let until = a.until.as_deref().map(|s| parse_time(s, now)).transpose()?;
    let path = store.container_dir(&id).join("userdata/ctr.log");
    let (mut records, mut offset) = logs::read_from(&path, format, 0)?;
    records.retain(|r| since.is_none_or(|s| r.time >= s) && until.is_none_or(|u| r.time <= u));
    if let Some(n) = a.tail {
        // Count whole lines (records that end one) from the end.
        let mut seen = 0;
        let mut start = records.len();
        for (i, r) in records.iter().enumerate().rev() {
            if r.data.ends_with(b"\n") {
                if seen == n {
                    break;
                }
                seen += 1;
            }
            start = i;
        }
        records.drain(..start);
    }
    print(&records, a.timestamps)?;
    if !a.follow {
        return Ok(0);
    }
    loop {
        let running = matches!(
            store.live_state(&id).map(|s| s.status),
            Ok(Status::Running | Status::Paused)
        );
        let (more, next) = logs::read_from(&path, format, offset)?;
        offset = next;
        let more: Vec<Record> = more
            .into_iter()
            .filter(|r| until.is_none_or(|u| r.time <= u))
            .collect();
        print(&more, a.timestamps)?;
        if !running && more.is_empty() {
            return Ok(0);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

fn print(records: &[Record], timestamps: bool) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    for r in records {
        let w: &mut dyn Write = match r.stream {
            Stream::Stdout => &mut out,
            Stream::Stderr => &mut err,
        };
        if timestamps {
            write!(w, "{} ", r.time.to_rfc3339_opts(SecondsFormat::Nanos, true))?;
        }
        w.write_all(&r.data)?;
    }
    out.flush()?;
    err.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        let now = Utc::now();
        assert_eq!(
            parse_time("10m", now).unwrap(),
            now - chrono::Duration::minutes(10)
        );
        assert_eq!(
            parse_time("1h30m", now).unwrap(),
            now - chrono::Duration::minutes(90)
        );
        assert_eq!(
            parse_time("1700000000", now).unwrap().timestamp(),
            1_700_000_000
        );
        assert!(parse_time("2024-05-01T10:00:00Z", now).is_ok());
        assert!(parse_time("10", now).is_ok());
        assert!(parse_time("10x", now).is_err());
    }
}
