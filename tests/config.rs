//! Configuration, themes and saved marks through the binary (DESIGN §7):
//! folders of invalid configs and themes, each file naming the message it
//! must produce in a `# expect:` first line (the model is bottom's
//! invalid_configs tests).

mod common;
mod hostile;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config/sinmun")
    }

    fn state_file(&self) -> PathBuf {
        self.dir.path().join("data/sinmun/state.json")
    }

    fn marks_file(&self) -> PathBuf {
        self.dir.path().join("data/sinmun/marks.sqlite3")
    }

    fn run(&self, args: &[&str], envs: &[(&str, &str)]) -> Output {
        self.command(args, envs).output().expect("run sinmun")
    }

    /// `run`, killed and failed after `secs`: for cases that used to hang.
    fn run_within(&self, secs: u64, args: &[&str]) -> Output {
        use std::process::Stdio;
        let child = self
            .command(args, &[])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run sinmun");
        hostile::output_within(child, secs)
    }

    fn command(&self, args: &[&str], envs: &[(&str, &str)]) -> Command {
        let mut cmd = common::command_in(self.dir.path());
        cmd.args(args).current_dir(self.dir.path());
        for (k, v) in envs {
            cmd.env(k, v);
        }
        cmd
    }
}

fn fixtures(folder: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// `# expect: LINE: message` (the first line; `# expect-ko:`, the last,
/// for the Korean interface) -> "LINE: message".
fn expectation(file: &Path, lang: &str) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let (line, prefix) = match lang {
        "ko" => (text.lines().last(), "# expect-ko: "),
        _ => (text.lines().next(), "# expect: "),
    };
    line.and_then(|l| l.strip_prefix(prefix))
        .unwrap_or_else(|| panic!("{}: no {prefix}line", file.display()))
        .to_string()
}

/// The locales each fixture is tried in, with the expectation they use.
const LOCALES: [(&str, &str); 2] = [("C.UTF-8", "en"), ("ko_KR.UTF-8", "ko")];

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn invalid_configs_name_file_line_and_value_and_exit_2() {
    let home = Home::new();
    for file in fixtures("invalid_configs") {
        let path = file.to_string_lossy().into_owned();
        for args in [
            vec!["--config", path.as_str(), "--list"],
            vec!["--config", path.as_str(), "--check"],
        ] {
            for (locale, lang) in LOCALES {
                let out = home.run(&args, &[("LANG", locale)]);
                assert_eq!(out.status.code(), Some(2), "{path}");
                assert_eq!(
                    stderr(&out),
                    format!("sinmun: {path}:{}\n", expectation(&file, lang)),
                    "{path}"
                );
            }
        }
        let out = home.run(&["--list"], &[("SINMUN_CONFIG", path.as_str())]);
        assert_eq!(out.status.code(), Some(2), "SINMUN_CONFIG={path}");
    }
}

#[test]
fn invalid_themes_name_file_line_and_value_and_exit_2() {
    let home = Home::new();
    for file in fixtures("invalid_themes") {
        let path = file.to_string_lossy().into_owned();
        for (locale, lang) in LOCALES {
            let out = home.run(
                &[
                    "--theme",
                    &path,
                    "--dump",
                    "2026-11-17-jejuair-winter-routes",
                ],
                &[("LANG", locale)],
            );
            assert_eq!(out.status.code(), Some(2), "{path}");
            assert_eq!(
                stderr(&out),
                format!("sinmun: {path}:{}\n", expectation(&file, lang)),
                "{path}"
            );
        }
    }
    let out = home.run(
        &[
            "--theme",
            "nope",
            "--dump",
            "2026-11-17-jejuair-winter-routes",
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with(
        "sinmun: unknown theme \"nope\" (built-in: dark, light, high-contrast, solarized-dark, mono"
    ));
}

/// `--theme` naming no theme is the same usage error in every mode, even
/// those that draw nothing; so is a broken theme file.
#[test]
fn an_unknown_theme_is_an_error_in_every_mode() {
    let home = Home::new();
    let broken =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid_themes/bad_colour.yaml");
    let broken = broken.to_string_lossy().into_owned();
    for mode in [
        vec!["--list"],
        vec!["--list", "--json"],
        vec!["--check"],
        vec!["--dump", "2026-11-17-jejuair-winter-routes"],
        vec!["--dump", "no-such-post"],
        vec![],
    ] {
        for (locale, said) in [
            (
                "C.UTF-8",
                "sinmun: unknown theme \"없는테마\" (built-in: dark, light, high-contrast, solarized-dark, mono; or a path to a .yaml file)\n",
            ),
            (
                "ko_KR.UTF-8",
                "sinmun: 모르는 테마 \"없는테마\" (내장 테마: dark, light, high-contrast, solarized-dark, mono; 또는 .yaml 파일의 경로)\n",
            ),
        ] {
            let mut args = mode.clone();
            args.extend(["--theme", "없는테마"]);
            let out = home.run(&args, &[("LANG", locale)]);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert_eq!(stderr(&out), said, "{args:?}");
            assert!(out.stdout.is_empty(), "{args:?}");
        }
        let mut args = mode.clone();
        args.extend(["--theme", &broken]);
        let out = home.run(&args, &[]);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).starts_with(&format!("sinmun: {broken}:4: styles.heading: bad colour")),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_named_config_that_does_not_exist_is_an_error() {
    let home = Home::new();
    for (args, envs) in [
        (vec!["--list", "--config", "/nonexistent/typo.yaml"], vec![]),
        (
            vec!["--list"],
            vec![("SINMUN_CONFIG", "/nonexistent/typo.yaml")],
        ),
    ] {
        let out = home.run(&args, &envs);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            stderr(&out),
            "sinmun: /nonexistent/typo.yaml: no such config file\n"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_as_the_config_is_refused_at_once() {
    let home = Home::new();
    let fifo = home.dir.path().join("fifo.yaml");
    hostile::mkfifo(&fifo);
    for (config, what) in [
        (fifo.to_str().unwrap(), "a FIFO"),
        ("/dev/zero", "a device"),
    ] {
        let out = home.run_within(20, &["--list", "--config", config]);
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(
            stderr(&out),
            format!("sinmun: {config}: not a regular file ({what}); not read\n")
        );
    }
    let themes = home.config_dir().join("themes");
    std::fs::create_dir_all(&themes).unwrap();
    std::os::unix::fs::symlink("/dev/zero", themes.join("zero.yaml")).unwrap();
    let out = home.run_within(20, &["--list-themes"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("(broken: ")
            && String::from_utf8_lossy(&out.stdout)
                .contains("zero.yaml: not a regular file (a device); not read"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The errors about the config's and the themes' files themselves, in
/// Korean: the sentence around the path is Korean.
#[cfg(unix)]
#[test]
fn errors_about_the_files_speak_korean_under_a_korean_locale() {
    let home = Home::new();
    let ko = [("LANG", "ko_KR.UTF-8")];
    let out = home.run(&["--list", "--config", "/nonexistent/typo.yaml"], &ko);
    assert_eq!(
        stderr(&out),
        "sinmun: /nonexistent/typo.yaml: 그런 설정 파일이 없음\n"
    );
    let out = home.run(&["--list", "--config", "/dev/zero"], &ko);
    assert_eq!(
        stderr(&out),
        "sinmun: /dev/zero: 보통 파일이 아님: 장치 파일; 읽지 않음\n"
    );
    let themes = home.config_dir().join("themes");
    std::fs::create_dir_all(&themes).unwrap();
    std::os::unix::fs::symlink("/dev/zero", themes.join("zero.yaml")).unwrap();
    let out = home.run(&["--list-themes"], &ko);
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(
        listed.contains("(깨짐: ")
            && listed.contains("zero.yaml: 보통 파일이 아님: 장치 파일; 읽지 않음) (사용자)"),
        "{listed}"
    );
}

#[test]
fn a_theme_extends_themes_only_never_a_file() {
    let home = Home::new();
    let themes = home.config_dir().join("themes");
    std::fs::create_dir_all(&themes).unwrap();
    std::fs::write(home.dir.path().join("secret.txt"), "root:x:0:0:비밀번호\n").unwrap();
    std::fs::write(themes.join("sneaky.yaml"), "extends: ../../../secret.txt\n").unwrap();
    std::fs::write(home.config_dir().join("config.yaml"), "theme: sneaky\n").unwrap();
    let out = home.run(&["--list"], &[]);
    assert_eq!(out.status.code(), Some(2));
    let out2 = home.run(&["--list-themes"], &[]);
    for text in [
        stderr(&out),
        String::from_utf8_lossy(&out2.stdout).into_owned(),
    ] {
        assert!(
            !text.contains("root:x") && !text.contains("비밀번호"),
            "{text}"
        );
    }
    assert!(
        stderr(&out).contains("not a theme name"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_default_config_is_not_an_error_and_the_default_one_is_read() {
    let home = Home::new();
    assert_eq!(home.run(&["--list"], &[]).status.code(), Some(0));
    std::fs::create_dir_all(home.config_dir()).unwrap();
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/site/_posts");
    std::fs::write(
        home.config_dir().join("config.yaml"),
        format!(
            "posts: [\"{}\"]\nsort: title\nshow_drafts: true\n",
            site.display()
        ),
    )
    .unwrap();
    let out = home.run(&["--list"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let titles: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.rsplit("  ").next().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        titles.len(),
        4,
        "the config's folder, drafts shown: {titles:?}"
    );
    let mut sorted = titles.clone();
    sorted.sort_by(|a, b| {
        a.trim_start_matches("(draft) ")
            .cmp(b.trim_start_matches("(draft) "))
    });
    assert_eq!(titles, sorted, "sorted by title");
}

#[test]
fn user_themes_and_list_themes() {
    let home = Home::new();
    let themes = home.config_dir().join("themes");
    std::fs::create_dir_all(&themes).unwrap();
    std::fs::write(themes.join("paper.yaml"), "description: 종이 같은 밝은 테마\nextends: light\nstyles:\n  heading: { fg: \"#aa0000\" }\n").unwrap();
    let out = home.run(&["--list-themes"], &[]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    for name in [
        "dark",
        "light",
        "high-contrast",
        "solarized-dark",
        "mono",
        "paper",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(name)),
            "{name} in\n{text}"
        );
    }
    assert!(text.contains("종이 같은 밝은 테마 (user)"));
    let out = home.run(
        &[
            "--theme",
            "paper",
            "--dump",
            "2026-11-17-jejuair-winter-routes",
            "--color",
            "always",
        ],
        &[("COLORTERM", "truecolor")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("38;2;170;0;0m## 동계 스케줄"),
        "the user's heading colour"
    );
}

#[test]
fn json_lists_read_and_starred_from_the_state_file() {
    let home = Home::new();
    std::fs::create_dir_all(home.state_file().parent().unwrap()).unwrap();
    std::fs::write(
        home.state_file(),
        r#"{"read": ["2026-11-20-typhoon-jeju"], "starred": ["2026-11-17-jejuair-winter-routes"]}"#,
    )
    .unwrap();
    let out = home.run(&["--list", "--json"], &[]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let get = |id: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(get("2026-11-20-typhoon-jeju")["read"], true);
    assert_eq!(get("2026-11-20-typhoon-jeju")["starred"], false);
    assert_eq!(get("2026-11-17-jejuair-winter-routes")["starred"], true);
    std::fs::write(home.state_file(), "not json").unwrap();
    let out = home.run(&["--list", "--json"], &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a damaged state file never stops a listing"
    );
    assert!(home.state_file().exists(), "--list leaves it where it is");
    assert!(!home.marks_file().exists(), "and creates no database");
}

#[test]
fn json_lists_read_and_starred_from_the_marks_database() {
    use sinmun::marks::{Change, Field, MarksDb};
    let home = Home::new();
    let mut db = MarksDb::open(&home.marks_file(), None).unwrap().db;
    let set = |field, id: &str| Change {
        field,
        on: true,
        ids: vec![id.to_string()],
    };
    db.apply(&set(Field::Read, "2026-11-20-typhoon-jeju"))
        .unwrap();
    db.apply(&set(Field::Starred, "2026-11-17-jejuair-winter-routes"))
        .unwrap();
    // An old state file no longer counts once the database exists.
    std::fs::write(
        home.state_file(),
        r#"{"read": ["2026-11-15-ai-chip-exports"]}"#,
    )
    .unwrap();
    let out = home.run(&["--list", "--json"], &[]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let flags = |id: &str| {
        let post = v
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .unwrap();
        (
            post["read"].as_bool().unwrap(),
            post["starred"].as_bool().unwrap(),
        )
    };
    assert_eq!(flags("2026-11-20-typhoon-jeju"), (true, false));
    assert_eq!(flags("2026-11-17-jejuair-winter-routes"), (false, true));
    assert_eq!(flags("2026-11-15-ai-chip-exports"), (false, false));
}

#[test]
fn help_says_where_the_files_live() {
    let home = Home::new();
    let text = String::from_utf8_lossy(&home.run(&["--help"], &[]).stdout).into_owned();
    assert!(
        text.contains(&format!(
            "config  {}",
            home.config_dir().join("config.yaml").display()
        )),
        "{text}"
    );
    assert!(
        text.contains(&home.marks_file().display().to_string()),
        "{text}"
    );
    for flag in ["--theme", "--list-themes", "--config"] {
        assert!(text.contains(flag));
    }
}
