//! sinmun (신문): a terminal reader for folders of Jekyll-style posts.
//!
//! The library holds every code path; the binary only calls [`cli::main`].
//! It exports what the binary, the tests and the benchmarks use; everything
//! else is the crate's own.

#![warn(unreachable_pub)]
// Unsafe code is refused everywhere but in one module, which allows it
// where it is: the YAML event census (frontmatter/census.rs) drives
// libyaml's event parser, the one serde_yaml itself uses, because only its
// event stream can measure nesting and alias expansion exactly, in linear
// time, before serde_yaml parses a hostile front matter.
#![deny(unsafe_code)]

pub(crate) mod ansi;
pub mod app;
pub mod cli;
pub mod config;
pub(crate) mod date;
pub(crate) mod decode;
pub(crate) mod demo;
pub(crate) mod error;
pub(crate) mod frontmatter;
pub(crate) mod fsread;
pub mod html_text;
pub mod i18n;
pub mod index;
pub mod loader;
pub mod markdown;
pub mod marks;
pub mod memory;
pub(crate) mod permalink;
pub mod picture;
pub mod post;
pub(crate) mod post_link;
pub(crate) mod probe;
pub mod problem;
pub mod references;
pub(crate) mod reload;
pub mod render;
pub mod sanitize;
pub(crate) mod schedule;
pub mod search;
pub(crate) mod site;
pub(crate) mod sqlite_files;
pub mod store;
pub mod text;
pub mod theme;
pub(crate) mod title;
pub(crate) mod tui;
mod walk;
