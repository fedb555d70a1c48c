//! The demo posts built into the binary (see build.rs).

include!(concat!(env!("OUT_DIR"), "/demo_posts.rs"));
