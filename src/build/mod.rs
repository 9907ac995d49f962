//! The front end of `build`: a Containerfile parsed into stages of typed
//! steps ([`parse`]), docker's variable expansion ([`expand`]), the build
//! args every build predefines ([`args`]), and the ignore file that trims the
//! build context ([`ignore`]).
//!
//! All of it is pure: nothing here runs a container, writes a layer or
//! prints; the executor does that with what these modules return.

pub mod args;
pub mod expand;
pub mod ignore;
pub mod parse;
