//! Property tests: hostile bytes never panic the loader and never leave a
//! byte that could steer a terminal in what it produces.

mod common;
mod hostile;

use std::path::Path;

use common::is_terminal_safe;
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use sinmun::post::{self, Format, Keep};

const KEEP_ALL: Keep = Keep::ALL;

fn check(bytes: &[u8], format: Format) {
    match post::parse(Path::new("p.txt"), "p", bytes, format, KEEP_ALL) {
        Ok(p) => hostile::assert_post_is_safe(&p),
        Err(problem) => assert!(is_terminal_safe(&problem.to_string())),
    }
}

/// Pieces that a post, a broken post or an attack is made of.
fn fragment() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"---\n".to_vec()),
        Just(b"---\r\n".to_vec()),
        Just(b"\xef\xbb\xbf".to_vec()),
        Just(b"title: ".to_vec()),
        Just(b"categories: ".to_vec()),
        Just(b"tags:\n  - ".to_vec()),
        Just(b"date: 2024-07-19 10:00:00 +0900\n".to_vec()),
        Just(b"published: no\n".to_vec()),
        Just(b"&a [".to_vec()),
        Just(b"*a, ".to_vec()),
        Just(b"[{".to_vec()),
        Just(b"]}".to_vec()),
        Just(b"\"\\e[2J\\u202e\"".to_vec()),
        Just(b"\x1b]0;x\x07".to_vec()),
        Just(b"\xc2\x9b31m".to_vec()),
        Just(b"\xff\xfe".to_vec()),
        Just(b"\0".to_vec()),
        Just(b"\t".to_vec()),
        Just("제주항공 ".as_bytes().to_vec()),
        Just("\u{1100}\u{1161}\u{11a8}".as_bytes().to_vec()),
        Just("🌧️".as_bytes().to_vec()),
        Just(b"<h2>".to_vec()),
        Just(b"</b\xea\xb3\xa0 ".to_vec()),
        Just(b"<script>".to_vec()),
        Just(b"&#27;&nbsp;&#x202e;".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"  ".to_vec()),
        Just(b"# ".to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes, Format::Html);
        check(&bytes, Format::Markdown);
    }

    #[test]
    fn post_shaped_fragments_never_panic(parts in proptest::collection::vec(fragment(), 0..60)) {
        let bytes = parts.concat();
        check(&bytes, Format::Html);
        check(&bytes, Format::Markdown);
    }
}

#[test]
fn arbitrary_files_through_the_walk_never_panic() {
    let site = common::Site::new();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = proptest::collection::vec(fragment(), 0..40);
    for i in 0..50 {
        let parts = strategy.new_tree(&mut runner).expect("a value").current();
        site.write(&format!("{i}.txt"), parts.concat());
    }
    let load = site.load();
    assert!(load.posts.len() + load.problems.len() >= 50);
}
