//! Telling gzip, zstd and plain tar streams apart by their first bytes, and
//! decoding them as they stream.

use std::io::{self, BufRead, Read};

/// How a layer stream is compressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Compression {
    /// An uncompressed tar.
    None,
    /// gzip (RFC 1952).
    Gzip,
    /// zstd (RFC 8878).
    Zstd,
}

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];
const BZIP2_MAGIC: &[u8] = b"BZh";
const XZ_MAGIC: &[u8] = &[0xfd, b'7', b'z', b'X', b'Z', 0x00];

/// Looks at the first bytes of `r` without consuming them.
pub fn detect<R: BufRead>(r: &mut R) -> io::Result<Compression> {
    let head = r.fill_buf()?;
    if head.starts_with(GZIP_MAGIC) {
        Ok(Compression::Gzip)
    } else if head.starts_with(ZSTD_MAGIC) {
        Ok(Compression::Zstd)
    } else if head.starts_with(BZIP2_MAGIC) || head.starts_with(XZ_MAGIC) {
        Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "bzip2 and xz layers are not supported (only plain, gzip and zstd)",
        ))
    } else {
        Ok(Compression::None)
    }
}

/// Wraps `r` in the decoder its first bytes call for.
pub fn decoder<'a, R: BufRead + 'a>(mut r: R) -> io::Result<Box<dyn Read + 'a>> {
    Ok(match detect(&mut r)? {
        Compression::None => Box::new(r),
        Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(r)),
        Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(r)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn decodes_each_kind() {
        let plain = b"hello tar".to_vec();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&plain).unwrap();
        let gz = gz.finish().unwrap();
        let zs = zstd::encode_all(&plain[..], 1).unwrap();
        for data in [plain.clone(), gz, zs] {
            let mut out = Vec::new();
            decoder(&data[..]).unwrap().read_to_end(&mut out).unwrap();
            assert_eq!(out, plain);
        }
        assert!(decoder(&b"BZh91AY"[..]).is_err());
    }
}
