//! Drawing a pull's or a push's progress: bars on a terminal, one line per
//! blob in logs and pipes, nothing with `-q`.

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::image::digest::Digest;
use crate::image::progress::{BlobKind, Progress, Silent};

/// The drawer for this command: silent with `quiet`, bars when standard
/// error is a terminal, lines otherwise.
pub fn for_stderr(quiet: bool) -> Arc<dyn Progress> {
    if quiet {
        Arc::new(Silent)
    } else if std::io::stderr().is_terminal() {
        Arc::new(Bars::new())
    } else {
        Arc::new(Lines)
    }
}

fn word(kind: BlobKind) -> &'static str {
    match kind {
        BlobKind::Layer => "blob",
        BlobKind::Config => "config",
    }
}

/// One line per step, as podman writes when not on a terminal.
struct Lines;

impl Progress for Lines {
    fn note(&self, line: &str) {
        eprintln!("{line}");
    }
    fn started(&self, _: BlobKind, _: &Digest, _: u64) {}
    fn advanced(&self, _: &Digest, _: u64) {}
    fn finished(&self, kind: BlobKind, digest: &Digest) {
        eprintln!("Copying {} {digest} done", word(kind));
    }
    fn skipped(&self, kind: BlobKind, digest: &Digest) {
        eprintln!("Copying {} {digest} skipped: already exists", word(kind));
    }
}

/// A bar per blob and one for the whole transfer.
struct Bars {
    multi: MultiProgress,
    total: ProgressBar,
    bars: Mutex<HashMap<Digest, ProgressBar>>,
}

impl Bars {
    fn new() -> Bars {
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let total = multi.add(ProgressBar::new(0));
        total.set_style(
            ProgressStyle::with_template(
                "Total             [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec}",
            )
            .expect("valid template")
            .progress_chars("=> "),
        );
        Bars {
            multi,
            total,
            bars: Mutex::new(HashMap::new()),
        }
    }

    fn line(&self, kind: BlobKind, digest: &Digest, status: &str) {
        let bar = self.bars.lock().expect("lock").remove(digest);
        let text = format!("Copying {:<6} {} {status}", word(kind), digest.short());
        match bar {
            Some(b) => {
                b.set_style(ProgressStyle::with_template("{msg}").expect("valid template"));
                b.finish_with_message(text);
            }
            None => {
                let _ = self.multi.println(text);
            }
        }
    }
}

impl Progress for Bars {
    fn note(&self, line: &str) {
        let _ = self.multi.println(line);
    }
    fn started(&self, kind: BlobKind, digest: &Digest, size: u64) {
        let bar = self
            .multi
            .insert_before(&self.total, ProgressBar::new(size));
        bar.set_style(
            ProgressStyle::with_template(&format!(
                "Copying {:<6} {} [{{bar:30}}] {{bytes}}/{{total_bytes}}",
                word(kind),
                digest.short()
            ))
            .expect("valid template")
            .progress_chars("=> "),
        );
        self.total.inc_length(size);
        self.bars.lock().expect("lock").insert(digest.clone(), bar);
    }
    fn advanced(&self, digest: &Digest, bytes: u64) {
        if let Some(b) = self.bars.lock().expect("lock").get(digest) {
            b.inc(bytes);
        }
        self.total.inc(bytes);
    }
    fn finished(&self, kind: BlobKind, digest: &Digest) {
        self.line(kind, digest, "done");
    }
    fn skipped(&self, kind: BlobKind, digest: &Digest) {
        self.line(kind, digest, "skipped: already exists");
    }
}

impl Drop for Bars {
    fn drop(&mut self) {
        self.total.finish_and_clear();
    }
}
