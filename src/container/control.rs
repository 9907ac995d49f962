//! Changing a running container from outside: its limits (`update`) and
//! whether its processes run at all (`pause`, `unpause`).

use super::cgroup::{Cgroup, CgroupError};
use super::resources::{ResourceError, Resources};
use crate::storage::Store;
use crate::storage::containers::{ContainerError, ContainerRecord, Status};

/// Why the container could not be changed.
#[derive(Debug, thiserror::Error)]
pub enum ControlError {
    /// The store.
    #[error(transparent)]
    Store(#[from] ContainerError),
    /// Its cgroup.
    #[error(transparent)]
    Cgroup(#[from] CgroupError),
    /// A value out of range.
    #[error(transparent)]
    Resource(#[from] ResourceError),
    /// The container is not in the state the action needs.
    #[error("container {name} is {status}, not {wanted}")]
    State {
        /// The container.
        name: String,
        /// What it is.
        status: &'static str,
        /// What it must be.
        wanted: &'static str,
    },
}

/// Sets the limits `changes` gives on container `id`, on its cgroup when it
/// runs and in its record for later starts. Returns the updated record.
pub fn update(
    store: &Store,
    id: &str,
    changes: &Resources,
) -> Result<ContainerRecord, ControlError> {
    let _lock = store.lock_container(id)?;
    let mut rec = store.container(id)?;
    let mut res = rec.config.resources.clone();
    res.merge(changes);
    res.validate()?;
    let st = store.live_state(id)?;
    let cg = Cgroup::for_container(id, store.rootless());
    if matches!(st.status, Status::Running | Status::Paused) {
        let mut pids = cg.pids();
        if pids.is_empty() {
            pids.push(st.pid);
        }
        cg.update(&res, &pids)?;
    } else if changes.needs_cgroup() {
        // Checked now rather than at the next start.
        cg.plan(&res)?;
    }
    rec.config.resources = res;
    store.save_container(&rec)?;
    Ok(rec)
}

/// Freezes (`pause`) or thaws (`unpause`) container `id`'s processes and
/// records it paused or running.
pub fn set_paused(store: &Store, id: &str, paused: bool) -> Result<(), ControlError> {
    let _lock = store.lock_container(id)?;
    let rec = store.container(id)?;
    let mut st = store.live_state(id)?;
    let (from, to) = if paused {
        (Status::Running, Status::Paused)
    } else {
        (Status::Paused, Status::Running)
    };
    if st.status != from {
        return Err(ControlError::State {
            name: rec.name,
            status: st.status.as_str(),
            wanted: from.as_str(),
        });
    }
    Cgroup::for_container(id, store.rootless()).freeze(paused, st.pid)?;
    st.status = to;
    store.set_container_state(id, &st)?;
    Ok(())
}
