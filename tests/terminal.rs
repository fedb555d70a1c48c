//! The reader and its terminal, through a pseudo-terminal: what it writes
//! (the modes switched on and off), the terminal's settings afterwards,
//! signals, a terminal that never answers a query, one that hangs up
//! without a SIGHUP, and posts that change or make sinmun fail while it
//! runs. The pty is opened from `/dev/ptmx` (close-on-exec); the reader gets a home of its
//! own.
#![cfg(target_os = "linux")]

mod common;

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const ENTER_ALTERNATE: &str = "\x1b[?1049h";
/// What leaving writes: bracketed paste, the mouse modes, the alternate
/// screen, each switched off.
const MODES_OFF: [&str; 6] = [
    "\x1b[?2004l",
    "\x1b[?1006l",
    "\x1b[?1003l",
    "\x1b[?1002l",
    "\x1b[?1000l",
    "\x1b[?1049l",
];
/// The cursor position query (a terminal answers `ESC [ row ; col R`).
const CURSOR_QUERY: &str = "\x1b[6n";
/// The kitty graphics question of the `images: auto` start-up query.
const KITTY_QUERY: &str = "\x1b_Gi=31,";

/// How the reader is attached to the pty.
#[derive(Clone, Copy, PartialEq)]
enum Session {
    /// The pty is the reader's controlling terminal (as in a shell).
    Controlling,
    /// The reader has the pty as stdin/stdout but no controlling terminal
    /// and ignores SIGHUP: closing the pty sends it no signal at all.
    Detached,
}

/// The reader running on a pty; everything it writes is collected.
struct Pty {
    master: Option<File>,
    /// Kept open by the test so that the pty's settings can be read after
    /// the reader exits.
    slave: Option<File>,
    child: Child,
    /// Everything read from the master end so far.
    output: Mutex<Vec<u8>>,
    _home: tempfile::TempDir,
}

impl Pty {
    fn spawn(args: &[&Path], session: Session) -> Pty {
        Pty::spawn_in(args, session, tempfile::tempdir().unwrap())
    }

    /// Start the reader with `home` as its home.
    fn spawn_in(args: &[&Path], session: Session, home: tempfile::TempDir) -> Pty {
        Pty::spawn_with(args, session, home, &[])
    }

    /// Start the reader with `home` as its home, outside tmux unless
    /// `env` (more variables) says otherwise.
    fn spawn_with(
        args: &[&Path],
        session: Session,
        home: tempfile::TempDir,
        env: &[(&str, &str)],
    ) -> Pty {
        let (master, slave) = open_pty(24, 100);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_sinmun"));
        common::isolate(&mut cmd, home.path());
        cmd.args(args)
            .env("TERM", "xterm-256color")
            .env_remove("TMUX")
            .env_remove("TERM_PROGRAM")
            .envs(env.iter().copied())
            .env_remove("NO_COLOR")
            .stdin(Stdio::from(OwnedFd::from(slave.try_clone().unwrap())))
            .stdout(Stdio::from(OwnedFd::from(slave.try_clone().unwrap())))
            .stderr(Stdio::from(OwnedFd::from(slave.try_clone().unwrap())));
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                if libc::setsid() < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                match session {
                    Session::Controlling => {
                        if libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                            return Err(std::io::Error::last_os_error());
                        }
                    }
                    Session::Detached => {
                        libc::signal(libc::SIGHUP, libc::SIG_IGN);
                    }
                }
                Ok(())
            });
        }
        let child = cmd.spawn().expect("start sinmun");
        // Read without blocking, whenever the test looks at the output.
        // SAFETY: fcntl on a descriptor we own.
        unsafe {
            let fd = master.as_raw_fd();
            libc::fcntl(
                fd,
                libc::F_SETFL,
                libc::fcntl(fd, libc::F_GETFL) | libc::O_NONBLOCK,
            );
        }
        Pty {
            master: Some(master),
            slave: Some(slave),
            child,
            output: Mutex::new(Vec::new()),
            _home: home,
        }
    }

    fn pid(&self) -> i32 {
        self.child.id() as i32
    }

    /// Everything written so far.
    fn bytes(&self) -> Vec<u8> {
        let mut output = self.output.lock().unwrap();
        if let Some(mut master) = self.master.as_ref() {
            let mut buf = [0u8; 4096];
            while let Ok(n) = master.read(&mut buf) {
                if n == 0 {
                    break;
                }
                output.extend_from_slice(&buf[..n]);
            }
        }
        output.clone()
    }

    /// What was written after `from` bytes, as text with the escape
    /// sequences removed (the cursor moves between cells would split
    /// words).
    fn text_since(&self, from: usize) -> String {
        let bytes = self.bytes();
        let raw = String::from_utf8_lossy(&bytes[from.min(bytes.len())..]).into_owned();
        sinmun::sanitize::sanitize(&raw)
    }

    fn raw_since(&self, from: usize) -> String {
        let bytes = self.bytes();
        String::from_utf8_lossy(&bytes[from.min(bytes.len())..]).into_owned()
    }

    fn wait_for(&self, what: &str, ok: impl Fn(&Pty) -> bool) {
        let start = Instant::now();
        while !ok(self) {
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "waited for {what}; the reader wrote:\n{:?}",
                self.text_since(0)
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Wait until the text `needle` was written after byte `from`.
    fn wait_text(&self, from: usize, needle: &str) {
        self.wait_for(needle, |p| p.text_since(from).contains(needle));
    }

    fn type_keys(&mut self, keys: &str) {
        let master = self.master.as_mut().expect("the pty is open");
        master.write_all(keys.as_bytes()).unwrap();
    }

    fn signal(&self, signal: i32) {
        // SAFETY: a plain kill(2) on our own child.
        assert_eq!(unsafe { libc::kill(self.pid(), signal) }, 0);
    }

    /// The exit status, waiting at most `limit`.
    fn exit_within(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if start.elapsed() > limit {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The pty's settings (shared by both ends).
    fn termios(&self) -> libc::termios {
        let fd = self.slave.as_ref().expect("slave kept").as_raw_fd();
        // SAFETY: a zeroed termios is a valid out-buffer for tcgetattr.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        assert_eq!(unsafe { libc::tcgetattr(fd, &mut t) }, 0);
        t
    }

    fn is_cooked(&self) -> bool {
        let t = self.termios();
        t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0
    }

    /// The process's state letter (`R`, `S`, `T` stopped, `Z` …).
    fn state(&self) -> char {
        proc_stat(self.pid()).map_or('?', |s| s.0)
    }

    /// Every mode switched off in what was written after `from`.
    fn modes_off_since(&self, from: usize) -> Vec<&'static str> {
        let raw = self.raw_since(from);
        MODES_OFF.into_iter().filter(|m| !raw.contains(m)).collect()
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A new pty of `rows` x `cols`: (master, slave). Both are opened
/// close-on-exec, so that no other child (of this or another test) keeps
/// the pty open.
fn open_pty(rows: u16, cols: u16) -> (File, File) {
    use std::os::unix::fs::OpenOptionsExt;
    let master = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open("/dev/ptmx")
        .expect("open /dev/ptmx");
    let fd = master.as_raw_fd();
    let mut name = [0 as libc::c_char; 128];
    // SAFETY: a valid pty master descriptor and a name buffer of that size.
    unsafe {
        assert_eq!(libc::grantpt(fd), 0);
        assert_eq!(libc::unlockpt(fd), 0);
        assert_eq!(libc::ptsname_r(fd, name.as_mut_ptr(), name.len()), 0);
    }
    // SAFETY: ptsname_r wrote a NUL-terminated path.
    let name = unsafe { std::ffi::CStr::from_ptr(name.as_ptr()) };
    let slave = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .custom_flags(libc::O_NOCTTY)
        .open(name.to_str().unwrap())
        .expect("open the pty's slave end");
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ with a valid winsize.
    assert_eq!(unsafe { libc::ioctl(fd, libc::TIOCSWINSZ, &size) }, 0);
    (master, slave)
}

/// State letter and CPU ticks (user + system) of `pid`.
fn proc_stat(pid: i32) -> Option<(char, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split(' ').collect();
    let state = fields.first()?.chars().next()?;
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some((state, ticks))
}

/// A folder of two posts (the second with a link), its path, and the
/// second post's file.
fn posts() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("2024-08-01-haeundae-crowd.html");
    std::fs::write(
        &first,
        "---\ntitle: Haeundae beach crowd 해운대 피서객\ncategories: [사회]\n---\n<p>주말 해운대에 피서객이 몰렸습니다.</p>\n",
    )
    .unwrap();
    let second = dir.path().join("2024-07-30-ktx-delay.html");
    std::fs::write(
        &second,
        "---\ntitle: KTX delay 경부선 지연\ncategories: [교통]\n---\n<p>폭염으로 선로 온도가 올라 KTX가 서행했습니다.</p>\n",
    )
    .unwrap();
    let folder = dir.path().to_path_buf();
    (dir, folder, second)
}

/// Start the reader on `folder` with `watch: false`, so that a file
/// changed under it stays in the list until `R`, and wait for its first
/// frame.
fn start_unwatched(folder: &Path, session: Session) -> Pty {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config/sinmun/config.yaml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "watch: false\n").unwrap();
    let pty = Pty::spawn_in(&[folder], session, home);
    pty.wait_text(0, "Haeundae beach crowd");
    pty
}

/// Start the reader on `folder` and wait for its first frame.
fn start(folder: &Path, session: Session) -> Pty {
    let pty = Pty::spawn(&[folder], session);
    pty.wait_text(0, "Haeundae beach crowd");
    pty
}

#[test]
fn set_up_asks_the_terminal_nothing_and_quitting_restores_it() {
    let (_dir, folder, _) = posts();
    // This pty never answers anything: a cursor query would go unanswered.
    // With the ambiguous width and the pictures' way given, nothing is
    // asked.
    let narrow = [
        Path::new("--ambiguous-width"),
        Path::new("narrow"),
        Path::new("--images"),
        Path::new("halfblocks"),
        &folder,
    ];
    let mut pty = Pty::spawn(&narrow, Session::Controlling);
    pty.wait_text(0, "Haeundae beach crowd");
    assert!(
        !pty.raw_since(0).contains(CURSOR_QUERY),
        "no cursor position query"
    );
    assert!(!pty.raw_since(0).contains(KITTY_QUERY), "no graphics query");
    assert!(pty.raw_since(0).contains(ENTER_ALTERNATE));
    assert!(!pty.is_cooked(), "raw mode while reading");
    quit_restores(&mut pty);
}

#[test]
fn auto_ambiguous_width_asks_once_and_a_silent_terminal_only_waits_the_timeout() {
    let (_dir, folder, _) = posts();
    // `ambiguous_width: auto` (the default) asks where the cursor is
    // around one character; this pty never answers.
    let (mut pty, written) = started_asking(&folder, CURSOR_QUERY, 2);
    let asked = written.find(CURSOR_QUERY).unwrap_or(0);
    assert!(
        written[asked..].contains("\x1b8\x1b[K"),
        "the character written is erased"
    );
    quit_restores(&mut pty);
}

/// The reader started on `folder` in a pty that never answers, and what
/// it wrote: `query` `times`, only once the terminal was taken, and the
/// wait for the answers short.
fn started_asking(folder: &Path, query: &str, times: usize) -> (Pty, String) {
    let started = Instant::now();
    let pty = start(folder, Session::Controlling);
    let waited = started.elapsed();
    let written = pty.raw_since(0);
    assert_eq!(written.matches(query).count(), times, "{written:?}");
    let asked = written.find(query).unwrap_or(0);
    assert!(
        written[..asked].contains(ENTER_ALTERNATE),
        "asked only once the terminal is taken"
    );
    assert!(waited < Duration::from_secs(5), "{waited:?}");
    (pty, written)
}

#[test]
fn auto_images_ask_once_with_the_width_and_not_inside_tmux() {
    let (_dir, folder, _) = posts();
    // Outside tmux, `images: auto` asks for kitty graphics, sixel and the
    // cell size, once the terminal is taken, within the same timeout.
    let (mut pty, written) = started_asking(&folder, KITTY_QUERY, 1);
    assert!(written.contains("\x1b[16t"), "the cell size: {written:?}");
    quit_restores(&mut pty);
    // Inside tmux: nothing about graphics is asked.
    let mut pty = Pty::spawn_with(
        &[&folder],
        Session::Controlling,
        tempfile::tempdir().unwrap(),
        &[("TMUX", "/tmp/tmux-1000/default,4242,0")],
    );
    pty.wait_text(0, "Haeundae beach crowd");
    let written = pty.raw_since(0);
    assert!(!written.contains(KITTY_QUERY), "{written:?}");
    assert!(!written.contains("\x1b[16t"), "{written:?}");
    quit_restores(&mut pty);
}

/// `Esc` back to the list, then `q` once the list is drawn: sent at once,
/// a reader busy drawing could read both bytes together, as Alt-q.
fn back_and_quit(pty: &mut Pty) -> std::process::ExitStatus {
    let before = pty.bytes().len();
    pty.type_keys("\x1b");
    pty.wait_for("the list's hints", |p| {
        p.text_since(before).replace(' ', "").contains("qquit")
    });
    pty.type_keys("q");
    pty.exit_within(EXIT_LIMIT).expect("quits")
}

/// How long a reader told to end may take, on a loaded machine.
const EXIT_LIMIT: Duration = Duration::from_secs(15);

/// `q` ends the reader with every mode off and the terminal cooked.
fn quit_restores(pty: &mut Pty) {
    let before = pty.bytes().len();
    pty.type_keys("q");
    let status = pty.exit_within(EXIT_LIMIT).expect("quits");
    assert!(status.success(), "{status:?}");
    assert_eq!(pty.modes_off_since(before), Vec::<&str>::new());
    assert!(pty.is_cooked(), "the terminal is cooked again");
}

/// After `signal`, the reader ends with every mode off and the terminal
/// cooked.
fn signal_restores(signal: i32) {
    let (_dir, folder, _) = posts();
    let mut pty = start(&folder, Session::Controlling);
    let before = pty.bytes().len();
    pty.signal(signal);
    let status = pty
        .exit_within(EXIT_LIMIT)
        .unwrap_or_else(|| panic!("signal {signal} ends the reader"));
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(status.code(), Some(128 + signal), "{status:?}");
    assert_eq!(
        pty.modes_off_since(before),
        Vec::<&str>::new(),
        "modes left on after signal {signal}; written after the frame: {:?}",
        pty.raw_since(before)
    );
    assert!(pty.is_cooked(), "cooked after signal {signal}");
    assert!(status.signal().is_none());
}

#[test]
fn sigint_restores_the_terminal() {
    signal_restores(libc::SIGINT);
}

#[test]
fn sigquit_restores_the_terminal() {
    signal_restores(libc::SIGQUIT);
}

#[test]
fn sigterm_restores_the_terminal() {
    signal_restores(libc::SIGTERM);
}

#[test]
fn sighup_restores_the_terminal() {
    signal_restores(libc::SIGHUP);
}

#[test]
fn an_outside_sigtstp_restores_stops_and_sigcont_redraws() {
    let (_dir, folder, _) = posts();
    let mut pty = start(&folder, Session::Controlling);
    let before = pty.bytes().len();
    pty.signal(libc::SIGTSTP);
    pty.wait_for("the reader to stop", |p| p.state() == 'T');
    assert_eq!(pty.modes_off_since(before), Vec::<&str>::new());
    assert!(pty.is_cooked(), "the shell gets a cooked terminal");
    let stopped = pty.bytes().len();
    pty.signal(libc::SIGCONT);
    pty.wait_for("the reader to come back", |p| {
        p.raw_since(stopped).contains(ENTER_ALTERNATE)
    });
    pty.wait_text(stopped, "Haeundae beach crowd");
    pty.wait_text(stopped, "KTX delay");
    assert!(!pty.is_cooked(), "raw again");
    pty.type_keys("q");
    let status = pty.exit_within(EXIT_LIMIT).expect("quits");
    assert!(status.success());
    assert!(pty.is_cooked());
}

#[test]
fn continued_after_a_stop_it_could_not_catch_the_reader_redraws() {
    let (_dir, folder, _) = posts();
    let mut pty = start(&folder, Session::Controlling);
    pty.signal(libc::SIGSTOP);
    pty.wait_for("the reader to stop", |p| p.state() == 'T');
    let stopped = pty.bytes().len();
    pty.signal(libc::SIGCONT);
    pty.wait_text(stopped, "Haeundae beach crowd");
    assert!(pty.raw_since(stopped).contains(ENTER_ALTERNATE));
    pty.type_keys("q");
    assert!(pty.exit_within(EXIT_LIMIT).is_some_and(|s| s.success()));
}

#[test]
fn a_terminal_that_hangs_up_without_sighup_ends_the_reader() {
    let (_dir, folder, _) = posts();
    let mut pty = start(&folder, Session::Detached);
    let pid = pty.pid();
    // The terminal goes away: the master end closed (the reader keeps its
    // slave end), and no SIGHUP is sent.
    pty.slave.take();
    pty.master.take();
    let exited = pty.exit_within(EXIT_LIMIT);
    if exited.is_none() {
        let a = proc_stat(pid).map_or(0, |s| s.1);
        std::thread::sleep(Duration::from_millis(500));
        let b = proc_stat(pid).map_or(0, |s| s.1);
        panic!(
            "the reader outlived its terminal (CPU ticks in 0.5 s: {})",
            b - a
        );
    }
}

#[test]
fn a_post_that_makes_sinmun_fail_is_contained_and_the_reader_goes_on() {
    let (_dir, folder, second) = posts();
    let mut pty = start(&folder, Session::Controlling);
    let before = pty.bytes().len();
    // Edited while the reader runs, with a date that crashed the parser.
    std::fs::write(
        &second,
        "---\ntitle: KTX delay 경부선 지연\ndate: 2024-12-5일\n---\n<p>고친 본문</p>\n",
    )
    .unwrap();
    // Select it (read ahead while idle), then open it.
    pty.type_keys("j");
    std::thread::sleep(Duration::from_millis(300));
    pty.type_keys("\r");
    pty.wait_for("the article or why it is not shown", |p| {
        // Spaces are not written where the screen already has blanks.
        let t = p.text_since(before).replace(' ', "");
        t.contains("고친본문") || t.contains("sinmunfailed")
    });
    assert!(pty.child.try_wait().unwrap().is_none(), "still running");
    assert!(!pty.is_cooked(), "still in raw mode");
    assert!(
        !pty.raw_since(before).contains("\x1b[?1049l"),
        "the screen was never left"
    );
    let status = back_and_quit(&mut pty);
    assert!(status.success(), "{status:?}");
}

#[test]
fn a_post_replaced_by_a_fifo_or_a_folder_says_so() {
    let (_dir, folder, second) = posts();
    let mut pty = start_unwatched(&folder, Session::Controlling);
    std::fs::remove_file(&second).unwrap();
    let made = Command::new("mkfifo").arg(&second).status().unwrap();
    assert!(made.success());
    let before = pty.bytes().len();
    pty.type_keys("j");
    std::thread::sleep(Duration::from_millis(200));
    pty.type_keys("\r");
    pty.wait_text(before, "FIFO");
    // Still answering keys: back to the list.
    let before = pty.bytes().len();
    let status = back_and_quit(&mut pty);
    assert!(status.success(), "{status:?}");
    let _ = before;

    // A folder in its place.
    let (_dir, folder, second) = posts();
    std::fs::write(
        folder.join("zz-other.html"),
        "---\ntitle: 다른 글\n---\n<p>다른 파일의 본문</p>\n",
    )
    .unwrap();
    let mut pty = start_unwatched(&folder, Session::Controlling);
    std::fs::remove_file(&second).unwrap();
    std::fs::create_dir(&second).unwrap();
    std::fs::write(
        second.join("inner.html"),
        "---\ntitle: 안쪽 글\n---\n<p>엉뚱한 본문</p>\n",
    )
    .unwrap();
    let before = pty.bytes().len();
    pty.type_keys("j");
    std::thread::sleep(Duration::from_millis(200));
    pty.type_keys("\r");
    pty.wait_text(before, "folder");
    assert!(
        !pty.text_since(before).contains("엉뚱한 본문"),
        "never another file's body"
    );
    back_and_quit(&mut pty);
}

#[test]
fn with_watch_off_a_new_post_shows_after_r_only() {
    let (_dir, folder, _) = posts();
    let mut pty = start_unwatched(&folder, Session::Controlling);
    let before = pty.bytes().len();
    std::fs::write(
        folder.join("2024-08-02-new.html"),
        "---\ntitle: Typhoon news 태풍 북상\n---\n<p>태풍이 북상합니다.</p>\n",
    )
    .unwrap();
    // Longer than a watched folder takes to show a new post (≤ 500 ms).
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        !pty.text_since(before).contains("Typhoon news"),
        "not followed with watch: false"
    );
    pty.type_keys("R");
    pty.wait_text(before, "Typhoon news");
    pty.type_keys("q");
    assert!(pty.exit_within(EXIT_LIMIT).is_some());
}

#[test]
fn the_damaged_state_warning_stays_until_a_key() {
    let (_dir, folder, _) = posts();
    let home = tempfile::tempdir().unwrap();
    let state = home.path().join("data/sinmun/state.json");
    std::fs::create_dir_all(state.parent().unwrap()).unwrap();
    std::fs::write(&state, "{ not json").unwrap();
    let mut pty = Pty::spawn_in(&[&folder], Session::Controlling, home);
    pty.wait_text(0, "state file damaged");
    let shown = pty.bytes().len();
    // Idle ticks, the background index and reading ahead all happen now.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        !pty.text_since(shown).contains("? help"),
        "the warning was replaced by the key hints without a key: {:?}",
        pty.text_since(shown)
    );
    pty.type_keys("j");
    pty.wait_text(shown, "? help");
    pty.type_keys("q");
    assert!(pty.exit_within(EXIT_LIMIT).is_some());
}

/// A loader-side panic while indexing one post: contained to that post,
/// reported as its problem, and the panic hook never sees it (the hook is
/// what restores the terminal, which a contained panic must not do).
#[test]
fn a_panic_while_indexing_is_contained_to_its_post() {
    static LOUD: AtomicUsize = AtomicUsize::new(0);
    sinmun::render::guard::set_loud_hook(Box::new(|info| {
        if info.to_string().contains("index test") {
            LOUD.fetch_add(1, Ordering::SeqCst);
        }
        eprintln!("{info}");
    }));
    let paths: Vec<PathBuf> = (0..64)
        .map(|i| PathBuf::from(format!("posts/{i}.md")))
        .collect();
    let (texts, problems) = sinmun::app::effects::index_with(&paths, |path| {
        if path.ends_with("7.md") || path.ends_with("40.md") {
            panic!("index test: cannot index {}", path.display());
        }
        sinmun::search::SearchText::new("본문")
    });
    assert_eq!(texts.len(), 64, "one text per post, in order");
    assert_eq!(LOUD.load(Ordering::SeqCst), 0, "the hook stayed quiet");
    let bad: Vec<String> = problems
        .iter()
        .map(|p| p.path.display().to_string())
        .collect();
    assert_eq!(bad, ["posts/7.md", "posts/40.md"]);
    assert!(
        problems[0]
            .message
            .to_string()
            .contains("sinmun failed indexing")
    );
}

/// Reading a post again finds its file replaced: by a FIFO (refused at
/// once, never waited on), by a folder (never another file's body), by
/// another file (a different inode than loaded).
#[test]
fn a_post_whose_file_changed_is_not_read_as_if_it_were_the_same() {
    let (_dir, folder, second) = posts();
    let load = sinmun::loader::load(&[folder], sinmun::post::Keep::default());
    let post = load
        .posts
        .iter()
        .find(|p| p.path == second)
        .unwrap()
        .clone();
    let (body, seen) = sinmun::app::effects::read_checked(&post, None);
    assert!(body.unwrap().contains("서행했습니다"));
    let loaded = seen.expect("an identity on unix");

    // Another file renamed over it: same name, another inode.
    let other = second.with_extension("new");
    std::fs::write(&other, "---\ntitle: 바뀐 글\n---\n<p>다른 본문</p>\n").unwrap();
    std::fs::rename(&other, &second).unwrap();
    let (body, _) = sinmun::app::effects::read_checked(&post, Some(loaded));
    let why = body.unwrap_err();
    assert!(why.to_string().contains("replaced"), "{why}");
    let korean = |why: &sinmun::i18n::Message| why.say(sinmun::i18n::Lang::Ko);
    assert_eq!(
        korean(&why),
        "글을 읽은 뒤 파일이 다른 파일로 바뀜; 보여 주지 않음"
    );

    // A FIFO: answered at once.
    std::fs::remove_file(&second).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(&second)
            .status()
            .unwrap()
            .success()
    );
    let (done, wait) = std::sync::mpsc::channel();
    let p = post.clone();
    std::thread::spawn(move || {
        let _ = done.send(sinmun::app::effects::read_checked(&p, Some(loaded)).0);
    });
    let why = wait
        .recv_timeout(Duration::from_secs(5))
        .expect("a FIFO is never waited on")
        .unwrap_err();
    assert!(why.to_string().contains("FIFO"), "{why}");
    assert_eq!(
        korean(&why),
        "파일이 이제 보통 파일이 아님: FIFO(이름 있는 파이프); 읽지 않음"
    );

    // A folder holding a post of its own.
    std::fs::remove_file(&second).unwrap();
    std::fs::create_dir(&second).unwrap();
    std::fs::write(second.join("inner.html"), "<p>엉뚱한 본문</p>").unwrap();
    let why = sinmun::app::effects::read_checked(&post, None)
        .0
        .unwrap_err();
    assert!(why.to_string().contains("folder"), "{why}");
    assert_eq!(
        korean(&why),
        "파일이 이제 보통 파일이 아님: 폴더; 읽지 않음"
    );
}

/// An opened link's program is waited for: no zombie is left behind.
#[test]
fn opened_links_leave_no_zombies() {
    let opener = sinmun::app::effects::Opener {
        disabled: false,
        browser: Some("true".into()),
        in_terminal: false,
        lang: sinmun::i18n::Lang::En,
    };
    for _ in 0..3 {
        opener.open("https://news.example/2024/08/01").unwrap();
    }
    let me = std::process::id().to_string();
    let zombies = || {
        std::fs::read_dir("/proc")
            .unwrap()
            .filter_map(|e| std::fs::read_to_string(e.ok()?.path().join("stat")).ok())
            .filter(|stat| {
                let Some(rest) = stat.find(") ").map(|i| &stat[i + 2..]) else {
                    return false;
                };
                let fields: Vec<&str> = rest.split(' ').collect();
                stat.contains("(true)") && fields[0] == "Z" && fields[1] == me
            })
            .count()
    };
    let start = Instant::now();
    while zombies() > 0 || start.elapsed() < Duration::from_millis(300) {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{} opener processes left as zombies",
            zombies()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}
