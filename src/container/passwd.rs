//! The container's own /etc/passwd and /etc/group, read by rctl (never the
//! host's libc, whose NSS would consult the host), and user specs resolved
//! against them as docker does.

/// Who the container's process runs as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExecUser {
    /// User id.
    pub uid: u32,
    /// Primary group id.
    pub gid: u32,
    /// Supplementary groups.
    pub groups: Vec<u32>,
    /// Home directory (for `HOME` when the environment lacks it).
    pub home: String,
}

/// Why a user spec cannot be resolved.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    /// A user name is not in the container's /etc/passwd.
    #[error("unable to find user {0}: no matching entries in passwd file")]
    NoUser(String),
    /// A group name is not in the container's /etc/group.
    #[error("unable to find group {0}: no matching entries in group file")]
    NoGroup(String),
}

struct PasswdEntry<'a> {
    name: &'a str,
    uid: u32,
    gid: u32,
    home: &'a str,
}

fn passwd_entries(text: &str) -> impl Iterator<Item = PasswdEntry<'_>> {
    text.lines().filter_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        if f.len() < 7 || l.starts_with('#') {
            return None;
        }
        Some(PasswdEntry {
            name: f[0],
            uid: f[2].parse().ok()?,
            gid: f[3].parse().ok()?,
            home: f[5],
        })
    })
}

struct GroupEntry<'a> {
    name: &'a str,
    gid: u32,
    members: Vec<&'a str>,
}

fn group_entries(text: &str) -> impl Iterator<Item = GroupEntry<'_>> {
    text.lines().filter_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        if f.len() < 4 || l.starts_with('#') {
            return None;
        }
        Some(GroupEntry {
            name: f[0],
            gid: f[2].parse().ok()?,
            members: f[3].split(',').filter(|m| !m.is_empty()).collect(),
        })
    })
}

/// Resolves `spec` (``, `name`, `uid`, `name:group`, `uid:gid`, ...) against
/// the container's passwd and group files (empty strings when missing).
/// A numeric user absent from passwd gets gid 0 and home `/`, as in docker.
pub fn resolve(spec: &str, passwd: &str, group: &str) -> Result<ExecUser, UserError> {
    let (user, grp) = match spec.split_once(':') {
        Some((u, g)) => (u, Some(g)),
        None => (spec, None),
    };
    let user = if user.is_empty() { "0" } else { user };
    let entry = match user.parse::<u32>() {
        Ok(uid) => passwd_entries(passwd).find(|e| e.uid == uid),
        Err(_) => Some(
            passwd_entries(passwd)
                .find(|e| e.name == user)
                .ok_or_else(|| UserError::NoUser(user.to_string()))?,
        ),
    };
    let uid = match (&entry, user.parse::<u32>()) {
        (_, Ok(uid)) => uid,
        (Some(e), Err(_)) => e.uid,
        (None, Err(_)) => unreachable!("a name that is not found errors above"),
    };
    let gid = match grp {
        Some(g) if !g.is_empty() => match g.parse::<u32>() {
            Ok(gid) => gid,
            Err(_) => group_entries(group)
                .find(|e| e.name == g)
                .map(|e| e.gid)
                .ok_or_else(|| UserError::NoGroup(g.to_string()))?,
        },
        _ => entry.as_ref().map_or(0, |e| e.gid),
    };
    let name = entry.as_ref().map(|e| e.name);
    let mut groups: Vec<u32> = match (name, grp) {
        // Docker: an explicit group replaces the supplementary groups.
        (Some(n), None) => group_entries(group)
            .filter(|g| g.members.contains(&n))
            .map(|g| g.gid)
            .collect(),
        _ => Vec::new(),
    };
    groups.retain(|g| *g != gid);
    groups.dedup();
    let home = entry
        .as_ref()
        .map(|e| e.home)
        .filter(|h| !h.is_empty())
        .unwrap_or("/")
        .to_string();
    Ok(ExecUser {
        uid,
        gid,
        groups,
        home,
    })
}

/// The id of group `spec` (a number, or a name in the container's /etc/group).
pub fn group_id(spec: &str, group: &str) -> Result<u32, UserError> {
    spec.parse::<u32>().or_else(|_| {
        group_entries(group)
            .find(|e| e.name == spec)
            .map(|e| e.gid)
            .ok_or_else(|| UserError::NoGroup(spec.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\napp:x:1000:1000::/home/app:/bin/sh\n";
    const GROUP: &str =
        "root:x:0:\nnogroup:x:65534:\napp:x:1000:\nwheel:x:10:app,root\nstaff:x:50:app\n";

    #[test]
    fn resolves_like_docker() {
        let r = |s| resolve(s, PASSWD, GROUP);
        assert_eq!(
            r("").unwrap(),
            ExecUser {
                uid: 0,
                gid: 0,
                groups: vec![10],
                home: "/root".into()
            }
        );
        assert_eq!(
            r("nobody").unwrap(),
            ExecUser {
                uid: 65534,
                gid: 65534,
                groups: vec![],
                home: "/nonexistent".into()
            }
        );
        assert_eq!(r("app").unwrap().groups, [10, 50]);
        assert_eq!(r("1000").unwrap().gid, 1000);
        let odd = r("4242").unwrap();
        assert_eq!((odd.uid, odd.gid, odd.home.as_str()), (4242, 0, "/"));
        assert_eq!(
            r("app:staff").unwrap(),
            ExecUser {
                uid: 1000,
                gid: 50,
                groups: vec![],
                home: "/home/app".into()
            }
        );
        assert_eq!(r("0:65534").unwrap().gid, 65534);
        assert!(matches!(r("ghost"), Err(UserError::NoUser(_))));
        assert!(matches!(r("app:ghosts"), Err(UserError::NoGroup(_))));
    }
}
