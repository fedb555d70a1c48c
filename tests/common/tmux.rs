//! A tmux server of a test's own, to run the real binary in a terminal and
//! read the screen back. With `CI` set, a missing tmux fails the test
//! instead of skipping it (.ci/run installs tmux).

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Numbers each tmux server of this test run: tests run in parallel and a
/// test may start several sessions one after another.
static SERVERS: AtomicUsize = AtomicUsize::new(0);

/// The locale the server measures characters in.
#[derive(Debug, Clone)]
pub enum Locale {
    /// The test's own environment.
    Inherit,
    /// `C.UTF-8`: ambiguous characters one cell wide.
    Narrow,
    /// The locale built in this folder (`LOCPATH`), named
    /// [`super::locale::NAME`].
    At(PathBuf),
}

pub struct Tmux {
    socket: String,
    locale: Locale,
}

impl Tmux {
    /// `cmd` in a `w` x `h` session, in the test's locale.
    pub fn start(cmd: &str, w: u16, h: u16) -> Option<Tmux> {
        Tmux::start_in(Locale::Inherit, cmd, w, h)
    }

    pub fn start_in(locale: Locale, cmd: &str, w: u16, h: u16) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            assert!(
                std::env::var_os("CI").is_none(),
                "tmux is required in CI (.ci/run installs it)"
            );
            eprintln!("tmux not found: end-to-end test skipped");
            return None;
        }
        let n = SERVERS.fetch_add(1, Ordering::SeqCst);
        let socket = format!("sinmun-e2e-{}-{n}", std::process::id());
        let t = Tmux { socket, locale };
        let (w, h) = (w.to_string(), h.to_string());
        // A server killed just before on the same socket may still be
        // going away: try again for a moment.
        let started = (0..40).any(|_| {
            let ok = t
                .tmux(&["new-session", "-d", "-s", "e2e", "-x", &w, "-y", &h, cmd])
                .status()
                .expect("start tmux")
                .success();
            if !ok {
                std::thread::sleep(Duration::from_millis(50));
            }
            ok
        });
        assert!(started, "tmux new-session failed");
        Some(t)
    }

    pub fn tmux(&self, args: &[&str]) -> Command {
        let mut c = Command::new("tmux");
        c.args(["-L", &self.socket, "-f", "/dev/null"]).args(args);
        c.env_remove("TMUX");
        match &self.locale {
            Locale::Inherit => {}
            Locale::Narrow => {
                c.env_remove("LOCPATH")
                    .env_remove("LC_CTYPE")
                    .env("LANG", "C.UTF-8")
                    .env("LC_ALL", "C.UTF-8");
            }
            Locale::At(dir) => {
                c.env("LOCPATH", dir)
                    .env_remove("LC_CTYPE")
                    .env("LANG", super::locale::NAME)
                    .env("LC_ALL", super::locale::NAME);
            }
        }
        c
    }

    /// Press keys one at a time: a terminal reads ESC followed at once by
    /// another key as Alt+key, as it would from a person typing that fast.
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.tmux(&["send-keys", "-t", "e2e", key])
                .status()
                .expect("send keys");
            std::thread::sleep(Duration::from_millis(80));
        }
    }

    /// Type text literally (Hangul arrives as committed syllables).
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "e2e", "-l", text])
            .status()
            .expect("type");
    }

    pub fn screen(&self) -> String {
        let out = self
            .tmux(&["capture-pane", "-p", "-t", "e2e"])
            .output()
            .expect("capture");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A format of tmux's about the pane (`#{pane_pid}`, `#{cursor_x}`).
    pub fn pane(&self, format: &str) -> String {
        let out = self
            .tmux(&["display-message", "-p", "-t", "e2e", format])
            .output()
            .expect("display-message");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Wait until the screen satisfies `ok` (the reader draws asynchronously).
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait(what, false, ok)
    }

    /// [`Tmux::wait_for`], and until the screen stops changing.
    pub fn wait_settled(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait(what, true, ok)
    }

    fn wait(&self, what: &str, settled: bool, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last = String::new();
        loop {
            let s = self.screen();
            if ok(&s) && (!settled || s == last) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "waited for {what}; the screen:\n{s}"
            );
            last = s;
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux(&["kill-server"]).status();
    }
}

/// The reader on `dir` with `home` as its home (no user config; marks
/// saved there), in a shell that shows how it left the terminal.
pub fn reader_command(home: &std::path::Path, args: &str, dir: &str) -> String {
    let bin = env!("CARGO_BIN_EXE_sinmun");
    format!(
        "{} sh -c '\"{bin}\" {args} \"{dir}\"; echo \"exited $?\"; sleep 30'",
        super::env_line(home)
    )
}
