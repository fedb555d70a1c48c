//! From an address in a post (`/assets/x.png`, `img/x.jpg`, `../x.png`,
//! `https://…`) to an image file that may be read: under the post's site
//! root, or else under the folder the post was found in, never outside it
//! (no `..` escape, no symlink leading out), a regular file within the size
//! limit whose header names a format sinmun decodes and a pixel count
//! within the limit. Only the header is read here.

use std::io::BufReader;
use std::path::{Component, Path, PathBuf};

use super::{MAX_FILE_BYTES, MAX_PIXELS};
use crate::i18n::{Message, Msg};
use crate::site::Site;

/// Where a post's image addresses lead.
#[derive(Debug, Clone)]
pub struct Locator {
    site: Option<Site>,
    /// The folder holding the post's file: relative addresses start here.
    dir: PathBuf,
    /// Nothing outside this folder is read (the site's root, else the
    /// folder the post was found in, else the post's own folder).
    bound: PathBuf,
    /// A Hexo post's asset folder (named as the post, beside it), where
    /// relative addresses not found beside the post lead.
    assets: Option<PathBuf>,
}

/// What an address leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A web address: never fetched.
    Remote,
    /// Not an address sinmun reads (`data:`, `file:`, none at all).
    Elsewhere,
    /// A readable image file.
    File(ImageFile),
    /// A local address naming no file.
    Missing,
    /// A local address that cannot be drawn, and why (said in the
    /// placeholder).
    Problem(Message),
}

/// An image file whose header was read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ImageFile {
    pub path: PathBuf,
    /// The address the post names it by.
    pub address: String,
    /// Width and height in pixels, from the header.
    pub pixels: (u32, u32),
}

impl Locator {
    /// Images of the post at `post_path`, in `site` (if any), found in
    /// `folder` (the folder given to read, if known).
    pub fn new(site: Option<&Site>, post_path: &Path, folder: Option<&Path>) -> Locator {
        let dir = match post_path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let bound = site
            .map(|s| s.root.clone())
            .or_else(|| folder.filter(|f| f.is_dir()).map(Path::to_path_buf))
            .unwrap_or_else(|| dir.clone());
        let assets = site
            .filter(|s| s.engine == crate::site::Engine::Hexo)
            .map(|_| post_path.with_extension(""));
        Locator {
            site: site.cloned(),
            dir,
            bound,
            assets,
        }
    }

    /// Whether two locators resolve the same way.
    pub fn same_place(&self, other: &Locator) -> bool {
        self.dir == other.dir
            && self.bound == other.bound
            && self.assets == other.assets
            && self.site.as_ref().map(|s| &s.root) == other.site.as_ref().map(|s| &s.root)
    }

    /// Where `address` leads, reading at most the image's header.
    pub fn locate(&self, address: &str) -> Found {
        let address = address.trim();
        if address.is_empty() {
            return Found::Elsewhere;
        }
        let lower = address.to_ascii_lowercase();
        let own_url = self
            .site
            .as_ref()
            .map(|s| s.url.trim_end_matches('/'))
            .filter(|u| !u.is_empty())
            .is_some_and(|u| address.starts_with(u));
        if !own_url {
            if lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("//")
            {
                return Found::Remote;
            }
            if has_scheme(address) {
                return Found::Elsewhere;
            }
        }
        let path = match (&self.site, address.starts_with('/') || own_url) {
            (Some(site), true) => match site.resolve_asset(address) {
                Some(p) => p,
                // The site refuses what leads out of it (`..`, a symlink).
                None => {
                    return match self.under(&site.root, address) {
                        Err(Found::Problem(_)) => Found::Problem(Msg::PictureOutsideSite.into()),
                        _ => Found::Missing,
                    };
                }
            },
            (None, true) => match self.under(&self.bound, address) {
                Ok(p) => p,
                Err(found) => return found,
            },
            (_, false) => match (self.under(&self.dir, address), &self.assets) {
                (Ok(p), _) => p,
                (Err(Found::Missing), Some(assets)) => match self.under(assets, address) {
                    Ok(p) => p,
                    Err(found) => return found,
                },
                (Err(found), _) => return found,
            },
        };
        match read_header(&path) {
            Ok(pixels) => Found::File(ImageFile {
                path,
                address: address.to_string(),
                pixels,
            }),
            Err(why) => Found::Problem(why),
        }
    }

    /// What is wrong with `found`, the file `address` names, as a problem
    /// of the post: a local address that names no file, or a file that
    /// cannot be drawn (a remote picture is not a problem: sinmun never
    /// fetches one).
    pub fn problem(address: &str, found: &Found) -> Option<Message> {
        let why = match found {
            Found::Problem(why) => why.clone(),
            Found::Missing => Msg::PictureNotFound.into(),
            Found::Remote | Found::Elsewhere | Found::File(_) => return None,
        };
        Some(Self::problem_of(address, why))
    }

    /// `picture ADDRESS: why`.
    pub fn problem_of(address: &str, why: Message) -> Message {
        Msg::PictureProblem
            .with(
                "address",
                crate::sanitize::quote(&crate::text::shown_address(address)),
            )
            .with_msg("why", why)
    }

    /// The file `address` names from `start`, when it exists under the
    /// bound (symlinks followed, then checked).
    fn under(&self, start: &Path, address: &str) -> Result<PathBuf, Found> {
        let address = address.split(['?', '#']).next().unwrap_or("");
        let decoded = percent_encoding::percent_decode_str(address).decode_utf8_lossy();
        // `..` is resolved as a browser resolves it in an address: it
        // takes back the name before it (`img/../x.png` is `x.png`).
        let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
        for part in decoded.split('/') {
            match Path::new(part).components().next() {
                None | Some(Component::CurDir) => {}
                Some(Component::ParentDir) => match parts.last() {
                    Some(last) if *last != ".." => {
                        parts.pop();
                    }
                    _ => parts.push("..".as_ref()),
                },
                Some(Component::Normal(name)) if name == part => parts.push(name),
                _ => return Err(Found::Elsewhere),
            }
        }
        let mut path = start.to_path_buf();
        path.extend(parts);
        let bound = std::fs::canonicalize(&self.bound).map_err(|_| Found::Missing)?;
        let file = std::fs::canonicalize(&path).map_err(|_| Found::Missing)?;
        if !file.starts_with(&bound) {
            return Err(Found::Problem(Msg::PictureOutsideFolder.into()));
        }
        Ok(file)
    }
}

/// `data:`, `file:`, `javascript:` …: a scheme before any `/`.
fn has_scheme(address: &str) -> bool {
    match address.find(':') {
        Some(i) => {
            let scheme = &address[..i];
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// The image's size in pixels, from its header, when the file is a
/// regular file within the size limit, in a format sinmun decodes, and
/// within the pixel limit.
pub fn read_header(path: &Path) -> Result<(u32, u32), Message> {
    let (file, meta) = crate::fsread::open_regular(path).map_err(|e| {
        if e.is_not_found() {
            Msg::PictureNotFound.into()
        } else {
            e.message()
        }
    })?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(over_size(meta.len()));
    }
    let reader = image::ImageReader::new(BufReader::new(file))
        .with_guessed_format()
        .map_err(|e| Msg::CannotRead.with("error", e))?;
    if reader.format().is_none() {
        return Err(Msg::PictureNotImage.into());
    }
    let pixels = reader.into_dimensions().map_err(unreadable)?;
    check_pixels(pixels)?;
    Ok(pixels)
}

/// A decoder's refusal, on one line.
pub(super) fn unreadable(e: image::ImageError) -> Message {
    let text = crate::text::one_line(&e.to_string());
    match e {
        image::ImageError::Limits(_) => Msg::PictureOverLimits.with("error", text),
        _ => Msg::PictureUnreadable.with("error", text),
    }
}

/// `25.3 MB, over the 20 MiB limit; not read`.
pub(super) fn over_size(len: u64) -> Message {
    Msg::PictureTooLarge
        .with("mb", format!("{:.1}", len as f64 / 1_000_000.0))
        .with("cap", crate::fsread::size_text(MAX_FILE_BYTES))
}

/// Refuse a picture of more pixels than the limit, or of none.
pub(super) fn check_pixels((w, h): (u32, u32)) -> Result<(), Message> {
    if w == 0 || h == 0 {
        return Err(Msg::PictureEmpty.into());
    }
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Msg::PictureTooManyPixels
            .with("w", w)
            .with("h", h)
            .with("limit", MAX_PIXELS / 1_000_000));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut bytes = Vec::new();
        image::RgbImage::new(w, h)
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        bytes
    }

    #[test]
    fn addresses_lead_under_the_folder_and_never_out_of_it() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("posts");
        std::fs::create_dir_all(folder.join("2024/img")).unwrap();
        std::fs::create_dir_all(folder.join("assets")).unwrap();
        std::fs::write(folder.join("2024/img/a.png"), png(4, 2)).unwrap();
        std::fs::write(folder.join("assets/b.png"), png(2, 2)).unwrap();
        std::fs::write(dir.path().join("secret.png"), png(2, 2)).unwrap();
        let post = folder.join("2024/글.md");
        let l = Locator::new(None, &post, Some(&folder));
        assert!(matches!(l.locate("img/a.png"), Found::File(f) if f.pixels == (4, 2)));
        assert!(matches!(l.locate("./img/a.png?v=2"), Found::File(_)));
        assert!(matches!(l.locate("/assets/b.png"), Found::File(_)));
        assert!(matches!(l.locate("../assets/b.png"), Found::File(_)));
        assert_eq!(
            l.locate("../../secret.png"),
            Found::Problem(Msg::PictureOutsideFolder.into())
        );
        assert_eq!(l.locate("img/none.png"), Found::Missing);
        assert_eq!(l.locate("https://example.com/a.png"), Found::Remote);
        assert_eq!(l.locate("//cdn.example.com/a.png"), Found::Remote);
        assert_eq!(l.locate("data:image/png;base64,AAAA"), Found::Elsewhere);
        assert_eq!(l.locate("file:///etc/passwd"), Found::Elsewhere);
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.png"), folder.join("link.png"))
                .unwrap();
            assert_eq!(
                l.locate("/link.png"),
                Found::Problem(Msg::PictureOutsideFolder.into())
            );
        }
    }

    #[test]
    fn a_hexo_posts_pictures_are_also_in_its_asset_folder() {
        let dir = crate::site::test_site("title: 일지\n");
        let posts = dir.path().join("source/_posts");
        std::fs::create_dir_all(posts.join("제주-여행")).unwrap();
        std::fs::write(posts.join("제주-여행/바다.png"), png(3, 2)).unwrap();
        std::fs::write(posts.join("beside.png"), png(2, 2)).unwrap();
        let (site, _) = Site::hexo_at(dir.path()).unwrap();
        let post = posts.join("제주-여행.md");
        let l = Locator::new(Some(&site), &post, None);
        assert!(matches!(l.locate("바다.png"), Found::File(f) if f.pixels == (3, 2)));
        assert!(matches!(l.locate("제주-여행/바다.png"), Found::File(_)));
        assert!(matches!(l.locate("beside.png"), Found::File(_)));
        assert_eq!(l.locate("없는.png"), Found::Missing);
        // Elsewhere, only beside the post.
        let jekyll = Locator::new(None, &post, Some(&posts));
        assert_eq!(jekyll.locate("바다.png"), Found::Missing);
        assert!(!jekyll.same_place(&l));
    }

    #[test]
    fn headers_are_checked_before_anything_is_decoded() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("사진.png");
        std::fs::write(&text, "이것은 그림이 아닙니다").unwrap();
        assert_eq!(read_header(&text), Err(Msg::PictureNotImage.into()));
        let jpeg_named_png = dir.path().join("x.png");
        let mut bytes = Vec::new();
        image::RgbImage::new(3, 5)
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Jpeg,
            )
            .unwrap();
        std::fs::write(&jpeg_named_png, bytes).unwrap();
        assert_eq!(read_header(&jpeg_named_png), Ok((3, 5)), "by content");
        let many = check_pixels((10_000, 4_001)).unwrap_err();
        assert_eq!(
            many.to_string(),
            "10000×4001 pixels, over the 40-megapixel limit; not decoded"
        );
        assert_eq!(
            many.say(crate::i18n::Lang::Ko),
            "10000×4001 픽셀로 40메가픽셀 한도를 넘어 풀지 않음"
        );
        assert!(
            read_header(dir.path())
                .unwrap_err()
                .to_string()
                .contains("folder")
        );
    }
}
