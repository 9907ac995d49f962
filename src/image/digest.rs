//! Content digests (`sha256:<hex>`) and the readers and writers that compute them
//! while data streams through.
//!
//! Only sha256 is accepted: it is what every registry and archive uses, and a
//! single algorithm keeps the on-disk store content-addressed by one key.

use std::fmt;
use std::io::{self, Read, Write};
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest as _, Sha256};

/// A `sha256:<64 lowercase hex>` content digest, validated at parse time.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest {
    hex: String,
}

/// Why a string is not a digest.
#[derive(Debug, thiserror::Error)]
#[error("invalid digest {input:?}: {why}")]
pub struct DigestError {
    input: String,
    why: &'static str,
}

impl Digest {
    /// The digest of `data`.
    pub fn of(data: &[u8]) -> Digest {
        Digest::from_sha256(Sha256::digest(data).into())
    }

    /// Wraps a finished sha256 state.
    pub fn from_sha256(bytes: [u8; 32]) -> Digest {
        Digest {
            hex: hex::encode(bytes),
        }
    }

    /// Parses bare hex (as used in file names) into a digest.
    pub fn from_hex(hex: &str) -> Result<Digest, DigestError> {
        let err = |why| DigestError {
            input: hex.to_string(),
            why,
        };
        if hex.len() != 64 {
            return Err(err("sha256 needs 64 hex digits"));
        }
        if !hex
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(err("not lowercase hex"));
        }
        Ok(Digest {
            hex: hex.to_string(),
        })
    }

    /// The 64 hex digits without the algorithm prefix.
    pub fn hex(&self) -> &str {
        &self.hex
    }

    /// The first 12 hex digits, as tables show ids.
    pub fn short(&self) -> &str {
        &self.hex[..12]
    }
}

impl FromStr for Digest {
    type Err = DigestError;

    fn from_str(s: &str) -> Result<Digest, DigestError> {
        match s.split_once(':') {
            Some(("sha256", hex)) => Digest::from_hex(hex).map_err(|e| DigestError {
                input: s.to_string(),
                why: e.why,
            }),
            Some(_) => Err(DigestError {
                input: s.to_string(),
                why: "only sha256 is supported",
            }),
            None => Err(DigestError {
                input: s.to_string(),
                why: "missing algorithm prefix",
            }),
        }
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sha256:{}", self.hex)
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Digest {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Digest {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Digest, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl From<&oci_spec::image::Digest> for Digest {
    fn from(d: &oci_spec::image::Digest) -> Digest {
        // oci-spec validates the hex; other algorithms are caught where they are used.
        Digest {
            hex: d.digest().to_string(),
        }
    }
}

impl TryFrom<Digest> for oci_spec::image::Digest {
    type Error = oci_spec::OciSpecError;

    fn try_from(d: Digest) -> Result<Self, Self::Error> {
        d.to_string().parse()
    }
}

/// Counts and hashes the bytes that pass through a reader or writer.
pub struct Hashing<T> {
    inner: T,
    hasher: Sha256,
    count: u64,
}

impl<T> Hashing<T> {
    /// Wraps `inner`.
    pub fn new(inner: T) -> Hashing<T> {
        Hashing {
            inner,
            hasher: Sha256::new(),
            count: 0,
        }
    }

    /// Bytes seen so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The inner reader or writer.
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.inner
    }

    /// The digest and size of everything seen, and the inner value.
    pub fn finish(self) -> (Digest, u64, T) {
        (
            Digest::from_sha256(self.hasher.finalize().into()),
            self.count,
            self.inner,
        )
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.count += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let d = Digest::of(b"");
        assert_eq!(
            d.to_string(),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(d.to_string().parse::<Digest>().unwrap(), d);
        assert_eq!(d.short(), "e3b0c44298fc");
    }

    #[test]
    fn rejects_bad_digests() {
        assert!("sha256:abc".parse::<Digest>().is_err());
        assert!("md5:e3b0".parse::<Digest>().is_err());
        assert!(
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
                .parse::<Digest>()
                .is_err()
        );
        assert!(Digest::from_hex(&"G".repeat(64)).is_err());
    }

    #[test]
    fn hashing_reader_matches() {
        let mut r = Hashing::new(&b"hello"[..]);
        io::copy(&mut r, &mut io::sink()).unwrap();
        let (d, n, _) = r.finish();
        assert_eq!(n, 5);
        assert_eq!(d, Digest::of(b"hello"));
    }
}
