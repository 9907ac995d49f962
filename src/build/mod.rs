//! `build`: images from Containerfiles.
//!
//! The front end is pure: a Containerfile parsed into stages of typed steps
//! ([`parse`]), docker's variable expansion ([`expand`]), the build args
//! every build predefines ([`args`]), and the ignore file that trims the
//! build context ([`ignore`]). The executor ([`executor`]) runs the steps
//! with the container runtime, reading the build context ([`context`]),
//! ADD's archives ([`archive`]) and changing configs ([`config_steps`]).

pub mod archive;
pub mod args;
pub mod config_steps;
pub mod context;
pub mod executor;
pub mod expand;
pub mod ignore;
pub mod parse;
