//! Pictures for the tests, drawn here: a landscape (sky, an orange sun, a
//! green hill) and a portrait, in each format sinmun reads.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, Rgb, RgbImage};

/// The sun's colour.
pub const SUN: [u8; 3] = [255, 170, 40];

/// A landscape of `w` × `h` pixels.
pub fn landscape(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        let (fx, fy) = (x as f64 / w as f64, y as f64 / h as f64);
        let (dx, dy) = (fx - 0.75, (fy - 0.28) * h as f64 / w as f64);
        if dx * dx + dy * dy < 0.006 {
            return Rgb(SUN);
        }
        let hill = 0.62 + 0.08 * (fx * 9.0).sin();
        if fy > hill {
            return Rgb([40, 130, 60]);
        }
        Rgb([(110.0 + 90.0 * fy) as u8, (170.0 + 50.0 * fy) as u8, 245])
    })
}

/// A portrait of `w` × `h` pixels: bands of colour from top to bottom.
pub fn portrait(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        Rgb([(y * 255 / h) as u8, (x * 255 / w) as u8, 160])
    })
}

/// `image` encoded as `format`.
pub fn encode(image: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    DynamicImage::ImageRgb8(image.clone())
        .write_to(&mut Cursor::new(&mut bytes), format)
        .expect("encode a test picture");
    bytes
}

/// A two-frame GIF: the landscape, then a plain red frame.
pub fn animated_gif(w: u32, h: u32) -> Vec<u8> {
    use image::codecs::gif::GifEncoder;
    use image::{Delay, Frame, RgbaImage};
    let mut bytes = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut bytes);
        let first = DynamicImage::ImageRgb8(landscape(w, h)).to_rgba8();
        let second = RgbaImage::from_pixel(w, h, image::Rgba([255, 0, 0, 255]));
        for frame in [first, second] {
            encoder
                .encode_frame(Frame::from_parts(
                    frame,
                    0,
                    0,
                    Delay::from_numer_denom_ms(100, 1),
                ))
                .expect("a GIF frame");
        }
    }
    bytes
}

/// A PNG whose header claims `w` × `h` pixels, with almost no data: a
/// decompression bomb's shape.
pub fn png_header_only(w: u32, h: u32) -> Vec<u8> {
    let mut bytes = encode(&RgbImage::new(1, 1), ImageFormat::Png);
    // IHDR's width and height follow the 8-byte signature and the chunk's
    // length and type; its CRC is fixed so that the header reads as valid.
    bytes[16..20].copy_from_slice(&w.to_be_bytes());
    bytes[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
