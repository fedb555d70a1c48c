//! Shared code for the benchmarks.

pub mod corpus;
pub mod temp;
