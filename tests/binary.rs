//! The binary itself: statically linked, podman's global flags, exit codes,
//! and completions that match the command definition.

mod common;

use common::{Rctl, bin};

/// Reads the ELF program headers and looks for PT_INTERP.
fn has_interpreter(path: &str) -> bool {
    let elf = std::fs::read(path).unwrap();
    assert_eq!(&elf[..4], b"\x7fELF");
    assert_eq!(elf[4], 2, "64-bit");
    let u16_at = |o: usize| u16::from_le_bytes([elf[o], elf[o + 1]]) as usize;
    let phoff = u64::from_le_bytes(elf[0x20..0x28].try_into().unwrap()) as usize;
    let (phentsize, phnum) = (u16_at(0x36), u16_at(0x38));
    (0..phnum).any(|i| {
        let o = phoff + i * phentsize;
        u32::from_le_bytes(elf[o..o + 4].try_into().unwrap()) == 3 // PT_INTERP
    })
}

#[test]
fn the_binary_is_static() {
    assert!(!has_interpreter(bin()), "{} has an ELF interpreter", bin());
    let ldd = std::process::Command::new("ldd")
        .arg(bin())
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&ldd.stdout).to_string() + &String::from_utf8_lossy(&ldd.stderr);
    assert!(
        text.contains("statically linked") || text.contains("not a dynamic executable"),
        "{text}"
    );
}

#[test]
fn completions_are_up_to_date() {
    let r = Rctl::new();
    for (shell, file) in [
        ("bash", "rctl.bash"),
        ("zsh", "_rctl"),
        ("fish", "rctl.fish"),
    ] {
        let generated = r.ok(["completion", shell]);
        let path = format!("{}/completions/{file}", env!("CARGO_MANIFEST_DIR"));
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            generated == committed,
            "{path} is out of date: regenerate with `rctl completion {shell} > completions/{file}`"
        );
    }
}

#[test]
fn root_and_runroot_come_from_flags_or_environment() {
    let r = Rctl::new();
    let root = r.dir().join("env-root");
    let run = r.dir().join("env-run");
    let out = std::process::Command::new(bin())
        .args(["images", "-q"])
        .env("RCTL_ROOT", &root)
        .env("RCTL_RUNROOT", &run)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(root.join("layers").is_dir() && root.join("images").is_dir());
    assert!(run.is_dir());
    // The flag wins over the environment.
    let flag_root = r.dir().join("flag-root");
    let out = std::process::Command::new(bin())
        .args(["--root", flag_root.to_str().unwrap(), "images"])
        .env("RCTL_ROOT", &root)
        .env("RCTL_RUNROOT", &run)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(flag_root.join("layers").is_dir());
}

#[test]
fn bad_flags_and_values_exit_125_with_one_line() {
    let r = Rctl::new();
    for args in [
        vec!["images", "--no-such-flag"],
        vec!["--storage-driver", "zfs", "images"],
        vec!["--log-level", "loud", "images"],
        vec!["no-such-command"],
    ] {
        let (code, err) = r.fails(&args);
        assert_eq!(code, 125, "{args:?}: {err}");
        assert!(
            err.starts_with("error:") || err.starts_with("Error:"),
            "{args:?}: {err}"
        );
    }
    let (code, err) = r.fails(["image", "inspect", "nothing-here"]);
    assert_eq!(code, 125);
    assert_eq!(err, "Error: nothing-here: image not known\n");
}

#[test]
fn log_level_debug_logs_to_stderr() {
    let r = Rctl::new();
    let img = common::fixtures::busybox(&["busybox:latest"]);
    let path = r.dir().join("bb.tar");
    common::fixtures::docker_archive(&path, &[&img]);
    let out = r.run(["--log-level", "debug", "load", "-i", path.to_str().unwrap()]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "Loaded image: docker.io/library/busybox:latest\n"
    );
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(
        log.contains("DEBUG") && log.contains("stored layer sha256:"),
        "{log}"
    );
    let quiet = r.run(["images"]);
    assert!(
        quiet.stderr.is_empty(),
        "warn level is quiet: {}",
        String::from_utf8_lossy(&quiet.stderr)
    );
}

#[test]
fn help_and_version_exit_0() {
    let r = Rctl::new();
    assert!(r.ok(["--help"]).contains("Usage: rctl"));
    assert!(r.ok(["--version"]).starts_with("rctl "));
}
