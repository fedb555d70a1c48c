//! How many cells a picture takes: its natural size at a nominal cell of
//! 8×16 pixels (terminal cells are about twice as tall as wide), no wider
//! than the room beside it and no taller than the rows allowed, keeping
//! its aspect ratio.

/// Pixels a cell stands for, across and down.
const CELL: (u32, u32) = (8, 16);

/// (columns, rows) for a picture of `pixels` in `room` columns and at
/// most `max_rows` rows; at least one of each.
pub fn cells(pixels: (u32, u32), room: usize, max_rows: usize) -> (usize, usize) {
    let (w, h) = (f64::from(pixels.0.max(1)), f64::from(pixels.1.max(1)));
    let room = room.max(1) as f64;
    let max_rows = max_rows.max(1) as f64;
    // Rows for a width in columns: a column is one unit wide, a row two
    // units tall.
    let rows_for = |cols: f64| (cols * h / w / 2.0).round().max(1.0);
    let mut cols = (w / f64::from(CELL.0)).ceil().clamp(1.0, room);
    let mut rows = rows_for(cols);
    if rows > max_rows {
        rows = max_rows;
        cols = (rows * 2.0 * w / h).round().clamp(1.0, room);
    }
    (cols as usize, rows as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_fit_the_width_and_half_the_height_keeping_their_shape() {
        // 640×360 is 80 columns at its natural size: 40 cells of 16:9 are
        // 22.5 rows of 2:1 cells.
        assert_eq!(cells((640, 360), 100, 100), (80, 23));
        assert_eq!(cells((640, 360), 40, 100), (40, 11), "narrower pane");
        assert_eq!(cells((640, 360), 80, 10), (36, 10), "short pane");
        assert_eq!(cells((16, 16), 80, 20), (2, 1), "an icon stays small");
        assert_eq!(cells((1, 10_000), 80, 20), (1, 20), "a thin line");
        assert_eq!(cells((10_000, 1), 80, 20), (80, 1));
        assert_eq!(cells((0, 0), 0, 0), (1, 1));
    }
}
