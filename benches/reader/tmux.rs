//! A tmux server of the benchmark's own, to time the real binary on a
//! terminal.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A tmux server on its own socket, killed on drop.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    pub fn available() -> bool {
        Command::new("tmux")
            .arg("-V")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Start a server with a session that only keeps it alive, no config
    /// file and no tmux status bar (so panes are the full 120x40).
    pub fn start() -> Tmux {
        let tmux = Tmux {
            socket: format!("sinmun-bench-reader-{}", std::process::id()),
        };
        tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "keep",
            "-x",
            "120",
            "-y",
            "40",
            "sleep 3600",
            ";",
            "set-option",
            "-g",
            "status",
            "off",
        ]);
        tmux
    }

    fn command(&self) -> Command {
        let mut cmd = Command::new("tmux");
        cmd.arg("-L")
            .arg(&self.socket)
            .stdin(Stdio::null())
            .stderr(Stdio::inherit());
        cmd
    }

    pub fn run(&self, args: &[&str]) {
        let status = self
            .command()
            .args(args)
            .stdout(Stdio::null())
            .status()
            .expect("run tmux");
        assert!(status.success(), "tmux {args:?} failed: {status}");
    }

    pub fn capture(&self, session: &str) -> String {
        let out = self
            .command()
            .args(["capture-pane", "-p", "-t", session])
            .output()
            .expect("run tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Time from starting `shell_command` in a new 120x40 session until
    /// the pane shows `needle`.
    pub fn time_until(&self, session: &str, shell_command: &str, needle: &str) -> Duration {
        let start = Instant::now();
        self.run(&[
            "new-session",
            "-d",
            "-s",
            session,
            "-x",
            "120",
            "-y",
            "40",
            shell_command,
        ]);
        let elapsed = loop {
            if self.capture(session).contains(needle) {
                break start.elapsed();
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the pane never showed {needle:?}; it shows:\n{}",
                self.capture(session)
            );
            std::thread::sleep(Duration::from_millis(5));
        };
        self.end(session);
        elapsed
    }

    /// Quit what runs in `session` with `q` (and Enter, for the baseline
    /// shell) and wait for the session to close by itself. Killing the
    /// pane instead would leave the reader running without its terminal
    /// (crossterm then spins on the dead tty: crossterm-rs/crossterm#793),
    /// so the session is killed only when it is still there after 10 s,
    /// and the reader's pid is reported.
    pub fn end(&self, session: &str) {
        let pid = self.pane_pid(session);
        self.run(&["send-keys", "-t", session, "q", "Enter"]);
        let start = Instant::now();
        while self.has_session(session) {
            if start.elapsed() > Duration::from_secs(10) {
                eprintln!("session {session} (pane pid {pid}) did not end on `q`; killing it");
                self.run(&["kill-session", "-t", session]);
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        // A zombie waiting for tmux to reap it is not running.
        let stat = PathBuf::from(format!("/proc/{pid}/stat"));
        let running = || {
            std::fs::read_to_string(&stat).is_ok_and(|s| {
                let state = s.rsplit_once(')').map(|(_, rest)| rest.trim_start());
                !state.is_some_and(|r| r.starts_with('Z'))
            })
        };
        let start = Instant::now();
        while running() && start.elapsed() < Duration::from_secs(2) {
            std::thread::sleep(Duration::from_millis(10));
        }
        if running() {
            eprintln!("warning: pid {pid} of session {session} is still running");
        }
    }

    pub fn pane_pid(&self, session: &str) -> String {
        let out = self
            .command()
            .args(["display-message", "-p", "-t", session, "#{pane_pid}"])
            .output()
            .expect("run tmux display-message");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn has_session(&self, session: &str) -> bool {
        self.command()
            .args(["has-session", "-t", session])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let socket = self
            .command()
            .args(["display-message", "-p", "#{socket_path}"])
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        let _ = self
            .command()
            .arg("kill-server")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        // tmux may leave its socket file behind.
        if socket.contains(&self.socket) {
            let _ = std::fs::remove_file(socket);
        }
    }
}
