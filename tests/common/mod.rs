//! Helpers shared by the integration tests: temporary post folders.
#![allow(dead_code)]

pub mod locale;
pub mod pictures;
pub mod tmux;

use std::path::{Path, PathBuf};

use sinmun::loader::{self, Load};
use sinmun::post::{Keep, Post};

pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn new() -> Site {
        Site {
            dir: tempfile::tempdir().expect("temporary folder"),
        }
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    /// Write `bytes` at `rel`, creating folders.
    pub fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, bytes).expect("write fixture");
        path
    }

    pub fn load(&self) -> Load {
        loader::load(&[self.path()], Keep::ALL)
    }
}

/// A seed-shaped post: front matter with `extra` lines, then `body`.
pub fn post(title: &str, extra: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ncategories:\n  - News\n{extra}excerpt: >\n  요약 문장입니다.\nimage: '/assets/img/news.jpg'\n---\n\n{body}\n"
    )
}

pub fn only(load: &Load) -> &Post {
    assert_eq!(
        load.posts.len(),
        1,
        "expected one post, got {:?}",
        load.posts.iter().map(|p| &p.id).collect::<Vec<_>>()
    );
    &load.posts[0]
}

/// The post with `id`; the test fails naming the ids there are.
pub fn by_id<'a>(load: &'a Load, id: &str) -> &'a Post {
    load.posts.iter().find(|p| p.id == id).unwrap_or_else(|| {
        panic!(
            "no post {id}; ids: {:?}",
            load.posts.iter().map(|p| &p.id).collect::<Vec<_>>()
        )
    })
}

pub fn messages(post: &Post) -> Vec<String> {
    post.problems.iter().map(|p| p.to_string()).collect()
}

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// No C0/C1 control (other than newline) and no bidi control in `s`.
pub fn is_terminal_safe(s: &str) -> bool {
    s.chars()
        .all(|c| c == '\n' || !sinmun::text::is_forbidden(c) && c != '\t' && c != '\r')
}

pub mod reader;

/// The binary, with a HOME and XDG folders of its own (a new folder under
/// cargo's target temporary folder for each command), so that no test
/// reads the developer's config or marks; run from the temporary folder.
pub fn command() -> std::process::Command {
    let home = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "home-{}-{}",
        std::process::id(),
        HOMES.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    command_in(&home)
}

/// [`command`] run in `cwd` with `args`, to its end.
pub fn run_in(cwd: &Path, args: &[&str]) -> std::process::Output {
    command()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run sinmun")
}

/// What [`run_in`] printed, once it ended well (exit status 0).
pub fn output_in(cwd: &Path, args: &[&str]) -> String {
    let out = run_in(cwd, args);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

static HOMES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// [`command`] with `home` as HOME (its XDG folders inside, see
/// [`isolate`]).
pub fn command_in(home: &Path) -> std::process::Command {
    let _ = std::fs::create_dir_all(home);
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_sinmun"));
    isolate(&mut c, home);
    c.env_remove("BROWSER")
        .env_remove("NO_COLOR")
        .current_dir(std::env::temp_dir());
    c
}

/// The environment [`command_in`] sets, as `env` arguments for a shell line
/// (for the tmux tests, where the binary runs inside a pane).
pub fn env_line(home: &Path) -> String {
    let h = home.display();
    format!(
        "env -u SINMUN_CONFIG -u BROWSER HOME='{h}' XDG_CONFIG_HOME='{h}/config' XDG_DATA_HOME='{h}/data' XDG_CACHE_HOME='{h}/cache' XDG_STATE_HOME='{h}/state'"
    )
}

/// A rendered body's lines as text, one per line.
pub fn rendered_text(r: &sinmun::render::Rendered) -> String {
    r.lines
        .iter()
        .map(sinmun::render::Line::text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Give `cmd` a home of its own under `home`: no user config, themes,
/// marks or cache leak in, and nothing is written outside `home`.
/// The interface speaks English unless a test asks for another language.
pub fn isolate(cmd: &mut std::process::Command, home: &Path) {
    cmd.env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env_remove("SINMUN_CONFIG");
}

/// Cells `s` takes in `mode`.
pub fn cells_in(mode: sinmun::text::AmbiguousWidth, s: &str) -> usize {
    mode.scope(|| sinmun::text::width(s))
}

/// The cells at which any of `marks` stands in `row`, measured in `mode`.
pub fn columns(row: &str, marks: &[char], mode: sinmun::text::AmbiguousWidth) -> Vec<usize> {
    let mut at = 0;
    let mut out = Vec::new();
    for c in row.chars() {
        if marks.contains(&c) {
            out.push(at);
        }
        at += cells_in(mode, c.encode_utf8(&mut [0; 4]));
    }
    out
}

/// A Jekyll site titled 산행 일지, with the landscape at
/// `/assets/img/hill.png`, the portrait at `/assets/img/bands.jpg`, and
/// `post` as `_posts/2026-11-20-autumn-hike.md`.
pub fn picture_site(post: &str) -> Site {
    let site = Site::new();
    site.write("_config.yml", "title: 산행 일지\n");
    site.write(
        "assets/img/hill.png",
        pictures::encode(&pictures::landscape(320, 180), image::ImageFormat::Png),
    );
    site.write(
        "assets/img/bands.jpg",
        pictures::encode(&pictures::portrait(240, 320), image::ImageFormat::Jpeg),
    );
    site.write("_posts/2026-11-20-autumn-hike.md", post);
    site
}

/// A symlink at `link` to a picture outside every site and folder of the
/// test; the folder that holds the picture (removed when dropped).
#[cfg(unix)]
pub fn link_outside(link: &Path) -> Site {
    let outside = Site::new();
    let secret = outside.write(
        "secret.png",
        pictures::encode(&pictures::landscape(16, 16), image::ImageFormat::Png),
    );
    std::os::unix::fs::symlink(secret, link).expect("symlink");
    outside
}
