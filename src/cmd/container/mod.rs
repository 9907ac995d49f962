//! `rctl container ...` and the top-level shortcuts (`run`, `ps`, `rm`, ...).

pub mod create;
pub mod run;
