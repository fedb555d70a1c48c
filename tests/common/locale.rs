//! A glibc locale in which every East Asian Ambiguous character is two
//! cells wide, as PuTTY, iTerm2 or GNOME Terminal draw them when set so: a
//! tmux server started with `LOCPATH` pointing at it measures them wide.
//! Built once per test process from the system's UTF-8 charmap, whose
//! WIDTH section gets every ambiguous character at width 2, and the
//! `en_US` locale source (the name tmux asks for first).

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

const CHARMAP: &str = "/usr/share/i18n/charmaps/UTF-8.gz";
const SOURCE: &str = "/usr/share/i18n/locales/en_US";
/// The name to give `LANG` and `LC_ALL`.
pub const NAME: &str = "en_US.UTF-8";

/// The folder to give `LOCPATH`; `None` when this machine cannot build it
/// (no `localedef`, no charmaps or locale sources: Debian's `libc-bin` and
/// `locales`). Under `CI` that is a failure: .ci/run installs them.
pub fn ambiguous_wide() -> Option<&'static Path> {
    static DIR: OnceLock<Option<tempfile::TempDir>> = OnceLock::new();
    let dir = DIR.get_or_init(|| match build() {
        Ok(dir) => Some(dir),
        Err(why) => {
            assert!(
                std::env::var_os("CI").is_none(),
                "an ambiguous-wide locale is needed in CI (.ci/run installs `locales`): {why}"
            );
            eprintln!("no ambiguous-wide locale ({why}): test skipped");
            None
        }
    });
    dir.as_ref().map(tempfile::TempDir::path)
}

fn build() -> Result<tempfile::TempDir, String> {
    if !Path::new(SOURCE).is_file() {
        return Err(format!("{SOURCE} is missing"));
    }
    let charmap = Command::new("gzip")
        .args(["-dc", CHARMAP])
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    if !charmap.status.success() {
        return Err(format!("{CHARMAP} cannot be read"));
    }
    let charmap = String::from_utf8(charmap.stdout).map_err(|e| e.to_string())?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let wide = dir.path().join("UTF-8-AMBIGUOUS-WIDE");
    std::fs::write(&wide, widened(&charmap)?).map_err(|e| e.to_string())?;
    let out = dir.path().join(NAME);
    let run = Command::new("localedef")
        .arg("-f")
        .arg(&wide)
        .args(["-i", SOURCE])
        .arg(&out)
        .output()
        .map_err(|e| format!("localedef: {e}"))?;
    // localedef exits 1 on warnings about the charmap; the locale is made.
    if !out.join("LC_CTYPE").is_file() {
        return Err(format!(
            "localedef failed: {}",
            String::from_utf8_lossy(&run.stderr)
        ));
    }
    Ok(dir)
}

/// `charmap` with every ambiguous character at width 2 in its WIDTH
/// section (taken out of the entries that listed them before: a character
/// may be listed once).
fn widened(charmap: &str) -> Result<String, String> {
    let ranges = ambiguous_ranges();
    let (head, rest) = charmap
        .split_once("\nWIDTH\n")
        .ok_or("the charmap has no WIDTH section")?;
    let (body, tail) = rest
        .split_once("\nEND WIDTH")
        .ok_or("the charmap's WIDTH section has no end")?;
    let mut out = String::with_capacity(charmap.len() + ranges.len() * 24);
    out.push_str(head);
    out.push_str("\nWIDTH\n");
    for &(lo, hi) in &ranges {
        push_entry(&mut out, lo, hi, "2");
    }
    for line in body.lines() {
        let Some((a, b)) = entry(line) else {
            out.push_str(line);
            out.push('\n');
            continue;
        };
        // What the entry says of characters that are not ambiguous stays.
        let w = line.split_whitespace().nth(1).unwrap_or("1");
        let mut from = a;
        for &(lo, hi) in ranges.iter().filter(|&&(lo, hi)| lo <= b && a <= hi) {
            if lo > from {
                push_entry(&mut out, from, lo - 1, w);
            }
            from = hi + 1;
        }
        if from <= b {
            push_entry(&mut out, from, b, w);
        }
    }
    out.truncate(out.trim_end_matches('\n').len());
    out.push_str("\nEND WIDTH");
    out.push_str(tail);
    Ok(out)
}

/// Runs of consecutive ambiguous characters, as sinmun counts them.
fn ambiguous_ranges() -> Vec<(u32, u32)> {
    let mut ranges: Vec<(u32, u32)> = Vec::new();
    for cp in 0x80..=0x10_FFFF_u32 {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        if !sinmun::text::is_ambiguous(c) {
            continue;
        }
        match ranges.last_mut() {
            Some((_, hi)) if *hi + 1 == cp => *hi = cp,
            _ => ranges.push((cp, cp)),
        }
    }
    ranges
}

fn push_entry(out: &mut String, lo: u32, hi: u32, w: &str) {
    if lo == hi {
        out.push_str(&format!("{}\t{w}\n", name(lo)));
    } else {
        out.push_str(&format!("{}...{}\t{w}\n", name(lo), name(hi)));
    }
}

fn name(cp: u32) -> String {
    if cp <= 0xFFFF {
        format!("<U{cp:04X}>")
    } else {
        format!("<U{cp:08X}>")
    }
}

/// The characters a WIDTH line is about: `<UXXXX>` or `<UXXXX>...<UYYYY>`.
fn entry(line: &str) -> Option<(u32, u32)> {
    let code = |s: &str| {
        s.strip_prefix("<U")
            .and_then(|s| s.strip_suffix('>'))
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let first = line.split_whitespace().next()?;
    match first.split_once("...") {
        Some((a, b)) => Some((code(a)?, code(b)?)),
        None => code(first).map(|a| (a, a)),
    }
}
