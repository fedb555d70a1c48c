//! The commands a config's `keys:` may name, as the command line tells
//! them: listed by `--help`, and the one meant by a misspelt name. Both
//! read the one key table.

use crate::app::keymap::{OPEN_LINK, TABLE};

/// The width the help's list of commands is wrapped at.
const HELP_CELLS: usize = 78;

/// The commands whose keys the config may change (the digit keys are
/// fixed).
fn names() -> impl Iterator<Item = &'static str> {
    TABLE.iter().map(|b| b.name).filter(|&n| n != OPEN_LINK)
}

/// What `--help` says about them.
pub(super) fn help() -> String {
    let mut out = String::from(
        "Commands for the config's keys: (keys: {quit: [q, Q]}; the README's key table\nsays what each does, and ? in the reader shows your keys)\n",
    );
    let mut line = String::new();
    for name in names() {
        if !line.is_empty() && line.len() + 1 + name.len() > HELP_CELLS {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if line.is_empty() {
            line.push_str("  ");
        } else {
            line.push(' ');
        }
        line.push_str(name);
    }
    out.push_str(&line);
    out
}

/// The command `name` most likely means: the one it spells when case,
/// `-` and spaces are set aside (`Page-Down`), else the nearest by edits
/// (a letter missing, added, changed or two swapped: `qiut`), when it is
/// near enough for a name that long and no other is as near.
pub(super) fn closest(name: &str) -> Option<&'static str> {
    let wanted: Vec<char> = name
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == '-' || c == ' ' { '_' } else { c })
        .collect();
    // Short names are close to many commands: fewer edits for them.
    let most = match wanted.len() {
        0..=2 => 0,
        3..=5 => 1,
        6..=9 => 2,
        _ => 3,
    };
    let mut best: Option<(usize, &'static str)> = None;
    let mut tied = false;
    for command in names() {
        let d = edits(&wanted, &command.chars().collect::<Vec<_>>());
        match best {
            Some((b, _)) if d > b => {}
            Some((b, _)) if d == b => tied = true,
            _ => {
                best = Some((d, command));
                tied = false;
            }
        }
    }
    best.filter(|&(d, _)| d <= most && !tied).map(|(_, c)| c)
}

/// Edits from `a` to `b`: letters inserted, deleted, replaced, and two
/// neighbours swapped (optimal string alignment).
fn edits(a: &[char], b: &[char]) -> usize {
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_meant() {
        assert_eq!(closest("qiut"), Some("quit"));
        assert_eq!(closest("Page-Down"), Some("page_down"));
        assert_eq!(closest("pagedown"), Some("page_down"));
        assert_eq!(closest("toggle_stars"), Some("toggle_star"));
        assert_eq!(closest("nope"), None);
        assert_eq!(closest(""), None);
        assert_eq!(closest("open_link"), None, "the digit keys are fixed");
    }

    #[test]
    fn the_help_lists_every_command_once_within_its_width() {
        let help = help();
        let listed: Vec<&str> = help
            .lines()
            .skip(2)
            .flat_map(str::split_whitespace)
            .collect();
        assert_eq!(listed, names().collect::<Vec<_>>());
        assert!(help.lines().all(|l| l.len() <= HELP_CELLS), "{help}");
    }
}
