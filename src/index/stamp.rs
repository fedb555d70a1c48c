//! What says a file is the one the index read: its identity (device,
//! inode), size, modification and change times. Any difference means the
//! file is read again; nothing is compared as older or newer, so a clock
//! that jumps, or a file given an older time, is still noticed.

use std::time::{Duration, SystemTime};

/// A file's stamp. Equal stamps: the same file, unchanged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stamp {
    pub dev: u64,
    pub ino: u64,
    pub size: u64,
    pub mtime_ns: i64,
    pub ctime_ns: i64,
}

/// A file changed within this long of being read may change again within
/// the resolution of its time stamps without its stamp changing: it is not
/// trusted at the next start (the "racy" case version control systems know).
pub(crate) const SETTLE: Duration = Duration::from_secs(2);

impl Stamp {
    pub(crate) fn of(meta: &std::fs::Metadata) -> Stamp {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Stamp {
                dev: meta.dev(),
                ino: meta.ino(),
                size: meta.size(),
                mtime_ns: meta.mtime().saturating_mul(1_000_000_000) + meta.mtime_nsec(),
                ctime_ns: meta.ctime().saturating_mul(1_000_000_000) + meta.ctime_nsec(),
            }
        }
        #[cfg(not(unix))]
        {
            let ns = |t: std::io::Result<SystemTime>| {
                t.ok()
                    .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                    .map_or(0, |d| d.as_nanos() as i64)
            };
            Stamp {
                dev: 0,
                ino: 0,
                size: meta.len(),
                mtime_ns: ns(meta.modified()),
                ctime_ns: ns(meta.created()),
            }
        }
    }

    /// Whether the file was last changed long enough before `read_at` (and
    /// not after it: a time in the future is a clock not to trust) for its
    /// stamp to tell any later change.
    pub(crate) fn settled(&self, read_at: SystemTime, settle: Duration) -> bool {
        let Ok(now) = read_at.duration_since(SystemTime::UNIX_EPOCH) else {
            return false;
        };
        let now = i64::try_from(now.as_nanos()).unwrap_or(i64::MAX);
        let settle = i64::try_from(settle.as_nanos()).unwrap_or(i64::MAX);
        let latest = self.mtime_ns.max(self.ctime_ns);
        latest <= now.saturating_sub(settle)
    }

    /// The modification time, for a draft dated by it.
    pub(crate) fn modified(&self) -> SystemTime {
        let secs = self.mtime_ns.div_euclid(1_000_000_000);
        let nanos = self.mtime_ns.rem_euclid(1_000_000_000) as u32;
        if secs >= 0 {
            SystemTime::UNIX_EPOCH + Duration::new(secs as u64, nanos)
        } else {
            SystemTime::UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs())
                + Duration::from_nanos(u64::from(nanos))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(mtime_ns: i64) -> Stamp {
        Stamp {
            dev: 1,
            ino: 2,
            size: 3,
            mtime_ns,
            ctime_ns: mtime_ns,
        }
    }

    #[test]
    fn recent_and_future_times_are_not_trusted() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
        let at = |s: i64| stamp(s * 1_000_000_000);
        assert!(at(1_000_000 - 60).settled(now, SETTLE));
        assert!(!at(1_000_000 - 1).settled(now, SETTLE));
        assert!(at(1_000_000).settled(now, Duration::ZERO));
        let future = at(1_000_000 + 3600);
        assert!(!future.settled(now, Duration::ZERO), "a time in the future");
    }

    #[test]
    fn modified_time_comes_back() {
        let t = SystemTime::UNIX_EPOCH + Duration::new(1_700_000_000, 123);
        let ns = t
            .duration_since(SystemTime::UNIX_EPOCH)
            .map(|d| d.as_nanos() as i64)
            .unwrap_or(0);
        assert_eq!(stamp(ns).modified(), t);
        let before = stamp(-1_500_000_000).modified();
        assert_eq!(
            SystemTime::UNIX_EPOCH.duration_since(before).ok(),
            Some(Duration::from_millis(1500))
        );
    }
}
