//! Machine-readable output. JSON is the service's own shapes ([`crate::wire`]), so it reads like
//! the API's answers; CSV quotes as RFC 4180 says. [`JsonArray`] and [`Table`] print rows as they
//! arrive, for listings that come page by page.

use std::io::Write;

use serde::Serialize;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Writes [`crate::wire`] shapes as pretty JSON, as the service would send them.
pub fn write_json(out: &mut dyn Write, shapes: &impl Serialize) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(shapes).expect("wire shapes serialize");
    writeln!(out, "{text}")
}

/// A JSON array written element by element, laid out as [`write_json`] lays out a whole one.
/// Only [`JsonArray::finish`] closes it, so output cut short stays an unterminated array that
/// JSON readers refuse.
pub struct JsonArray<W: Write> {
    out: W,
    empty: bool,
}

impl<W: Write> JsonArray<W> {
    /// Writes the opening `[`.
    pub fn start(mut out: W) -> std::io::Result<Self> {
        out.write_all(b"[")?;
        Ok(JsonArray { out, empty: true })
    }

    /// Appends one element.
    pub fn push(&mut self, shape: &impl Serialize) -> std::io::Result<()> {
        let text = serde_json::to_string_pretty(shape).expect("wire shapes serialize");
        let separator = if self.empty { "\n  " } else { ",\n  " };
        self.empty = false;
        // Pretty JSON escapes newlines in strings: every line break is layout, indented here.
        write!(self.out, "{separator}{}", text.replace('\n', "\n  "))
    }

    /// Hands what was written so far to the underlying writer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    /// Writes the closing `]` and flushes.
    pub fn finish(mut self) -> std::io::Result<()> {
        writeln!(self.out, "{}", if self.empty { "]" } else { "\n]" })?;
        self.out.flush()
    }
}

/// Writes rows as CSV with a header.
pub fn write_csv(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let mut csv = Csv::start(out, header)?;
    csv.rows(rows)?;
    csv.flush()
}

/// CSV written as rows arrive, after its header.
pub struct Csv<W: Write>(csv::Writer<W>);

impl<W: Write> Csv<W> {
    /// Writes the header.
    pub fn start(out: W, header: &[&str]) -> std::io::Result<Self> {
        let mut csv = Csv(csv::Writer::from_writer(out));
        csv.record(header)?;
        Ok(csv)
    }

    /// Writes rows.
    pub fn rows(&mut self, rows: &[Vec<String>]) -> std::io::Result<()> {
        rows.iter().try_for_each(|row| self.record(row))
    }

    /// Hands what was written so far to the underlying writer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }

    /// Writes one record; a failed write keeps its kind (a closed pipe stays `BrokenPipe`).
    fn record<T: AsRef<[u8]>>(&mut self, record: &[T]) -> std::io::Result<()> {
        self.0.write_record(record).map_err(|e| match e.kind() {
            csv::ErrorKind::Io(io) => std::io::Error::new(io.kind(), e),
            _ => std::io::Error::other(e),
        })
    }
}

/// Writes rows as a table with columns padded to their widest cell.
pub fn write_table(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let widths = column_widths(header, rows, &[]);
    Table::start(out, header, widths)?.rows(rows)
}

/// Display widths for columns that fit the header, `rows` and at least `min` (missing minimums
/// count as 0).
pub fn column_widths(header: &[&str], rows: &[Vec<String>], min: &[usize]) -> Vec<usize> {
    let mut widths: Vec<usize> = header
        .iter()
        .enumerate()
        .map(|(i, h)| h.width().max(min.get(i).copied().unwrap_or(0)))
        .collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    widths
}

/// A table written as rows arrive, with widths fixed up front: every column but the last is
/// padded to its width, and a wider cell is cut to fit, ending in "…".
pub struct Table<W: Write> {
    out: W,
    widths: Vec<usize>,
}

impl<W: Write> Table<W> {
    /// Writes the header.
    pub fn start(out: W, header: &[&str], widths: Vec<usize>) -> std::io::Result<Self> {
        let mut table = Table { out, widths };
        table.line(header)?;
        Ok(table)
    }

    /// Writes rows.
    pub fn rows(&mut self, rows: &[Vec<String>]) -> std::io::Result<()> {
        for row in rows {
            self.line(row)?;
        }
        Ok(())
    }

    /// Hands what was written so far to the underlying writer.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }

    fn line(&mut self, cells: &[impl AsRef<str>]) -> std::io::Result<()> {
        let last = cells.len().saturating_sub(1);
        let text = cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    c.as_ref().to_string()
                } else {
                    fit(c.as_ref(), self.widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ");
        writeln!(self.out, "{text}")
    }
}

/// `cell` padded to `width` display columns, or cut to `width` with a closing "…".
fn fit(cell: &str, width: usize) -> String {
    if cell.width() <= width {
        return format!("{cell}{}", " ".repeat(width - cell.width()));
    }
    let mut cut = String::new();
    let mut used = 0;
    for c in cell.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        cut.push(c);
        used += w;
    }
    format!("{cut}…{}", " ".repeat(width.saturating_sub(used + 1)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_commas_quotes_and_newlines() {
        let mut out = Vec::new();
        let rows = vec![
            vec!["engi-1".into(), "Smith, Jones & Co".into()],
            vec!["engi-2".into(), "The \"best\" deal".into()],
            vec!["engi-3".into(), "two\nlines".into()],
            vec!["engi-4".into(), "plain".into()],
        ];
        write_csv(&mut out, &["Id", "Title"], &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Id,Title\nengi-1,\"Smith, Jones & Co\"\nengi-2,\"The \"\"best\"\" deal\"\nengi-3,\"two\nlines\"\nengi-4,plain\n"
        );
    }

    #[test]
    fn tables_pad_by_display_width() {
        let mut out = Vec::new();
        let rows = vec![
            vec!["東都".into(), "x".into()],
            vec!["ab".into(), "y".into()],
        ];
        write_table(&mut out, &["Name", "V"], &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Name  V\n東都  x\nab    y\n"
        );
    }

    #[test]
    fn a_json_array_written_piece_by_piece_reads_as_the_whole_one() {
        for n in [0, 1, 3] {
            let shapes: Vec<serde_json::Value> = (0..n)
                .map(|i| serde_json::json!({"Id": i, "Nested": {"Text": "two\nlines"}}))
                .collect();
            let mut whole = Vec::new();
            write_json(&mut whole, &shapes).unwrap();
            let mut pieces = Vec::new();
            let mut array = JsonArray::start(&mut pieces).unwrap();
            for shape in &shapes {
                array.push(shape).unwrap();
            }
            array.finish().unwrap();
            assert_eq!(
                String::from_utf8(pieces).unwrap(),
                String::from_utf8(whole).unwrap()
            );
        }
    }

    #[test]
    fn cells_wider_than_a_fixed_column_are_cut_with_an_ellipsis() {
        let mut out = Vec::new();
        let mut table = Table::start(&mut out, &["Name", "V"], vec![5, 1]).unwrap();
        table
            .rows(&[
                vec!["東都東都".into(), "x".into()],
                vec!["abcdefg".into(), "y".into()],
                vec!["abcde".into(), "z".into()],
            ])
            .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Name   V\n東都…  x\nabcd…  y\nabcde  z\n"
        );
    }
}
