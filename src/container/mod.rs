//! Containers: the OCI runtime spec built from an image and flags, process
//! creation, root filesystems, the monitor and exec. Arrives with the runtime
//! issue; the store already keeps `ROOT/containers/` for it.
