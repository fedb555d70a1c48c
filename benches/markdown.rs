//! Markdown benchmark: a 300 KB Korean Jekyll-style Markdown post with
//! math, code, Liquid and kramdown attribute lists (issue target: `--dump`
//! of it under 50 ms, whole process).
//!
//! Run: `cargo bench --bench markdown`
//!
//! Groups:
//! - `markdown/to_html_300kb`: `markdown::to_html` of the body (comrak
//!   parse, Liquid and kramdown passes, HTML out).
//! - `markdown/visible_text_300kb`: the search text of the same body.
//! - `markdown/render_300kb_width_80`: `render::render` at 80 cells.
//! - `markdown/dump_300kb`: spawn the release binary with `--dump FILE
//!   --width 80 --color never`, stdout to /dev/null, and wait.
//!
//! The post is generated here, deterministically, into a temporary folder;
//! `SINMUN_BENCH_MARKDOWN_COPY=FILE` also writes it to FILE.

mod support;

use std::fmt::Write as _;
use std::hint::black_box;
use std::path::Path;
use std::process::{Command, Stdio};

use criterion::SamplingMode;
use sinmun::markdown::{LiquidContext, to_html, visible_text};
use sinmun::post::Format;
use sinmun::render::{RenderOptions, render};

const BODY_BYTES: usize = 300 * 1024;

const WORDS: &[&str] = &[
    "임베딩",
    "벡터",
    "학습률",
    "손실 함수",
    "정규화",
    "어텐션",
    "토큰",
    "말뭉치",
    "가중치",
    "기울기",
    "배치",
    "추론",
    "검증",
    "데이터셋",
    "모델",
    "차원",
];
const ENGLISH: &[&str] = &[
    "embedding",
    "vector",
    "learning rate",
    "loss",
    "regularization",
    "attention",
];

/// A small deterministic generator (LCG), so every run measures the same post.
struct Words(u64);

impl Words {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize % n
    }

    fn word(&mut self) -> &'static str {
        WORDS[self.next(WORDS.len())]
    }

    fn sentence(&mut self) -> String {
        let n = 6 + self.next(8);
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(self.word());
            s.push_str(["은", "를", "의", "로", "에서", "와"][self.next(6)]);
        }
        s
    }
}

fn post() -> String {
    let mut w = Words(0x5EED_2024);
    let mut out = String::from(
        "---\ntitle: \"딥러닝 수식과 코드 정리\"\ncategories: [ML]\nuse_math: true\n---\n\n* TOC\n{:toc}\n\n",
    );
    let mut n = 0;
    while out.len() < BODY_BYTES {
        n += 1;
        let (a, b) = (w.word(), ENGLISH[w.next(ENGLISH.len())]);
        let _ = write!(
            out,
            "## {n}. {a} 정리 {{#sec-{n}}}\n\n\
             **{a}({b})**은 {}. ~~{}~~는 {} $w_{{{n}}} + \\alpha_i * \\beta$를 씁니다.\n\
             ![그림 {n}]({{{{ \"/assets/img/{n}.png\" | relative_url }}}}){{: .center-image}}\n\n\
             $$\nL_{{{n}}} = -\\sum_{{i=1}}^{{N}} y_i \\log \\hat{{y}}_i + \\lambda \\|\\theta\\|^2\n$$\n\n\
             {{% highlight python %}}\ndef step_{n}(x, lr=0.01):\n    #  {}   여러 칸\n    return x - lr * grad(x)  # {}\n{{% endhighlight %}}\n\n\
             ```rust\nfn f{n}() {{ println!(\"{{{{ page.title }}}} {}\"); }}\n```\n\n\
             | 항목 | 값 |\n|---|---:|\n| {} | {n} |\n{{: .table}}\n\n",
            w.sentence(),
            w.word(),
            w.sentence(),
            w.word(),
            w.word(),
            w.word(),
            w.word(),
        );
    }
    out
}

fn dump_command(path: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sinmun"));
    cmd.arg("--dump")
        .arg(path)
        .args(["--width", "80", "--color", "never"])
        .stdin(Stdio::null());
    cmd
}

fn main() {
    let mut c = support::criterion();

    let tmp = tempfile::Builder::new()
        .prefix("sinmun-bench-markdown-")
        .tempdir()
        .expect("create a temporary folder");
    let text = post();
    let path = tmp.path().join("2024-05-01-deep-learning-notes.md");
    std::fs::write(&path, &text).expect("write the post");
    // To time the binary outside criterion (perf stat, hyperfine).
    if let Some(copy) = std::env::var_os("SINMUN_BENCH_MARKDOWN_COPY") {
        std::fs::write(copy, &text).expect("write the copy");
    }
    let body = sinmun::text::sanitize(text.split_once("---\n\n").map_or(&*text, |(_, b)| b));
    eprintln!("input: {} ({} bytes)", path.display(), text.len());

    let out = dump_command(&path).output().expect("run sinmun --dump");
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && printed.contains("def step_1(x, lr=0.01):"));
    assert!(!printed.contains("{:") && !printed.contains("{%"));

    let ctx = LiquidContext::default();
    let mut group = c.benchmark_group("markdown");
    group.sample_size(20);
    group.bench_function("to_html_300kb", |b| {
        b.iter(|| to_html(black_box(&body), &ctx))
    });
    group.bench_function("visible_text_300kb", |b| {
        b.iter(|| visible_text(black_box(&body), &ctx))
    });
    let opts = RenderOptions::new(80);
    group.bench_function("render_300kb_width_80", |b| {
        b.iter(|| render(black_box(&body), Format::Markdown, &opts))
    });
    group.sampling_mode(SamplingMode::Flat);
    group.bench_function("dump_300kb", |b| {
        b.iter(|| {
            let status = dump_command(&path)
                .stdout(Stdio::null())
                .status()
                .expect("run sinmun --dump");
            assert!(status.success());
        })
    });
    group.finish();
    c.final_summary();
}
