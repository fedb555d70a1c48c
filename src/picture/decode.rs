//! Decoding an image file within limits: the file is read only if it is a
//! regular file of at most [`MAX_FILE_BYTES`], its header is checked for
//! the pixel limit before any pixel is decoded, and the decoder's own
//! limits bound what it may allocate. A GIF gives its first frame. Any
//! failure is a message for the placeholder, never a panic.

use std::io::Cursor;

use image::{DynamicImage, ImageReader, Limits};

use super::locate::{check_pixels, over_size, unreadable};
use super::{MAX_FILE_BYTES, MAX_PIXELS};
use crate::i18n::{Message, Msg};

/// The picture in the file at `path`.
pub fn decode(path: &std::path::Path) -> Result<DynamicImage, Message> {
    let bytes = crate::fsread::read_regular(path, MAX_FILE_BYTES).map_err(|e| match e {
        crate::fsread::ReadError::TooLarge { len, .. } => over_size(len),
        other => other.message(),
    })?;
    decode_bytes(&bytes)
}

/// [`decode`] for bytes already read.
pub fn decode_bytes(bytes: &[u8]) -> Result<DynamicImage, Message> {
    let reader = || {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| Msg::CannotRead.with("error", e))
    };
    let header = reader()?;
    if header.format().is_none() {
        return Err(Msg::PictureNotImage.into());
    }
    let pixels = header.into_dimensions().map_err(unreadable)?;
    check_pixels(pixels)?;
    let mut reader = reader()?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(pixels.0);
    limits.max_image_height = Some(pixels.1);
    // Room for the pixels at 16 bits a channel, and the decoder's own.
    limits.max_alloc = Some(MAX_PIXELS * 8 + 64 * 1024 * 1024);
    reader.limits(limits);
    reader.decode().map_err(unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(format: image::ImageFormat) -> Vec<u8> {
        let mut img = image::RgbaImage::new(12, 8);
        for (x, y, p) in img.enumerate_pixels_mut() {
            *p = image::Rgba([(x * 20) as u8, (y * 30) as u8, 90, 255]);
        }
        let mut bytes = Vec::new();
        let img = DynamicImage::ImageRgba8(img);
        let img = if format == image::ImageFormat::Jpeg {
            DynamicImage::ImageRgb8(img.to_rgb8())
        } else {
            img
        };
        img.write_to(&mut Cursor::new(&mut bytes), format).unwrap();
        bytes
    }

    #[test]
    fn each_format_decodes_and_broken_ones_say_why() {
        for format in [
            image::ImageFormat::Png,
            image::ImageFormat::Jpeg,
            image::ImageFormat::Gif,
            image::ImageFormat::WebP,
        ] {
            let bytes = encoded(format);
            let img = decode_bytes(&bytes).unwrap_or_else(|e| panic!("{format:?}: {e}"));
            assert_eq!((img.width(), img.height()), (12, 8), "{format:?}");
            let cut = &bytes[..bytes.len() / 2];
            let err = decode_bytes(cut).unwrap_err();
            assert_eq!(err.msg(), Msg::PictureUnreadable, "{format:?}: {err}");
        }
        let err = decode_bytes(b"GIF89a").unwrap_err();
        assert_eq!(
            err.to_string(),
            "not a readable image: Format error decoding Gif: Unexpected End of File"
        );
        assert_eq!(
            err.say(crate::i18n::Lang::Ko),
            "읽을 수 없는 그림: Format error decoding Gif: Unexpected End of File"
        );
    }
}
