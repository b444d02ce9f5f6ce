//! Machine-readable output. JSON is the service's own shapes ([`crate::wire`]), so it reads like
//! the API's answers; CSV quotes as RFC 4180 says.

use std::io::Write;

use serde::Serialize;

/// Writes [`crate::wire`] shapes as pretty JSON, as the service would send them.
pub fn write_json(out: &mut dyn Write, shapes: &impl Serialize) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(shapes).expect("wire shapes serialize");
    writeln!(out, "{text}")
}

/// Writes rows as CSV with a header.
pub fn write_csv(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(header).map_err(std::io::Error::other)?;
    for row in rows {
        w.write_record(row).map_err(std::io::Error::other)?;
    }
    w.flush()
}

/// Writes rows as a table with columns padded to their widest cell.
pub fn write_table(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    use unicode_width::UnicodeWidthStr;
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let last = cells.len().saturating_sub(1);
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                if i == last {
                    c.to_string()
                } else {
                    format!("{c}{}", " ".repeat(widths[i] - c.width()))
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    writeln!(out, "{}", line(header.to_vec()))?;
    for row in rows {
        writeln!(out, "{}", line(row.iter().map(String::as_str).collect()))?;
    }
    Ok(())
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
}
