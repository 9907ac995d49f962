//! Container logs in podman's `k8s-file` format (and docker's `json-file`):
//! one record per line of output, with its time and stream, so `logs` can
//! keep standard output and error apart and filter by time.
//!
//! k8s-file: `2024-05-01T10:00:00.123456789Z stdout F text` — `F` for a full
//! line, `P` for a part of one that continues in the next record.

use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, Seek, SeekFrom, Write};
use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};

/// Which stream output came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Standard output (and a terminal's output).
    Stdout,
    /// Standard error.
    Stderr,
}

impl Stream {
    fn as_str(self) -> &'static str {
        match self {
            Stream::Stdout => "stdout",
            Stream::Stderr => "stderr",
        }
    }
}

/// The log formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// podman's default.
    K8sFile,
    /// docker's.
    JsonFile,
}

impl Format {
    /// The format for a `--log-driver` value; `None` when nothing is logged.
    pub fn for_driver(driver: &str) -> Option<Format> {
        match driver {
            "k8s-file" => Some(Format::K8sFile),
            "json-file" => Some(Format::JsonFile),
            _ => None,
        }
    }
}

/// Appends output to a log file.
pub struct Writer {
    file: File,
    format: Format,
}

impl Writer {
    /// Opens (creating) the log at `path`.
    pub fn open(path: &Path, format: Format) -> io::Result<Writer> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(Writer { file, format })
    }

    /// Logs `data` read from `stream` at `now`: a record per line, the last
    /// one partial when `data` does not end a line.
    pub fn write(&mut self, stream: Stream, data: &[u8], now: DateTime<Utc>) -> io::Result<()> {
        let ts = now.to_rfc3339_opts(SecondsFormat::Nanos, true);
        let mut out = Vec::with_capacity(data.len() + 64);
        let mut rest = data;
        while !rest.is_empty() {
            let (line, full, next) = match rest.iter().position(|b| *b == b'\n') {
                Some(i) => (&rest[..i], true, &rest[i + 1..]),
                None => (rest, false, &rest[rest.len()..]),
            };
            match self.format {
                Format::K8sFile => {
                    out.extend_from_slice(
                        format!("{ts} {} {} ", stream.as_str(), if full { 'F' } else { 'P' })
                            .as_bytes(),
                    );
                    out.extend_from_slice(line);
                    out.push(b'\n');
                }
                Format::JsonFile => {
                    let mut text = String::from_utf8_lossy(line).into_owned();
                    if full {
                        text.push('\n');
                    }
                    let rec =
                        serde_json::json!({"log": text, "stream": stream.as_str(), "time": ts});
                    out.extend_from_slice(rec.to_string().as_bytes());
                    out.push(b'\n');
                }
            }
            rest = next;
        }
        self.file.write_all(&out)
    }
}

/// One record read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// When it was written.
    pub time: DateTime<Utc>,
    /// Its stream.
    pub stream: Stream,
    /// The bytes, with the newline when the record ends a line.
    pub data: Vec<u8>,
}

/// Parses one line of a log file.
pub fn parse(line: &[u8], format: Format) -> Option<Record> {
    match format {
        Format::K8sFile => {
            let mut parts = line.splitn(4, |b| *b == b' ');
            let time = std::str::from_utf8(parts.next()?).ok()?;
            let stream = match parts.next()? {
                b"stdout" => Stream::Stdout,
                b"stderr" => Stream::Stderr,
                _ => return None,
            };
            let full = parts.next()? == b"F";
            let mut data = parts.next().unwrap_or_default().to_vec();
            if full {
                data.push(b'\n');
            }
            Some(Record {
                time: DateTime::parse_from_rfc3339(time).ok()?.with_timezone(&Utc),
                stream,
                data,
            })
        }
        Format::JsonFile => {
            let v: serde_json::Value = serde_json::from_slice(line).ok()?;
            Some(Record {
                time: DateTime::parse_from_rfc3339(v["time"].as_str()?)
                    .ok()?
                    .with_timezone(&Utc),
                stream: if v["stream"] == "stderr" {
                    Stream::Stderr
                } else {
                    Stream::Stdout
                },
                data: v["log"].as_str()?.as_bytes().to_vec(),
            })
        }
    }
}

/// Reads records from `path` starting at byte `offset`; returns them and the
/// offset after the last complete line (for following a growing log).
pub fn read_from(path: &Path, format: Format, offset: u64) -> io::Result<(Vec<Record>, u64)> {
    let mut f = match File::open(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok((Vec::new(), offset)),
        r => r?,
    };
    f.seek(SeekFrom::Start(offset))?;
    let mut r = BufReader::new(f);
    let mut out = Vec::new();
    let mut pos = offset;
    let mut line = Vec::new();
    loop {
        line.clear();
        let n = r.read_until(b'\n', &mut line)?;
        if n == 0 || line.last() != Some(&b'\n') {
            break;
        }
        pos += n as u64;
        if let Some(rec) = parse(&line[..line.len() - 1], format) {
            out.push(rec);
        }
    }
    Ok((out, pos))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_reads_back() {
        for format in [Format::K8sFile, Format::JsonFile] {
            let dir = tempfile::tempdir().unwrap();
            let p = dir.path().join("log");
            let mut w = Writer::open(&p, format).unwrap();
            let now = Utc::now();
            w.write(Stream::Stdout, b"one\ntwo\npart", now).unwrap();
            w.write(Stream::Stderr, b"err\n", now).unwrap();
            let (recs, end) = read_from(&p, format, 0).unwrap();
            let data: Vec<(Stream, &[u8])> =
                recs.iter().map(|r| (r.stream, r.data.as_slice())).collect();
            assert_eq!(
                data,
                [
                    (Stream::Stdout, &b"one\n"[..]),
                    (Stream::Stdout, b"two\n"),
                    (Stream::Stdout, b"part"),
                    (Stream::Stderr, b"err\n")
                ]
            );
            assert_eq!(end, std::fs::metadata(&p).unwrap().len());
            let (more, _) = read_from(&p, format, end).unwrap();
            assert!(more.is_empty());
        }
    }
}
