//! Tables laid out as a browser's automatic layout does: each column
//! between its narrowest (its widest word) and its widest (its longest
//! line), room shared out so that no word is broken while another column
//! has some to spare. A table that does not fit even with every column at
//! its narrowest becomes one block per row, `header: value`.

use super::block::{Align, Cell, Para, Table};
use super::lines::trim_end;
use super::{Flags, Line, SpanStyle, inline};
use crate::text::{glyphs, width};

/// One space each side of a cell's text.
const PADDING: usize = 2;

/// A cell where it sits in the grid.
struct Placed<'a> {
    row: usize,
    col: usize,
    cols: usize,
    rows: usize,
    cell: &'a Cell,
    header: bool,
}

pub(super) fn layout(table: &Table, max: usize) -> Vec<Line> {
    let max = max.max(1);
    let (placed, ncols) = place(table);
    let nrows = table.rows.len();
    if placed.is_empty() || ncols == 0 {
        return Vec::new();
    }
    let head_rows = head_rows(table);
    let (mins, maxs) = column_widths(&placed, ncols);
    let seps = (ncols - 1) * width(glyphs().table.vertical);
    let sum_min: usize = mins.iter().sum::<usize>() + seps;
    let sum_max: usize = maxs.iter().sum::<usize>() + seps;
    let widths = if sum_max <= max {
        maxs
    } else if sum_min <= max {
        share(&mins, &maxs, max - seps)
    } else {
        return as_blocks(table, &placed, head_rows, max);
    };
    draw(&placed, &widths, nrows, head_rows)
}

/// Leading rows that are headers: `<thead>` rows, or rows of `<th>` only,
/// when body rows follow; else a first row whose every cell is bold (as
/// editors that have no `<th>` write a header).
fn head_rows(table: &Table) -> usize {
    let n = table
        .rows
        .iter()
        .take_while(|r| r.head || (!r.cells.is_empty() && r.cells.iter().all(|c| c.header)))
        .count();
    let n = if n == 0 && table.rows.first().is_some_and(all_bold) {
        1
    } else {
        n
    };
    if n == table.rows.len() { 0 } else { n }
}

fn all_bold(row: &super::block::Row) -> bool {
    !row.cells.is_empty()
        && row.cells.iter().all(|c| {
            c.paras.iter().flatten().any(|s| !s.text.trim().is_empty())
                && c.paras
                    .iter()
                    .flatten()
                    .all(|s| s.text.trim().is_empty() || s.style.flags.contains(Flags::STRONG))
        })
}

/// Cells into grid positions, honouring column and row spans.
fn place(table: &Table) -> (Vec<Placed<'_>>, usize) {
    let head = head_rows(table);
    let mut taken: Vec<Vec<bool>> = vec![Vec::new(); table.rows.len()];
    let mut placed = Vec::new();
    let mut ncols = 0;
    for (r, row) in table.rows.iter().enumerate() {
        let mut col = 0;
        for cell in &row.cells {
            while taken[r].get(col).copied().unwrap_or(false) {
                col += 1;
            }
            let cols = cell.colspan.max(1);
            let rows = cell.rowspan.max(1).min(table.rows.len() - r);
            for t in taken.iter_mut().skip(r).take(rows) {
                if t.len() < col + cols {
                    t.resize(col + cols, false);
                }
                t[col..col + cols].iter_mut().for_each(|x| *x = true);
            }
            placed.push(Placed {
                row: r,
                col,
                cols,
                rows,
                cell,
                header: cell.header || r < head,
            });
            col += cols;
            ncols = ncols.max(col);
        }
    }
    (placed, ncols)
}

fn cell_widths(cell: &Cell) -> (usize, usize) {
    let min = cell.paras.iter().map(inline::min_width).max().unwrap_or(0);
    let nat = cell
        .paras
        .iter()
        .map(inline::natural_width)
        .max()
        .unwrap_or(0);
    (min + PADDING, nat.max(min) + PADDING)
}

/// Each column's narrowest and widest, cells that span several columns
/// shared out over them.
fn column_widths(placed: &[Placed<'_>], ncols: usize) -> (Vec<usize>, Vec<usize>) {
    let mut mins = vec![PADDING + 1; ncols];
    let mut maxs = vec![PADDING + 1; ncols];
    for p in placed.iter().filter(|p| p.cols == 1) {
        let (lo, hi) = cell_widths(p.cell);
        mins[p.col] = mins[p.col].max(lo);
        maxs[p.col] = maxs[p.col].max(hi);
    }
    for p in placed.iter().filter(|p| p.cols > 1) {
        let (lo, hi) = cell_widths(p.cell);
        let span = p.col..p.col + p.cols;
        let seps = (p.cols - 1) * width(glyphs().table.vertical);
        spread(&mut mins[span.clone()], lo.saturating_sub(seps));
        spread(&mut maxs[span], hi.saturating_sub(seps));
    }
    for (lo, hi) in mins.iter().zip(maxs.iter_mut()) {
        *hi = (*hi).max(*lo);
    }
    (mins, maxs)
}

/// Grow `cols` evenly until they add up to at least `need`.
fn spread(cols: &mut [usize], need: usize) {
    let have: usize = cols.iter().sum();
    if have >= need || cols.is_empty() {
        return;
    }
    let extra = need - have;
    let n = cols.len();
    for (i, c) in cols.iter_mut().enumerate() {
        *c += extra / n + usize::from(i < extra % n);
    }
}

/// Widths between `mins` and `maxs` adding up to `room`: each column gets
/// a share of the spare room in proportion to how much more it could use.
fn share(mins: &[usize], maxs: &[usize], room: usize) -> Vec<usize> {
    let spare = room - mins.iter().sum::<usize>();
    let want: usize = mins.iter().zip(maxs).map(|(lo, hi)| hi - lo).sum();
    let mut widths: Vec<usize> = mins
        .iter()
        .zip(maxs)
        .map(|(lo, hi)| lo + (hi - lo) * spare / want.max(1))
        .collect();
    // What rounding left goes to the columns that still want most.
    let mut left = room - widths.iter().sum::<usize>();
    while left > 0 {
        let Some(i) = (0..widths.len())
            .filter(|&i| widths[i] < maxs[i])
            .max_by_key(|&i| maxs[i] - widths[i])
        else {
            break;
        };
        widths[i] += 1;
        left -= 1;
    }
    widths
}

/// A cell's lines at `inner` cells, aligned and padded to `inner`.
fn cell_lines(p: &Placed<'_>, inner: usize) -> Vec<Line> {
    let mut out = Vec::new();
    for para in &p.cell.paras {
        let para = if p.header { bold(para) } else { para.clone() };
        out.extend(inline::wrap(&para, inner));
    }
    out
}

fn bold(para: &Para) -> Para {
    para.iter()
        .map(|s| {
            let mut s = s.clone();
            s.style.flags |= Flags::STRONG;
            s
        })
        .collect()
}

fn border() -> SpanStyle {
    SpanStyle::of(Flags::TABLE_BORDER)
}

fn draw(placed: &[Placed<'_>], widths: &[usize], nrows: usize, head_rows: usize) -> Vec<Line> {
    let separator = glyphs().table.vertical;
    let span_width = |p: &Placed<'_>| {
        widths[p.col..p.col + p.cols].iter().sum::<usize>() + (p.cols - 1) * width(separator)
    };
    let contents: Vec<Vec<Line>> = placed
        .iter()
        .map(|p| cell_lines(p, span_width(p).saturating_sub(PADDING).max(1)))
        .collect();
    // Row heights: single-row cells first, then row spans make room.
    let mut heights = vec![1usize; nrows];
    for (p, lines) in placed.iter().zip(&contents) {
        if p.rows == 1 {
            heights[p.row] = heights[p.row].max(lines.len());
        }
    }
    for (p, lines) in placed.iter().zip(&contents) {
        if p.rows > 1 {
            let have: usize = heights[p.row..p.row + p.rows].iter().sum();
            if lines.len() > have {
                heights[p.row + p.rows - 1] += lines.len() - have;
            }
        }
    }
    let ncols = widths.len();
    // Which cell covers each grid slot.
    let mut cover = vec![vec![None; ncols]; nrows];
    for (i, p) in placed.iter().enumerate() {
        for row in cover.iter_mut().skip(p.row).take(p.rows) {
            for slot in row.iter_mut().skip(p.col).take(p.cols) {
                *slot = Some(i);
            }
        }
    }
    let tall_body = (head_rows..nrows).any(|r| heights[r] > 1);
    let mut out = Vec::new();
    let starts: Vec<usize> = heights
        .iter()
        .scan(0, |acc, h| {
            let s = *acc;
            *acc += h;
            Some(s)
        })
        .collect();
    for r in 0..nrows {
        for i in 0..heights[r] {
            let mut line = Line::default();
            let mut c = 0;
            while c < ncols {
                if c > 0 {
                    line.push(separator.into(), border());
                }
                let Some(pi) = cover[r][c] else {
                    line.push(" ".repeat(widths[c]), SpanStyle::default());
                    c += 1;
                    continue;
                };
                let p = &placed[pi];
                let w = span_width(p);
                let at = starts[r] + i - starts[p.row];
                let text = contents[pi].get(at).cloned().unwrap_or_default();
                pad_cell(&mut line, text, w, p.cell.align);
                c = p.col + p.cols;
            }
            trim_end(&mut line);
            out.push(line);
        }
        let last = r + 1 == nrows;
        if !last && (r + 1 == head_rows || (r >= head_rows && tall_body)) {
            out.push(rule(&cover, widths, r));
        }
    }
    out
}

/// ` text ` in `w` cells, aligned.
fn pad_cell(line: &mut Line, text: Line, w: usize, align: Align) {
    let inner = w.saturating_sub(PADDING);
    let room = inner.saturating_sub(text.width());
    let (left, right) = match align {
        Align::Left => (0, room),
        Align::Right => (room, 0),
        Align::Center => (room / 2, room - room / 2),
    };
    line.push(" ".repeat(1 + left), SpanStyle::default());
    for s in text.spans {
        line.push(s.text, s.style);
    }
    line.push(" ".repeat(right + 1), SpanStyle::default());
}

/// The rule under row `r`; blank where a cell spans across it.
fn rule(cover: &[Vec<Option<usize>>], widths: &[usize], r: usize) -> Line {
    let crosses = |c: usize| cover[r][c].is_some() && cover[r][c] == cover[r + 1][c];
    let lines = glyphs().table;
    let mut text = String::new();
    for (c, w) in widths.iter().enumerate() {
        if c > 0 {
            text.push_str(match (crosses(c - 1), crosses(c)) {
                (false, false) => lines.cross,
                (true, false) => lines.right_only,
                (false, true) => lines.left_only,
                (true, true) => lines.vertical,
            });
        }
        text.push_str(&if crosses(c) {
            " ".repeat(*w)
        } else {
            lines.horizontal.repeat(*w)
        });
    }
    let mut line = Line::plain(text, Flags::TABLE_BORDER);
    trim_end(&mut line);
    line
}

/// One block per row: each cell as `header: value`, a blank line between
/// rows. When a header would label no cell (or there is none), every row,
/// the header's too, is shown as its cells' text alone.
fn as_blocks(table: &Table, placed: &[Placed<'_>], head_rows: usize, max: usize) -> Vec<Line> {
    let labels: Vec<(usize, usize, String)> = placed
        .iter()
        .filter(|p| p.row < head_rows)
        .map(|p| (p.col, p.cols, plain(p.cell)))
        .collect();
    let used = |c: usize, n: usize| {
        placed
            .iter()
            .any(|p| p.row >= head_rows && (c..c + n).contains(&p.col))
    };
    let labelled = head_rows > 0 && labels.iter().all(|(c, n, _)| used(*c, *n));
    let first = if labelled { head_rows } else { 0 };
    let label_of = |col: usize| {
        labels
            .iter()
            .find(|(c, n, _)| (*c..c + n).contains(&col))
            .map(|(_, _, t)| t.as_str())
            .filter(|t| labelled && !t.is_empty())
    };
    let mut out: Vec<Line> = Vec::new();
    for r in first..table.rows.len() {
        if !out.is_empty() {
            out.push(Line::default());
        }
        for p in placed.iter().filter(|p| p.row == r) {
            let paras: Vec<Para> = if p.header {
                p.cell.paras.iter().map(bold).collect()
            } else {
                p.cell.paras.clone()
            };
            let lead =
                label_of(p.col).map(|l| vec![(format!("{l}: "), SpanStyle::of(Flags::STRONG))]);
            for (k, para) in paras.iter().enumerate() {
                match &lead {
                    Some(lead) if k == 0 => out.extend(inline::wrap_hanging(lead, para, max)),
                    // Further lines of a labelled value hang under it too.
                    Some(lead) => {
                        let blank = vec![(" ".repeat(width(&lead[0].0)), SpanStyle::default())];
                        out.extend(inline::wrap_hanging(&blank, para, max));
                    }
                    None => out.extend(inline::wrap(para, max)),
                }
            }
            if paras.is_empty()
                && let Some(lead) = &lead
            {
                out.extend(inline::wrap_hanging(lead, &Para::new(), max));
            }
        }
    }
    super::lines::split_wide(out, max)
}

/// A cell's text on one line, for a label.
fn plain(cell: &Cell) -> String {
    cell.paras
        .iter()
        .map(|p| p.iter().map(|s| s.text.as_str()).collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}
