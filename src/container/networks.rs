//! `network connect` and `network disconnect`: a container's networks
//! changed after it was made. The record changes under the container's lock;
//! a running container gets (or loses) the interface at once, and the hosts
//! files of everyone on the network follow.

use std::collections::BTreeSet;

use super::lifecycle::LifecycleError;
use crate::net::attach::{self, Requested};
use crate::net::network::NetError;
use crate::net::{bridge, nat};
use crate::storage::Store;
use crate::storage::containers::{ContainerRecord, Status};

fn rootful(store: &Store) -> Result<(), LifecycleError> {
    if store.rootless() {
        return Err(NetError::Invalid(
            "bridge networks need root: rootless containers cannot be connected to them".into(),
        )
        .into());
    }
    Ok(())
}

/// The pid of `rec`'s first process, if it runs.
fn running_pid(store: &Store, rec: &ContainerRecord) -> Result<Option<i32>, LifecycleError> {
    let st = store.live_state(&rec.id)?;
    Ok(matches!(st.status, Status::Running | Status::Paused).then_some(st.pid))
}

fn setup(rec: &ContainerRecord, network: &str, e: std::io::Error) -> LifecycleError {
    LifecycleError::Net(NetError::Invalid(format!(
        "network {network} of {}: {e}",
        rec.name
    )))
}

/// Connects `rec` to `network` with `aliases` and the address `requested`.
pub fn connect(
    store: &Store,
    rec: &ContainerRecord,
    network: &str,
    aliases: &[String],
    requested: &Requested,
) -> Result<(), LifecycleError> {
    rootful(store)?;
    let _lock = store.lock_container(&rec.id)?;
    let a = attach::connect(store, rec, network, aliases, requested)?;
    if let Some(pid) = running_pid(store, rec)? {
        let made = attach::link(store, &rec.id, &a, 0)
            .map_err(LifecycleError::from)
            .and_then(|l| bridge::connect(pid, &[l]).map_err(|e| setup(rec, &a.network, e)));
        match made {
            Ok(true) => nat::refresh(store, &[]),
            Ok(false) => {}
            Err(e) => {
                // Not connected after all: the address goes back.
                let _ = attach::disconnect(store, rec, &a.network);
                return Err(e);
            }
        }
    }
    attach::refresh_hosts(store, &BTreeSet::from([a.network]), Some(&rec.id));
    Ok(())
}

/// Disconnects `rec` from `network`.
pub fn disconnect(
    store: &Store,
    rec: &ContainerRecord,
    network: &str,
) -> Result<(), LifecycleError> {
    rootful(store)?;
    let _lock = store.lock_container(&rec.id)?;
    let name = crate::net::network::get(store, network)?.name;
    if let Some(pid) = running_pid(store, rec)?
        && let Some(a) = attach::load(store, &rec.id)
            .iter()
            .find(|a| a.network == name)
    {
        bridge::disconnect(pid, &a.interface).map_err(|e| setup(rec, &name, e))?;
    }
    let a = attach::disconnect(store, rec, &name)?;
    attach::refresh_hosts(store, &BTreeSet::from([a.network]), Some(&rec.id));
    Ok(())
}
