//! seccomp: rctl's default filter and docker's JSON profiles, compiled to
//! one classic BPF program by [`super::seccomp_bpf`] (pure Rust: no
//! libseccomp in the static binary), and installed in the container's
//! process before exec.
//!
//! A profile becomes a [`Policy`]: a default action and rules, each a system
//! call by name, conditions on its arguments, an action, and the
//! architectures it applies to. Names are looked up in each architecture's
//! own table: the native one and, where the policy includes it, the 32-bit
//! compatibility ABI (i386 programs on x86-64, as docker's and podman's
//! default profiles allow). Names an architecture lacks are skipped there,
//! as libseccomp does.

use std::borrow::Cow;
use std::str::FromStr;

use serde::Deserialize;

use super::seccomp_bpf::{Action, ArchRules, Cmp, Condition, Program, Width};
use super::{Seccomp, SecurityError, seccomp_table};
use crate::container::caps;

/// A seccomp policy: what each listed call gets, and the default.
#[derive(Clone, Debug)]
pub struct Policy {
    /// The action for calls no rule decides.
    pub default: Action,
    /// The rules.
    pub rules: Vec<Rule>,
    /// Whether calls through the 32-bit ABI are filtered by the rules too
    /// (else they kill the process).
    pub compat: bool,
}

/// One call, optionally only when its arguments match, and its action.
#[derive(Clone, Debug)]
pub struct Rule {
    /// The call's name (`openat`).
    pub name: Cow<'static, str>,
    /// Conditions that must all hold (none: always).
    pub conditions: Vec<Condition>,
    /// What the call gets.
    pub action: Action,
    /// Only on this architecture (`None`: on each).
    pub arch: Option<Arch>,
}

/// The architectures a filter knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arch {
    /// The one rctl is built for.
    Native,
    /// Its 32-bit ABI: i386 on x86-64, arm on aarch64.
    Compat,
}

impl Arch {
    /// The kernel's `AUDIT_ARCH_*` value.
    fn audit(self) -> u32 {
        match (self, std::env::consts::ARCH) {
            (Arch::Native, "x86_64") => 0xc000_003e,
            (Arch::Compat, "x86_64") => 0x4000_0003,
            (Arch::Native, _) => 0xc000_00b7,
            (Arch::Compat, _) => 0x4000_0028,
        }
    }

    /// Its names in profiles (Go's, libseccomp's).
    fn names(self) -> &'static [&'static str] {
        match (self, std::env::consts::ARCH) {
            (Arch::Native, "x86_64") => &["amd64", "x86_64", "SCMP_ARCH_X86_64"],
            (Arch::Compat, "x86_64") => &["386", "x86", "SCMP_ARCH_X86"],
            (Arch::Native, _) => &["arm64", "aarch64", "SCMP_ARCH_AARCH64"],
            (Arch::Compat, _) => &["arm", "SCMP_ARCH_ARM"],
        }
    }

    /// The number of call `name` here, if it has one.
    pub fn number(self, name: &str) -> Option<u32> {
        let id = match self {
            Arch::Native => syscalls::Sysno::from_str(name).ok().map(|s| s.id()),
            #[cfg(target_arch = "x86_64")]
            Arch::Compat => syscalls::x86::Sysno::from_str(name).ok().map(|s| s.id()),
            #[cfg(target_arch = "aarch64")]
            Arch::Compat => syscalls::arm::Sysno::from_str(name).ok().map(|s| s.id()),
        };
        id.and_then(|n| u32::try_from(n).ok())
    }
}

impl Policy {
    /// The program enforcing the policy.
    pub fn compile(&self) -> Program {
        let mut arches = vec![self.arch_rules(Arch::Native)];
        if self.compat {
            arches.push(self.arch_rules(Arch::Compat));
        }
        super::seccomp_bpf::compile(&mut arches, self.default)
    }

    fn arch_rules(&self, arch: Arch) -> ArchRules<'_> {
        // A call listed with the default action is as good as unlisted (a
        // rule libseccomp refuses).
        let rules = self
            .rules
            .iter()
            .filter(|r| r.action != self.default && r.arch.is_none_or(|a| a == arch))
            .filter_map(|r| Some((arch.number(&r.name)?, &r.conditions[..], r.action)))
            .collect();
        ArchRules {
            audit_arch: arch.audit(),
            rules,
        }
    }
}

/// The filter for `choice` when the process has capabilities `caps`.
pub fn program(choice: &Seccomp, caps: &[u32]) -> Result<Program, SecurityError> {
    let policy = match choice {
        Seccomp::Unconfined => return Ok(Program::default()),
        Seccomp::Default => seccomp_table::default_policy(caps),
        Seccomp::Profile { path, json } => {
            let bad = |why: String| SecurityError::Profile {
                path: path.clone(),
                why,
            };
            let profile: Profile = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
            profile.policy(caps, kernel_version()).map_err(bad)?
        }
    };
    Ok(policy.compile())
}

/// Installs `program` (none when empty) on this thread. Without
/// no_new_privs the caller needs CAP_SYS_ADMIN (in its user namespace): call
/// it before dropping to the container's user.
pub fn install(program: &Program) -> std::io::Result<()> {
    let code = program.instructions();
    if code.is_empty() {
        return Ok(());
    }
    let prog = libc::sock_fprog {
        len: u16::try_from(code.len()).map_err(|_| std::io::ErrorKind::InvalidInput)?,
        filter: code.as_ptr().cast_mut(),
    };
    // SAFETY: the kernel copies the program; `code` outlives the call.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_seccomp,
            libc::SECCOMP_SET_MODE_FILTER,
            0,
            &prog as *const libc::sock_fprog,
        )
    };
    if rc != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// This kernel's version (major, minor), for `minKernel`.
fn kernel_version() -> (u32, u32) {
    let release = nix::sys::utsname::uname()
        .map(|u| u.release().to_string_lossy().into_owned())
        .unwrap_or_default();
    parse_version(&release).unwrap_or((0, 0))
}

fn parse_version(s: &str) -> Option<(u32, u32)> {
    let mut parts = s.split(|c: char| !c.is_ascii_digit());
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

/// A profile in docker's (and the OCI runtime spec's) JSON format.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Profile {
    default_action: String,
    #[serde(default)]
    default_errno_ret: Option<u32>,
    #[serde(default)]
    architectures: Vec<String>,
    #[serde(default)]
    arch_map: Vec<ArchMap>,
    #[serde(default)]
    syscalls: Vec<SyscallEntry>,
}

/// docker's form of the architectures a profile filters: each with its
/// sub-architectures.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ArchMap {
    architecture: String,
    #[serde(default)]
    sub_architectures: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SyscallEntry {
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    name: Option<String>,
    action: String,
    #[serde(default)]
    errno_ret: Option<u32>,
    #[serde(default)]
    args: Option<Vec<Arg>>,
    #[serde(default)]
    includes: Option<When>,
    #[serde(default)]
    excludes: Option<When>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Arg {
    index: u8,
    value: u64,
    #[serde(default)]
    value_two: u64,
    op: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct When {
    #[serde(default)]
    caps: Vec<String>,
    #[serde(default)]
    arches: Vec<String>,
    #[serde(default)]
    min_kernel: Option<String>,
}

fn action(name: &str, errno: Option<u32>, default_errno: u32) -> Result<Action, String> {
    Ok(match name {
        "SCMP_ACT_ALLOW" => Action::Allow,
        "SCMP_ACT_ERRNO" => Action::Errno(errno.unwrap_or(default_errno)),
        "SCMP_ACT_KILL" | "SCMP_ACT_KILL_THREAD" => Action::KillThread,
        "SCMP_ACT_KILL_PROCESS" => Action::KillProcess,
        "SCMP_ACT_TRAP" => Action::Trap,
        "SCMP_ACT_TRACE" => Action::Trace(errno.unwrap_or(default_errno)),
        "SCMP_ACT_LOG" => Action::Log,
        other => return Err(format!("unsupported action {other}")),
    })
}

fn condition(a: &Arg) -> Result<Condition, String> {
    let (op, value) = match a.op.as_str() {
        "SCMP_CMP_EQ" => (Cmp::Eq, a.value),
        "SCMP_CMP_NE" => (Cmp::Ne, a.value),
        "SCMP_CMP_LT" => (Cmp::Lt, a.value),
        "SCMP_CMP_LE" => (Cmp::Le, a.value),
        "SCMP_CMP_GT" => (Cmp::Gt, a.value),
        "SCMP_CMP_GE" => (Cmp::Ge, a.value),
        // libseccomp: (arg & value) == valueTwo.
        "SCMP_CMP_MASKED_EQ" => (Cmp::MaskedEq(a.value), a.value_two),
        other => return Err(format!("unsupported argument comparison {other}")),
    };
    if a.index > 5 {
        return Err(format!("argument index {} (a call has 6)", a.index));
    }
    Ok(Condition {
        arg: a.index,
        width: Width::Full64,
        op,
        value,
    })
}

impl Profile {
    /// The policy for a process with capabilities `caps` on kernel `kernel`.
    fn policy(&self, caps: &[u32], kernel: (u32, u32)) -> Result<Policy, String> {
        let default_errno = self.default_errno_ret.unwrap_or(libc::EPERM as u32);
        let mut rules = Vec::new();
        for e in &self.syscalls {
            let arch = match (
                e.applies(caps, kernel, Arch::Native),
                e.applies(caps, kernel, Arch::Compat),
            ) {
                (true, true) => None,
                (true, false) => Some(Arch::Native),
                (false, true) => Some(Arch::Compat),
                (false, false) => continue,
            };
            let act = action(&e.action, e.errno_ret, libc::EPERM as u32)?;
            let conditions = e
                .args
                .iter()
                .flatten()
                .map(condition)
                .collect::<Result<Vec<_>, _>>()?;
            for name in e.names.iter().chain(&e.name) {
                rules.push(Rule {
                    name: Cow::Owned(name.clone()),
                    conditions: conditions.clone(),
                    action: act,
                    arch,
                });
            }
        }
        Ok(Policy {
            default: action(&self.default_action, None, default_errno)?,
            rules,
            compat: self.includes(Arch::Compat),
        })
    }

    /// Whether the profile filters `arch`'s calls (libseccomp kills the
    /// calls of an architecture it does not list).
    fn includes(&self, arch: Arch) -> bool {
        let ours = |n: &String| arch.names().contains(&n.as_str());
        self.architectures.iter().any(ours)
            || self.arch_map.iter().any(|m| {
                Arch::Native.names().contains(&m.architecture.as_str())
                    && m.sub_architectures.iter().any(ours)
            })
    }
}

impl SyscallEntry {
    /// Whether the entry's `includes` and `excludes` select it on `arch`.
    fn applies(&self, caps: &[u32], kernel: (u32, u32), arch: Arch) -> bool {
        let has = |c: &String| caps::number(c).is_some_and(|n| caps.contains(&n));
        let here = |a: &String| arch.names().contains(&a.as_str());
        if let Some(inc) = &self.includes {
            if !inc.caps.iter().all(has) {
                return false;
            }
            if !inc.arches.is_empty() && !inc.arches.iter().any(here) {
                return false;
            }
            if let Some(min) = inc.min_kernel.as_deref().and_then(parse_version)
                && kernel < min
            {
                return false;
            }
        }
        if let Some(exc) = &self.excludes
            && (exc.caps.iter().any(has) || exc.arches.iter().any(here))
        {
            return false;
        }
        true
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// What the compiled `policy` returns for call `name` on `arch`.
    pub(crate) fn verdict(policy: &Policy, arch: Arch, name: &str, args: [u64; 6]) -> u32 {
        let nr = arch.number(name).expect("a call of that architecture");
        crate::container::security::seccomp_bpf::run(&policy.compile(), arch.audit(), nr, args)
    }

    #[test]
    fn profile_json() {
        let json = r#"{
            "defaultAction": "SCMP_ACT_ALLOW",
            "archMap": [{"architecture": "SCMP_ARCH_X86_64", "subArchitectures": ["SCMP_ARCH_X86"]},
                        {"architecture": "SCMP_ARCH_AARCH64", "subArchitectures": ["SCMP_ARCH_ARM"]}],
            "syscalls": [
                {"names": ["mkdir", "mkdirat", "no_such_call"], "action": "SCMP_ACT_ERRNO"},
                {"names": ["unshare"], "action": "SCMP_ACT_ERRNO", "errnoRet": 38,
                 "excludes": {"caps": ["CAP_SYS_ADMIN"]}},
                {"names": ["clone"], "action": "SCMP_ACT_ALLOW",
                 "args": [{"index": 0, "value": 2114060288, "valueTwo": 0, "op": "SCMP_CMP_MASKED_EQ"}]},
                {"names": ["personality"], "action": "SCMP_ACT_ERRNO",
                 "includes": {"minKernel": "99.0"}},
                {"names": ["getpid"], "action": "SCMP_ACT_ERRNO",
                 "includes": {"arches": ["x86", "arm"]}}
            ]
        }"#;
        let p: Profile = serde_json::from_str(json).unwrap();
        let pol = p.policy(&caps::default_set(), (6, 1)).unwrap();
        assert_eq!(pol.default, Action::Allow);
        assert!(pol.compat, "the sub-architecture is filtered");
        // mkdir, mkdirat, no_such_call (skipped when compiled), unshare,
        // clone, getpid; personality needs a newer kernel.
        assert_eq!(pol.rules.len(), 6);
        let errno = |e: u32| Action::Errno(e).ret();
        for arch in [Arch::Native, Arch::Compat] {
            assert_eq!(verdict(&pol, arch, "mkdir", [0; 6]), errno(1));
            assert_eq!(verdict(&pol, arch, "unshare", [0; 6]), errno(38));
            assert_eq!(
                verdict(&pol, arch, "personality", [0; 6]),
                Action::Allow.ret()
            );
        }
        // Only the 32-bit getpid is refused.
        assert_eq!(
            verdict(&pol, Arch::Native, "getpid", [0; 6]),
            Action::Allow.ret()
        );
        assert_eq!(verdict(&pol, Arch::Compat, "getpid", [0; 6]), errno(1));
        let admin = p.policy(&caps::all(), (6, 1)).unwrap();
        assert_eq!(admin.rules.len(), 5, "unshare excluded with CAP_SYS_ADMIN");
        assert_eq!(
            verdict(&admin, Arch::Native, "unshare", [0; 6]),
            Action::Allow.ret()
        );
        // Without the sub-architecture, 32-bit calls are killed.
        let native_only: Profile = serde_json::from_str(
            r#"{"defaultAction": "SCMP_ACT_ALLOW", "architectures": ["SCMP_ARCH_X86_64", "SCMP_ARCH_AARCH64"]}"#,
        )
        .unwrap();
        let pol = native_only.policy(&[], (6, 1)).unwrap();
        assert!(!pol.compat);
        assert_eq!(
            verdict(&pol, Arch::Compat, "getpid", [0; 6]),
            Action::KillProcess.ret()
        );
        let bad: Profile = serde_json::from_str(r#"{"defaultAction": "SCMP_ACT_NOPE"}"#).unwrap();
        assert!(bad.policy(&[], (6, 1)).is_err());
    }

    #[test]
    fn versions() {
        assert_eq!(parse_version("6.1.0-18-amd64"), Some((6, 1)));
        assert_eq!(parse_version("4.8"), Some((4, 8)));
        assert_eq!(parse_version("x"), None);
    }
}
