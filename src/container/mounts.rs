//! The container's filesystem: the overlay of its image layers and writable
//! layer, and the mounts on top (/proc, /dev, /sys, /etc/hosts, ...).
//!
//! Decide, then do: [`plan`] makes the list of mounts as plain data (unit
//! tested); [`mount_rootfs`] and [`apply`] carry it out in the container's
//! new mount namespace, where they vanish with the container: nothing is
//! mounted on the host, so a killed rctl leaves no mounts behind.

use std::io;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};

use nix::mount::MsFlags;

use super::inroot;

/// The overlay that makes the root filesystem.
#[derive(Clone, Debug)]
pub struct Rootfs {
    /// Layer directories, top layer first.
    pub lower: Vec<PathBuf>,
    /// The container's writable layer.
    pub upper: PathBuf,
    /// overlayfs's work directory (same filesystem as `upper`).
    pub work: PathBuf,
    /// Where the root filesystem is mounted.
    pub target: PathBuf,
    /// In a user namespace: whiteouts and opaque markers are `user.overlay.*`.
    pub userxattr: bool,
    /// The vfs driver: a full copy of the layers to bind-mount instead of an overlay.
    pub vfs: Option<PathBuf>,
    /// Mount with this FUSE program (fuse-overlayfs) instead of the kernel.
    pub mount_program: Option<PathBuf>,
    /// /dev/fuse, opened by rctl before the container's process is born in
    /// its cgroup, whose device allow list does not let it open the node.
    pub fuse: Option<std::sync::Arc<std::os::fd::OwnedFd>>,
}

/// Opens /dev/fuse for the mount program, if the store uses one (see
/// [`Rootfs::fuse`]); `None` when there is no program or no /dev/fuse (the
/// mount then says why).
pub fn open_fuse(mount_program: Option<&Path>) -> Option<std::sync::Arc<std::os::fd::OwnedFd>> {
    mount_program?;
    let f = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/fuse")
        .ok()?;
    Some(std::sync::Arc::new(f.into()))
}

/// What a mount is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A filesystem (`proc`, `tmpfs`, ...), with its options.
    Fs {
        /// Filesystem type.
        fstype: &'static str,
        /// Options (`mode=755,size=65536k`).
        data: String,
    },
    /// A bind mount of a host path.
    Bind {
        /// The host path.
        source: PathBuf,
        /// Also the mounts below it.
        recursive: bool,
    },
}

/// One mount inside the container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    /// Absolute path inside the container.
    pub dest: PathBuf,
    /// What to mount.
    pub kind: Kind,
    /// Mount flags (`MS_RDONLY`, `MS_NOSUID`, ...).
    pub flags: MsFlags,
    /// The mount point is a file (bind-mounted files), not a directory.
    pub file: bool,
}

/// Device nodes every container gets, bind-mounted from the host's /dev.
pub const DEVICES: &[&str] = &["null", "zero", "full", "random", "urandom", "tty"];

/// Facts [`plan`] needs.
#[derive(Clone, Debug)]
pub struct PlanInput {
    /// The container's own files (`hosts`, `hostname`, `resolv.conf`).
    pub userdata: PathBuf,
    /// The container has its own network namespace (sysfs can be mounted).
    pub own_netns: bool,
    /// rctl wrote the container's /etc/hosts (not with `--no-hosts`).
    pub hosts: bool,
}

/// The mounts on top of the root filesystem, in order.
pub fn plan(input: &PlanInput) -> Vec<Mount> {
    let nosuid_nodev_noexec = MsFlags::MS_NOSUID | MsFlags::MS_NODEV | MsFlags::MS_NOEXEC;
    let fs = |dest: &str, fstype: &'static str, data: &str, flags: MsFlags| Mount {
        dest: dest.into(),
        kind: Kind::Fs {
            fstype,
            data: data.into(),
        },
        flags,
        file: false,
    };
    let bind = |dest: &str, source: PathBuf, flags: MsFlags, file: bool| Mount {
        dest: dest.into(),
        kind: Kind::Bind {
            source,
            recursive: !file,
        },
        flags,
        file,
    };
    let mut m = vec![
        fs("/proc", "proc", "", nosuid_nodev_noexec),
        fs(
            "/dev",
            "tmpfs",
            "mode=755,size=65536k",
            MsFlags::MS_NOSUID | MsFlags::MS_STRICTATIME,
        ),
        fs(
            "/dev/pts",
            "devpts",
            "newinstance,ptmxmode=0666,mode=0620,gid=5",
            MsFlags::MS_NOSUID | MsFlags::MS_NOEXEC,
        ),
        fs(
            "/dev/shm",
            "tmpfs",
            "mode=1777,size=65536k",
            nosuid_nodev_noexec,
        ),
        fs("/dev/mqueue", "mqueue", "", nosuid_nodev_noexec),
    ];
    for d in DEVICES {
        m.push(bind(
            &format!("/dev/{d}"),
            PathBuf::from(format!("/dev/{d}")),
            MsFlags::empty(),
            true,
        ));
    }
    // sysfs belongs to a network namespace: with the host's network (or when
    // the namespace is not ours to mount in), bind the host's read-only.
    m.push(if input.own_netns {
        fs(
            "/sys",
            "sysfs",
            "",
            nosuid_nodev_noexec | MsFlags::MS_RDONLY,
        )
    } else {
        bind(
            "/sys",
            "/sys".into(),
            nosuid_nodev_noexec | MsFlags::MS_RDONLY,
            false,
        )
    });
    for f in ["hosts", "hostname", "resolv.conf"] {
        // `--no-hosts`: the image's hosts file stays.
        if f == "hosts" && !input.hosts {
            continue;
        }
        m.push(bind(
            &format!("/etc/{f}"),
            input.userdata.join(f),
            MsFlags::empty(),
            true,
        ));
    }
    m
}

/// Symlinks made in the container's /dev.
pub const DEV_LINKS: &[(&str, &str)] = &[
    ("/dev/fd", "/proc/self/fd"),
    ("/dev/stdin", "/proc/self/fd/0"),
    ("/dev/stdout", "/proc/self/fd/1"),
    ("/dev/stderr", "/proc/self/fd/2"),
    ("/dev/ptmx", "pts/ptmx"),
    ("/dev/core", "/proc/kcore"),
];

/// Mounts the overlay. Uses the new mount API, adding layers one by one
/// (`lowerdir+`, Linux 6.8) so that the option length limit of mount(2)
/// (one page) does not cap the number of layers; falls back to mount(2).
pub fn mount_rootfs(r: &Rootfs) -> io::Result<()> {
    if let Some(copy) = &r.vfs {
        return nix::mount::mount(
            Some(copy.as_path()),
            &r.target,
            None::<&str>,
            MsFlags::MS_BIND,
            None::<&str>,
        )
        .map_err(io::Error::from);
    }
    if let Some(program) = &r.mount_program {
        return mount_fuse(program, r);
    }
    let native = match mount_rootfs_fsopen(r) {
        Err(e) if matches!(e.raw_os_error(), Some(libc::ENOSYS) | Some(libc::EINVAL)) => {
            tracing::debug!("new mount API unavailable ({e}); using mount(2)");
            mount_rootfs_legacy(r)
        }
        other => other,
    };
    // A kernel (or filesystem) without overlay for us: fuse-overlayfs, if
    // installed, does the same in user space.
    match native {
        Err(e)
            if matches!(
                e.raw_os_error(),
                Some(libc::EINVAL | libc::EPERM | libc::ENODEV | libc::EOPNOTSUPP)
            ) =>
        {
            match find_program("fuse-overlayfs") {
                Some(program) => {
                    tracing::info!("kernel overlay failed ({e}); using {}", program.display());
                    mount_fuse(&program, r)
                }
                None => Err(e),
            }
        }
        other => other,
    }
}

fn mount_rootfs_fsopen(r: &Rootfs) -> io::Result<()> {
    attach(&overlay_detached(r)?, &r.target)
}

/// Puts the detached mount `mnt` at `target`.
pub fn attach(mnt: &OwnedFd, target: &Path) -> io::Result<()> {
    use rustix::mount::{MoveMountFlags, move_mount};
    move_mount(
        mnt,
        "",
        rustix::fs::CWD,
        target,
        MoveMountFlags::MOVE_MOUNT_F_EMPTY_PATH,
    )?;
    Ok(())
}

/// Overlay options that keep every change as whole files in the upper
/// directory, whatever the kernel's defaults: a renamed directory is copied
/// rather than redirected, a chown copies the data rather than only the
/// metadata. `commit`, `build` and `diff` read the upper directory as a
/// layer, and could not follow redirects or metacopy stubs into the layers
/// below. (`userxattr` mounts never use either.)
const FULL_COPY_UP: [(&str, &str); 2] = [("redirect_dir", "off"), ("metacopy", "off")];

/// The overlay of `r` as a detached mount, not yet anywhere in the tree.
pub fn overlay_detached(r: &Rootfs) -> io::Result<OwnedFd> {
    use rustix::mount::{
        FsMountFlags, FsOpenFlags, MountAttrFlags, fsconfig_create, fsconfig_set_flag,
        fsconfig_set_string, fsmount, fsopen,
    };
    let fs = fsopen("overlay", FsOpenFlags::FSOPEN_CLOEXEC)?;
    for l in &r.lower {
        fsconfig_set_string(&fs, "lowerdir+", l.as_path())?;
    }
    fsconfig_set_string(&fs, "upperdir", r.upper.as_path())?;
    fsconfig_set_string(&fs, "workdir", r.work.as_path())?;
    if r.userxattr {
        fsconfig_set_flag(&fs, "userxattr")?;
    } else {
        for (key, value) in FULL_COPY_UP {
            fsconfig_set_string(&fs, key, value)?;
        }
    }
    fsconfig_create(&fs)?;
    Ok(fsmount(
        &fs,
        FsMountFlags::FSMOUNT_CLOEXEC,
        MountAttrFlags::empty(),
    )?)
}

/// Mounts the overlay with a FUSE program (fuse-overlayfs's options).
///
/// We mount the FUSE filesystem ourselves on an opened /dev/fuse and hand the
/// program the descriptor (`/dev/fd/N`, which libfuse takes as "already
/// mounted"); the program runs in a mount namespace of its own. Had it
/// mounted in ours, the container's pivot_root would have made the mount its
/// own root too, and every layer path it opens would lead back into itself.
fn mount_fuse(program: &Path, r: &Rootfs) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    use std::os::unix::process::CommandExt;
    let fuse: std::os::fd::OwnedFd = match &r.fuse {
        Some(f) => f.try_clone()?,
        None => std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/fuse")
            .map_err(|e| io::Error::new(e.kind(), format!("/dev/fuse: {e}")))?
            .into(),
    };
    let data = format!(
        "fd={},rootmode=40000,user_id=0,group_id=0,allow_other,default_permissions",
        fuse.as_raw_fd()
    );
    nix::mount::mount(
        Some("fuse-overlayfs"),
        &r.target,
        Some("fuse.fuse-overlayfs"),
        MsFlags::MS_NODEV,
        Some(data.as_str()),
    )?;
    let lower: Vec<String> = r.lower.iter().map(|p| p.display().to_string()).collect();
    let opts = format!(
        "lowerdir={},upperdir={},workdir={}",
        lower.join(":"),
        r.upper.display(),
        r.work.display()
    );
    let fd = fuse.as_raw_fd();
    let mut cmd = std::process::Command::new(program);
    cmd.args(["-o", &opts])
        .arg(format!("/dev/fd/{fd}"))
        .stdin(std::process::Stdio::null());
    // SAFETY: between fork and exec this only makes system calls: nothing but
    // the /dev/fuse descriptor crosses exec (the server outlives setup and
    // must not hold rctl's pipes open), and it gets a mount namespace of its own.
    unsafe {
        cmd.pre_exec(move || {
            libc::syscall(
                libc::SYS_close_range,
                3u32,
                u32::MAX,
                libc::CLOSE_RANGE_CLOEXEC,
            );
            nix::fcntl::fcntl(
                std::os::fd::BorrowedFd::borrow_raw(fd),
                nix::fcntl::FcntlArg::F_SETFD(nix::fcntl::FdFlag::empty()),
            )?;
            nix::sched::unshare(nix::sched::CloneFlags::CLONE_NEWNS)?;
            Ok(())
        })
    };
    let out = cmd.output()?;
    if !out.status.success() {
        let _ = nix::mount::umount2(&r.target, nix::mount::MntFlags::MNT_DETACH);
        return Err(io::Error::other(format!(
            "{}: {}",
            program.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(())
}

fn find_program(name: &str) -> Option<PathBuf> {
    ["/usr/bin", "/usr/local/bin", "/bin", "/usr/sbin", "/sbin"]
        .iter()
        .map(|d| Path::new(d).join(name))
        .find(|p| p.is_file())
}

fn mount_rootfs_legacy(r: &Rootfs) -> io::Result<()> {
    let lower: Vec<String> = r.lower.iter().map(|p| p.display().to_string()).collect();
    let mut data = format!(
        "lowerdir={},upperdir={},workdir={}",
        lower.join(":"),
        r.upper.display(),
        r.work.display()
    );
    if r.userxattr {
        data.push_str(",userxattr");
    } else {
        for (key, value) in FULL_COPY_UP {
            data.push_str(&format!(",{key}={value}"));
        }
    }
    nix::mount::mount(
        Some("overlay"),
        &r.target,
        Some("overlay"),
        MsFlags::empty(),
        Some(data.as_str()),
    )
    .map_err(io::Error::from)
}

/// Carries out `mounts` under `root`, each target resolved inside it. On
/// failure, names the mount that failed.
pub fn apply(root: BorrowedFd<'_>, mounts: &[Mount]) -> Result<(), (PathBuf, io::Error)> {
    for m in mounts {
        mount_one(root, m).map_err(|e| (m.dest.clone(), e))?;
    }
    for (link, target) in DEV_LINKS {
        inroot::symlink(root, Path::new(link), target).map_err(|e| (PathBuf::from(link), e))?;
    }
    Ok(())
}

fn mount_one(root: BorrowedFd<'_>, m: &Mount) -> io::Result<()> {
    let target: OwnedFd = if m.file {
        inroot::touch(root, &m.dest)?
    } else {
        inroot::mkdir_all(root, &m.dest)?
    };
    let at = inroot::fd_path(&target);
    match &m.kind {
        Kind::Fs { fstype, data } => {
            let mount = |data: &str| {
                nix::mount::mount(
                    Some(*fstype),
                    &at,
                    Some(*fstype),
                    m.flags,
                    (!data.is_empty()).then_some(data),
                )
            };
            match mount(data) {
                // devpts' gid=5 (tty) must be mapped in the user namespace:
                // with a single-ID mapping it is not. crun retries alike.
                Err(nix::errno::Errno::EINVAL) if *fstype == "devpts" && data.contains("gid=") => {
                    let without: Vec<&str> =
                        data.split(',').filter(|o| !o.starts_with("gid=")).collect();
                    mount(&without.join(","))?
                }
                r => r?,
            }
        }
        Kind::Bind { source, recursive } => {
            let mut flags = MsFlags::MS_BIND;
            if *recursive {
                flags |= MsFlags::MS_REC;
            }
            nix::mount::mount(
                Some(source.as_path()),
                &at,
                None::<&str>,
                flags,
                None::<&str>,
            )?;
            if !m.flags.is_empty() {
                // Bind mounts take their flags only on a remount.
                // Keep the descriptor open until the remount: its
                // /proc/self/fd path names the mount only while it lives.
                let again = inroot::open(root, &m.dest, nix::fcntl::OFlag::O_PATH)?;
                nix::mount::mount(
                    None::<&str>,
                    &inroot::fd_path(&again),
                    None::<&str>,
                    MsFlags::MS_BIND | MsFlags::MS_REMOUNT | m.flags | locked_flags(&again),
                    None::<&str>,
                )?;
            }
        }
    }
    Ok(())
}

/// The flags a bind mount keeps from its source's mount: in a user
/// namespace a remount may not clear them (the kernel locks them), so they
/// are asked for again, as crun does.
fn locked_flags(fd: &OwnedFd) -> MsFlags {
    use nix::sys::statvfs::{FsFlags, fstatvfs};
    let Ok(st) = fstatvfs(fd) else {
        return MsFlags::empty();
    };
    let mut f = MsFlags::empty();
    for (from, to) in [
        (FsFlags::ST_NOSUID, MsFlags::MS_NOSUID),
        (FsFlags::ST_NODEV, MsFlags::MS_NODEV),
        (FsFlags::ST_NOEXEC, MsFlags::MS_NOEXEC),
        (FsFlags::ST_RDONLY, MsFlags::MS_RDONLY),
        (FsFlags::ST_NOATIME, MsFlags::MS_NOATIME),
        (FsFlags::ST_NODIRATIME, MsFlags::MS_NODIRATIME),
        (FsFlags::ST_RELATIME, MsFlags::MS_RELATIME),
    ] {
        if st.flags().contains(from) {
            f |= to;
        }
    }
    f
}

/// Bind-mounts the terminal `tty` (the pty's other end) on /dev/console.
pub fn mount_console(root: BorrowedFd<'_>, tty: &impl AsFd) -> io::Result<()> {
    let target = inroot::touch(root, Path::new("/dev/console"))?;
    nix::mount::mount(
        Some(inroot::fd_path(tty).as_path()),
        &inroot::fd_path(&target),
        None::<&str>,
        MsFlags::MS_BIND,
        None::<&str>,
    )
    .map_err(io::Error::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_has_the_standard_mounts() {
        let p = plan(&PlanInput {
            userdata: "/u".into(),
            hosts: true,
            own_netns: true,
        });
        let dests: Vec<String> = p.iter().map(|m| m.dest.display().to_string()).collect();
        for d in [
            "/proc",
            "/dev",
            "/dev/pts",
            "/dev/shm",
            "/dev/mqueue",
            "/dev/null",
            "/dev/tty",
            "/sys",
            "/etc/hosts",
            "/etc/resolv.conf",
        ] {
            assert!(dests.contains(&d.to_string()), "{d}");
        }
        let sys = p.iter().find(|m| m.dest == Path::new("/sys")).unwrap();
        assert!(sys.flags.contains(MsFlags::MS_RDONLY));
        assert!(matches!(
            sys.kind,
            Kind::Fs {
                fstype: "sysfs",
                ..
            }
        ));
        let host = plan(&PlanInput {
            userdata: "/u".into(),
            hosts: true,
            own_netns: false,
        });
        let sys = host.iter().find(|m| m.dest == Path::new("/sys")).unwrap();
        assert!(
            matches!(sys.kind, Kind::Bind { .. }),
            "host network: /sys is a bind"
        );
        // /dev comes before what is mounted under it.
        let pos = |d: &str| dests.iter().position(|x| x == d).unwrap();
        assert!(pos("/dev") < pos("/dev/pts") && pos("/dev") < pos("/dev/null"));
    }
}
