//! A picture encoded for a terminal graphics protocol (kitty, sixel,
//! iTerm2), drawn over the half-block rows that hold its place. It is cut
//! into rows so that a picture half scrolled out of the pane shows its
//! visible rows only.

use image::DynamicImage;
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::widgets::Widget;
use ratatui_image::Resize;
use ratatui_image::picker::Picker;
use ratatui_image::sliced::{SignedPosition, SlicedImage, SlicedProtocol};

pub struct Graphic(SlicedProtocol);

impl std::fmt::Debug for Graphic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let size = self.0.size();
        write!(f, "Graphic({}x{})", size.width, size.height)
    }
}

impl Graphic {
    /// `picture` for `picker`'s protocol, fitted into `cols` × `rows` cells.
    pub fn new(
        picker: &Picker,
        picture: &DynamicImage,
        (cols, rows): (usize, usize),
    ) -> Option<Graphic> {
        let font = picker.font_size();
        let (w, h) = (cols.clamp(1, 1000) as u16, rows.clamp(1, 1000) as u16);
        let scaled = picture.thumbnail(
            u32::from(w) * u32::from(font.width.max(1)),
            u32::from(h) * u32::from(font.height.max(1)),
        );
        SlicedProtocol::new_with_resize(picker, scaled, Size::new(w, h), Resize::Fit(None))
            .ok()
            .map(Graphic)
    }

    /// Draw it in `area` with its top row at `top` rows below the area's
    /// top (negative: scrolled above it): only the rows inside the area.
    pub fn draw(&self, area: Rect, top: i32, left: u16, buf: &mut Buffer) {
        let Ok(y) = i16::try_from(top) else {
            return;
        };
        let position = SignedPosition::from((left.min(i16::MAX as u16) as i16, y));
        SlicedImage::new(&self.0, position).render(area, buf);
    }
}
