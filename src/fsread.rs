//! Reading a file sinmun was pointed at (a post, the config, a theme, the
//! saved marks) without trusting what it is: only regular files are read,
//! opening never blocks (a FIFO or `/dev/tty` named like a post would wait
//! forever for a writer), and nothing over a size cap is read into memory
//! (`/dev/zero` or a runaway file would fill it).

use std::fmt;
use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::i18n::{Message, Msg};

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Not a regular file: what it is ([`Msg::KindFifo`] …).
    NotRegular(Msg),
    TooLarge {
        len: u64,
        cap: u64,
    },
    Io(#[from] io::Error),
}

impl ReadError {
    /// The file does not exist (callers often treat that as "no file").
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }

    /// What to tell the user (the system's own words for an I/O error
    /// are kept as they are).
    pub fn message(&self) -> Message {
        match self {
            ReadError::NotRegular(kind) => Msg::NotRegular.with_msg("kind", *kind),
            ReadError::TooLarge { len, cap } => too_large(*len, *cap),
            ReadError::Io(e) => Msg::CannotRead.with("error", e),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

/// A file of `len` bytes refused for being over `cap`.
pub(crate) fn too_large(len: u64, cap: u64) -> Message {
    Msg::FileTooLarge
        .with("len", len)
        .with("cap", size_text(cap))
}

/// Open `path` for reading if it is a regular file (symlinks followed).
/// The kind is checked on the opened descriptor, so a file swapped for a
/// FIFO between a check and the open is still refused.
pub(crate) fn open_regular(path: &Path) -> Result<(File, Metadata), ReadError> {
    let file = options().open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_name(&meta)));
    }
    Ok((file, meta))
}

/// Read the whole of `path` if it is a regular file of at most `cap` bytes.
pub(crate) fn read_regular(path: &Path, cap: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open_regular(path)?;
    read_capped(file, meta.len(), cap)
}

/// Read an opened file of `len` bytes (as its metadata said), refusing it
/// when it is, or grows while being read, over `cap`.
pub(crate) fn read_capped(file: File, len: u64, cap: u64) -> Result<Vec<u8>, ReadError> {
    if len > cap {
        return Err(ReadError::TooLarge { len, cap });
    }
    let mut bytes = Vec::with_capacity(len as usize + 1);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Err(ReadError::TooLarge {
            len: bytes.len() as u64,
            cap,
        });
    }
    Ok(bytes)
}

/// `read_regular` as UTF-8 text; invalid UTF-8 is an `InvalidData` error.
pub(crate) fn read_regular_text(path: &Path, cap: u64) -> Result<String, ReadError> {
    let bytes = read_regular(path, cap)?;
    String::from_utf8(bytes)
        .map_err(|e| ReadError::Io(io::Error::new(io::ErrorKind::InvalidData, e)))
}

#[cfg(unix)]
fn options() -> OpenOptions {
    use std::os::unix::fs::OpenOptionsExt;
    let mut o = OpenOptions::new();
    // O_NONBLOCK: opening a FIFO returns at once instead of waiting for a
    // writer; O_NOCTTY: a terminal device never becomes our controlling one.
    o.read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    o
}

#[cfg(not(unix))]
fn options() -> OpenOptions {
    let mut o = OpenOptions::new();
    o.read(true);
    o
}

/// The files under `dir` by their `/`-separated paths inside it, in name
/// order, folders `max_depth` deep at most and `max_files` in all (a
/// larger tree gives its first ones). Symlinked folders are not followed.
pub(crate) fn files_below(dir: &Path, max_depth: usize, max_files: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![(dir.to_path_buf(), String::new(), 0)];
    while let Some((folder, prefix, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(|e| e.file_name());
        let mut folders = Vec::new();
        for entry in entries {
            let Ok(name) = entry.file_name().into_string() else {
                continue;
            };
            let rel = format!("{prefix}{name}");
            match entry.file_type() {
                Ok(t) if t.is_dir() => {
                    if depth < max_depth {
                        folders.push((entry.path(), format!("{rel}/"), depth + 1));
                    }
                }
                Ok(_) => {
                    if out.len() >= max_files {
                        return out;
                    }
                    out.push(rel);
                }
                Err(_) => {}
            }
        }
        // The first folder in name order is looked into first.
        stack.extend(folders.into_iter().rev());
    }
    out
}

/// What a file that is not a regular file is.
pub(crate) fn kind_name(meta: &Metadata) -> Msg {
    kind_of_type(&meta.file_type())
}

/// What an entry of this type is, for a message.
pub(crate) fn kind_of_type(t: &std::fs::FileType) -> Msg {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Msg::KindFifo;
        }
        if t.is_char_device() || t.is_block_device() {
            return Msg::KindDevice;
        }
        if t.is_socket() {
            return Msg::KindSocket;
        }
    }
    if t.is_dir() {
        Msg::KindFolder
    } else {
        Msg::KindNotFile
    }
}

/// `16 MiB`, `64 KiB`, or bytes.
pub(crate) fn size_text(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_under_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "제목").unwrap();
        assert_eq!(read_regular(&path, 100).unwrap(), "제목".as_bytes());
        assert_eq!(read_regular_text(&path, 6).unwrap(), "제목");
    }

    #[test]
    fn refuses_a_file_over_the_cap_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        std::fs::write(&path, "0123456789").unwrap();
        let e = read_regular(&path, 9).unwrap_err();
        assert_eq!(
            e.to_string(),
            "file is 10 bytes, over the 9 bytes limit; not read"
        );
        assert!(matches!(
            read_regular(&path, 16 * 1024 * 1024),
            Ok(b) if b.len() == 10
        ));
    }

    #[test]
    fn refuses_a_folder_and_reports_a_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_regular(dir.path(), 10).unwrap_err();
        assert!(matches!(e, ReadError::NotRegular(Msg::KindFolder)), "{e}");
        let e = read_regular(&dir.path().join("none"), 10).unwrap_err();
        assert!(e.is_not_found());
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once_not_waited_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.txt");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
        let e = read_regular(&path, 10).unwrap_err();
        assert!(matches!(e, ReadError::NotRegular(Msg::KindFifo)), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused() {
        for dev in ["/dev/zero", "/dev/null"] {
            let e = read_regular(Path::new(dev), 10).unwrap_err();
            assert!(
                matches!(e, ReadError::NotRegular(Msg::KindDevice)),
                "{dev}: {e}"
            );
        }
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size_text(16 * 1024 * 1024), "16 MiB");
        assert_eq!(size_text(64 * 1024), "64 KiB");
        assert_eq!(size_text(1000), "1000 bytes");
    }
}
