//! Shared code for the benchmarks.

pub mod corpus;
