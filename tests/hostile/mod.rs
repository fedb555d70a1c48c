//! Helpers of the hostile-input tests: inputs that used to hang or blow
//! up, the checks every loaded post must pass, and running the binary
//! under a deadline.
#![allow(dead_code)]

use std::process::{Child, Output};
use std::time::{Duration, Instant};

use sinmun::post::Post;

use crate::common::is_terminal_safe;

/// YAML with `levels` anchors, each a list of `width` aliases to the one
/// before: a few kilobytes that replay to billions of nodes.
pub fn alias_bomb(levels: usize, width: usize) -> String {
    let mut yaml = String::from("a0: &a0 [\"ㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋ\"]\n");
    for i in 1..levels {
        let prev = format!("*a{}", i - 1);
        yaml.push_str(&format!("a{i}: &a{i} [{}]\n", vec![prev; width].join(", ")));
    }
    yaml
}

/// Every field of `p` and every problem is safe to print (a Markdown
/// body but for its tabs); one-line fields are one line.
pub fn assert_post_is_safe(p: &Post) {
    for field in [
        &p.id,
        &p.title,
        &p.excerpt,
        &p.feature_text,
        &p.image,
        &p.layout,
    ] {
        assert!(
            is_terminal_safe(field) && !field.contains('\n'),
            "{field:?}"
        );
    }
    for label in p.categories.iter().chain(&p.tags) {
        assert!(is_terminal_safe(label) && !label.is_empty(), "{label:?}");
    }
    // A Markdown body keeps its tabs for the parser; its rendered lines
    // have none (the callers check them).
    let body = p.body.as_deref().unwrap_or_default();
    let body = match p.format {
        sinmun::post::Format::Markdown => body.replace('\t', " "),
        sinmun::post::Format::Html => body.to_string(),
    };
    assert!(is_terminal_safe(&body), "{body:?}");
    for (k, v) in &p.extra {
        assert!(is_terminal_safe(k) && is_terminal_safe(v), "{k:?}: {v:?}");
    }
    for problem in &p.problems {
        let text = problem.to_string();
        assert!(is_terminal_safe(&text) && !text.contains('\n'), "{text:?}");
        assert!(problem.line >= 1);
    }
}

/// Wait for `child` (stdout and stderr piped); kill it and fail after
/// `secs`, so that a hang fails the test instead of stopping the run.
pub fn output_within(mut child: Child, secs: u64) -> Output {
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("did not finish within {secs} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[cfg(unix)]
pub fn mkfifo(path: &std::path::Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
}
