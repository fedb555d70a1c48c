//! Colours from posts' `style` attributes: CSS syntax in, `#rrggbb` out.
//! html2text drops 8-digit colours and names, so the renderer normalises
//! every value here first, blending any alpha over the page's background.

/// An opaque colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// `self` at `alpha` (0–255) over `under`.
    pub fn over(self, alpha: u8, under: Rgb) -> Rgb {
        let mix = |top: u8, bottom: u8| {
            let a = u32::from(alpha);
            ((u32::from(top) * a + u32::from(bottom) * (255 - a) + 127) / 255) as u8
        };
        Rgb(
            mix(self.0, under.0),
            mix(self.1, under.1),
            mix(self.2, under.2),
        )
    }

    /// Relative luminance (WCAG 2).
    fn luminance(self) -> f32 {
        let lin = |v: u8| {
            let c = f32::from(v) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// WCAG contrast ratio between two colours (1 to 21).
    pub fn contrast(self, other: Rgb) -> f32 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// `self` as text on `background`, moved toward white (or black, on a
    /// light background) just enough to be readable: posts pick colours for
    /// a white page, and dark blue on a dark terminal cannot be read.
    pub fn readable_on(self, background: Rgb) -> Rgb {
        const MIN_CONTRAST: f32 = 3.0;
        if self.contrast(background) >= MIN_CONTRAST {
            return self;
        }
        let target = if background.luminance() < 0.18 {
            Rgb(255, 255, 255)
        } else {
            Rgb(0, 0, 0)
        };
        (1..=10)
            .map(|step| target.over((step * 255 / 10) as u8, self))
            .find(|c| c.contrast(background) >= MIN_CONTRAST)
            .unwrap_or(target)
    }

    /// The nearest of the xterm 256 colours (cube and grey ramp).
    pub fn to_ansi256(self) -> u8 {
        const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
        let nearest_level = |v: u8| -> usize {
            LEVELS
                .iter()
                .enumerate()
                .min_by_key(|(_, l)| (i32::from(**l) - i32::from(v)).abs())
                .map_or(0, |(i, _)| i)
        };
        let (r, g, b) = (
            nearest_level(self.0),
            nearest_level(self.1),
            nearest_level(self.2),
        );
        let cube = Rgb(LEVELS[r], LEVELS[g], LEVELS[b]);
        let avg = (u32::from(self.0) + u32::from(self.1) + u32::from(self.2)) / 3;
        let grey_index = if avg < 8 { 0 } else { ((avg - 8) / 10).min(23) } as u8;
        let grey_level = 8 + 10 * grey_index;
        let grey = Rgb(grey_level, grey_level, grey_level);
        if self.distance(grey) < self.distance(cube) {
            232 + grey_index
        } else {
            16 + 36 * r as u8 + 6 * g as u8 + b as u8
        }
    }

    fn distance(self, o: Rgb) -> u32 {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).unsigned_abs();
        // Weighted for the eye's sensitivity (green most, blue least).
        3 * d(self.0, o.0).pow(2) + 4 * d(self.1, o.1).pow(2) + 2 * d(self.2, o.2).pow(2)
    }
}

/// A colour with its alpha, as a style attribute gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgba(pub Rgb, pub u8);

/// Parse a CSS colour: `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, `rgb()`,
/// `rgba()` and the CSS names. `None` for anything else (ignored).
pub fn parse_css(value: &str) -> Option<Rgba> {
    let v = value
        .trim()
        .trim_end_matches("!important")
        .trim()
        .to_ascii_lowercase();
    if let Some(hex) = v.strip_prefix('#') {
        return parse_hex(hex);
    }
    if let Some(args) = v.strip_prefix("rgba(").or_else(|| v.strip_prefix("rgb(")) {
        return parse_rgb_function(args.strip_suffix(')')?);
    }
    if v == "transparent" {
        return Some(Rgba(Rgb(0, 0, 0), 0));
    }
    named(&v).map(|c| Rgba(c, 255))
}

fn parse_hex(hex: &str) -> Option<Rgba> {
    if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let nibble = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok().map(|n| n * 17);
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    match hex.len() {
        3 => Some(Rgba(Rgb(nibble(0)?, nibble(1)?, nibble(2)?), 255)),
        4 => Some(Rgba(Rgb(nibble(0)?, nibble(1)?, nibble(2)?), nibble(3)?)),
        6 => Some(Rgba(Rgb(byte(0)?, byte(2)?, byte(4)?), 255)),
        8 => Some(Rgba(Rgb(byte(0)?, byte(2)?, byte(4)?), byte(6)?)),
        _ => None,
    }
}

fn parse_rgb_function(args: &str) -> Option<Rgba> {
    let parts: Vec<&str> = args
        .split([',', ' ', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() < 3 || parts.len() > 4 {
        return None;
    }
    let channel = |p: &str| -> Option<u8> {
        match p.strip_suffix('%') {
            Some(pct) => Some((pct.parse::<f32>().ok()?.clamp(0.0, 100.0) * 2.55).round() as u8),
            None => Some(p.parse::<f32>().ok()?.clamp(0.0, 255.0).round() as u8),
        }
    };
    let alpha = match parts.get(3) {
        None => 255,
        Some(a) => match a.strip_suffix('%') {
            Some(pct) => (pct.parse::<f32>().ok()?.clamp(0.0, 100.0) * 2.55).round() as u8,
            None => (a.parse::<f32>().ok()?.clamp(0.0, 1.0) * 255.0).round() as u8,
        },
    };
    Some(Rgba(
        Rgb(channel(parts[0])?, channel(parts[1])?, channel(parts[2])?),
        alpha,
    ))
}

/// The CSS named colours.
pub fn named(name: &str) -> Option<Rgb> {
    let hex: u32 = match name {
        "aliceblue" => 0xf0f8ff,
        "antiquewhite" => 0xfaebd7,
        "aqua" | "cyan" => 0x00ffff,
        "aquamarine" => 0x7fffd4,
        "azure" => 0xf0ffff,
        "beige" => 0xf5f5dc,
        "bisque" => 0xffe4c4,
        "black" => 0x000000,
        "blanchedalmond" => 0xffebcd,
        "blue" => 0x0000ff,
        "blueviolet" => 0x8a2be2,
        "brown" => 0xa52a2a,
        "burlywood" => 0xdeb887,
        "cadetblue" => 0x5f9ea0,
        "chartreuse" => 0x7fff00,
        "chocolate" => 0xd2691e,
        "coral" => 0xff7f50,
        "cornflowerblue" => 0x6495ed,
        "cornsilk" => 0xfff8dc,
        "crimson" => 0xdc143c,
        "darkblue" => 0x00008b,
        "darkcyan" => 0x008b8b,
        "darkgoldenrod" => 0xb8860b,
        "darkgray" | "darkgrey" => 0xa9a9a9,
        "darkgreen" => 0x006400,
        "darkkhaki" => 0xbdb76b,
        "darkmagenta" => 0x8b008b,
        "darkolivegreen" => 0x556b2f,
        "darkorange" => 0xff8c00,
        "darkorchid" => 0x9932cc,
        "darkred" => 0x8b0000,
        "darksalmon" => 0xe9967a,
        "darkseagreen" => 0x8fbc8f,
        "darkslateblue" => 0x483d8b,
        "darkslategray" | "darkslategrey" => 0x2f4f4f,
        "darkturquoise" => 0x00ced1,
        "darkviolet" => 0x9400d3,
        "deeppink" => 0xff1493,
        "deepskyblue" => 0x00bfff,
        "dimgray" | "dimgrey" => 0x696969,
        "dodgerblue" => 0x1e90ff,
        "firebrick" => 0xb22222,
        "floralwhite" => 0xfffaf0,
        "forestgreen" => 0x228b22,
        "fuchsia" | "magenta" => 0xff00ff,
        "gainsboro" => 0xdcdcdc,
        "ghostwhite" => 0xf8f8ff,
        "gold" => 0xffd700,
        "goldenrod" => 0xdaa520,
        "gray" | "grey" => 0x808080,
        "green" => 0x008000,
        "greenyellow" => 0xadff2f,
        "honeydew" => 0xf0fff0,
        "hotpink" => 0xff69b4,
        "indianred" => 0xcd5c5c,
        "indigo" => 0x4b0082,
        "ivory" => 0xfffff0,
        "khaki" => 0xf0e68c,
        "lavender" => 0xe6e6fa,
        "lavenderblush" => 0xfff0f5,
        "lawngreen" => 0x7cfc00,
        "lemonchiffon" => 0xfffacd,
        "lightblue" => 0xadd8e6,
        "lightcoral" => 0xf08080,
        "lightcyan" => 0xe0ffff,
        "lightgoldenrodyellow" => 0xfafad2,
        "lightgray" | "lightgrey" => 0xd3d3d3,
        "lightgreen" => 0x90ee90,
        "lightpink" => 0xffb6c1,
        "lightsalmon" => 0xffa07a,
        "lightseagreen" => 0x20b2aa,
        "lightskyblue" => 0x87cefa,
        "lightslategray" | "lightslategrey" => 0x778899,
        "lightsteelblue" => 0xb0c4de,
        "lightyellow" => 0xffffe0,
        "lime" => 0x00ff00,
        "limegreen" => 0x32cd32,
        "linen" => 0xfaf0e6,
        "maroon" => 0x800000,
        "mediumaquamarine" => 0x66cdaa,
        "mediumblue" => 0x0000cd,
        "mediumorchid" => 0xba55d3,
        "mediumpurple" => 0x9370db,
        "mediumseagreen" => 0x3cb371,
        "mediumslateblue" => 0x7b68ee,
        "mediumspringgreen" => 0x00fa9a,
        "mediumturquoise" => 0x48d1cc,
        "mediumvioletred" => 0xc71585,
        "midnightblue" => 0x191970,
        "mintcream" => 0xf5fffa,
        "mistyrose" => 0xffe4e1,
        "moccasin" => 0xffe4b5,
        "navajowhite" => 0xffdead,
        "navy" => 0x000080,
        "oldlace" => 0xfdf5e6,
        "olive" => 0x808000,
        "olivedrab" => 0x6b8e23,
        "orange" => 0xffa500,
        "orangered" => 0xff4500,
        "orchid" => 0xda70d6,
        "palegoldenrod" => 0xeee8aa,
        "palegreen" => 0x98fb98,
        "paleturquoise" => 0xafeeee,
        "palevioletred" => 0xdb7093,
        "papayawhip" => 0xffefd5,
        "peachpuff" => 0xffdab9,
        "peru" => 0xcd853f,
        "pink" => 0xffc0cb,
        "plum" => 0xdda0dd,
        "powderblue" => 0xb0e0e6,
        "purple" => 0x800080,
        "rebeccapurple" => 0x663399,
        "red" => 0xff0000,
        "rosybrown" => 0xbc8f8f,
        "royalblue" => 0x4169e1,
        "saddlebrown" => 0x8b4513,
        "salmon" => 0xfa8072,
        "sandybrown" => 0xf4a460,
        "seagreen" => 0x2e8b57,
        "seashell" => 0xfff5ee,
        "sienna" => 0xa0522d,
        "silver" => 0xc0c0c0,
        "skyblue" => 0x87ceeb,
        "slateblue" => 0x6a5acd,
        "slategray" | "slategrey" => 0x708090,
        "snow" => 0xfffafa,
        "springgreen" => 0x00ff7f,
        "steelblue" => 0x4682b4,
        "tan" => 0xd2b48c,
        "teal" => 0x008080,
        "thistle" => 0xd8bfd8,
        "tomato" => 0xff6347,
        "turquoise" => 0x40e0d0,
        "violet" => 0xee82ee,
        "wheat" => 0xf5deb3,
        "white" => 0xffffff,
        "whitesmoke" => 0xf5f5f5,
        "yellow" => 0xffff00,
        "yellowgreen" => 0x9acd32,
        _ => return None,
    };
    Some(Rgb((hex >> 16) as u8, (hex >> 8) as u8, hex as u8))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_css_form() {
        assert_eq!(parse_css("#ee2323"), Some(Rgba(Rgb(0xee, 0x23, 0x23), 255)));
        assert_eq!(parse_css("#F00"), Some(Rgba(Rgb(255, 0, 0), 255)));
        assert_eq!(
            parse_css("#21538527"),
            Some(Rgba(Rgb(0x21, 0x53, 0x85), 0x27))
        );
        assert_eq!(
            parse_css(" Crimson "),
            Some(Rgba(Rgb(0xdc, 0x14, 0x3c), 255))
        );
        assert_eq!(
            parse_css("rgb(255, 128, 0)"),
            Some(Rgba(Rgb(255, 128, 0), 255))
        );
        assert_eq!(parse_css("rgba(0,0,0,0.5)"), Some(Rgba(Rgb(0, 0, 0), 128)));
        for bad in ["#ggg", "#12345", "bogus", "rgb(1,2)", "", "#"] {
            assert_eq!(parse_css(bad), None, "{bad}");
        }
    }

    #[test]
    fn alpha_blends_over_the_background() {
        let seed_blue = Rgb(0x21, 0x53, 0x85);
        assert_eq!(
            seed_blue.over(0x27, Rgb(255, 255, 255)),
            Rgb(0xdd, 0xe5, 0xec)
        );
        assert_eq!(seed_blue.over(255, Rgb(0, 0, 0)), seed_blue);
        assert_eq!(seed_blue.over(0, Rgb(1, 2, 3)), Rgb(1, 2, 3));
    }

    #[test]
    fn dark_colours_are_lightened_on_dark_paper_only() {
        let blue = Rgb(0x1a, 0x54, 0x90);
        let black = Rgb(0x10, 0x10, 0x10);
        let lifted = blue.readable_on(black);
        assert_ne!(lifted, blue);
        assert!(lifted.contrast(black) >= 3.0);
        assert!(lifted.2 > lifted.0, "still blue: {lifted:?}");
        assert_eq!(blue.readable_on(Rgb(255, 255, 255)), blue, "fine on white");
        let red = Rgb(0xee, 0x23, 0x23);
        assert_eq!(red.readable_on(black), red, "already readable");
        let yellow = Rgb(0xff, 0xf3, 0xb0);
        assert!(
            yellow
                .readable_on(Rgb(255, 255, 255))
                .contrast(Rgb(255, 255, 255))
                >= 3.0
        );
    }

    #[test]
    fn nearest_256_colours() {
        assert_eq!(Rgb(255, 0, 0).to_ansi256(), 196);
        assert_eq!(Rgb(0, 0, 0).to_ansi256(), 16);
        assert_eq!(Rgb(128, 128, 128).to_ansi256(), 244);
        assert_eq!(Rgb(0xee, 0x23, 0x23).to_ansi256(), 196);
    }
}
