//! Shared code for the benchmarks.

pub mod corpus;
pub mod temp;

use std::time::Duration;

/// Criterion as the rendering benchmarks run it: 3 s of warm-up and 5 s
/// of measurement per benchmark, overridable from the command line.
#[allow(dead_code)]
pub fn criterion() -> criterion::Criterion {
    criterion::Criterion::default()
        .warm_up_time(Duration::from_secs(3))
        .measurement_time(Duration::from_secs(5))
        .configure_from_args()
}
