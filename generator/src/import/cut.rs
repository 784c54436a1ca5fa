//! A page whose text stops inside a table was cut short.
//!
//! A whole reference page goes on after its request tables (responses,
//! examples, status and error codes), so text that ends in a table row is
//! an excerpt cut off mid-sentence. Its last line may be half a fact:
//! `a, b, fr` of a longer list of values, `• fr` of a list of bullets,
//! `Maximum: 25` of `Maximum: 256`.
//! That line is read up to its last full sentence (a list it ends is left
//! out whole), and what is left out is reported; a row cut off after its
//! name is no row at all. A bound line is left out too: `Maximum: 9007199254`
//! may be whole or the start of a longer number, and the page cannot say.

use super::layout::{self, Block, Unit};
use super::report::{FindingKind, PageReport};
use super::vocabulary::Column;

/// Mends the end of a page that stops inside a table (see the module docs).
pub(crate) fn mend_cut_end(blocks: &mut [Block], text: &str, report: &mut PageReport) {
    let Some((line_number, last_line)) = last_line(text) else {
        return;
    };
    let Some(Block::Table(table)) = blocks.last_mut() else {
        return;
    };
    // A status code's description states no fact the importer reads.
    if table.columns.first() == Some(&Column::StatusCode) {
        return;
    }
    let columns = table.columns.clone();
    let Some(row) = table.rows.last_mut() else {
        return;
    };
    let Some((index, cell)) = row
        .cells
        .iter_mut()
        .enumerate()
        .rev()
        .find_map(|(i, cell)| cell.as_mut().map(|cell| (i, cell)))
    else {
        return;
    };
    let cell_end = bare(cell.text.lines().last().unwrap_or(""));
    let ends_page = !cell_end.is_empty()
        && (last_line.ends_with(cell_end.as_str()) || cell_end.ends_with(last_line.as_str()));
    if !ends_page || ends_sentence(&cell_end) {
        return;
    }
    match columns.get(index).copied().unwrap_or(Column::Unknown) {
        Column::Name | Column::SubName => {
            report.add(
                line_number,
                FindingKind::Unreadable,
                None,
                format!(
                    "the page stops after the name {cell_end:?}: its row is cut off and not read"
                ),
            );
            table.rows.pop();
        }
        Column::Description | Column::Unknown => {
            cut_description(cell, &cell_end, line_number, report)
        }
        // A flag or a type is one word: cut or not, the row reader judges it.
        _ => {}
    }
}

/// Cuts a description whose last line, `cell_end`, the page cut short back
/// to its last full sentence; a list that line ends goes whole.
fn cut_description(cell: &mut Unit, cell_end: &str, line_number: usize, report: &mut PageReport) {
    let (kept, cut) = cell_end.split_at(last_sentence_end(cell_end));
    report.add(
        line_number,
        FindingKind::Unreadable,
        None,
        format!(
            "the page stops inside a table row: its last words {:?} are cut short and not read",
            cut.trim()
        ),
    );
    let mut lines: Vec<&str> = cell.text.lines().collect();
    lines.pop();
    let mut list = Vec::new();
    if is_list_item(cell_end) {
        while let Some(item) = lines.last().copied().filter(|l| is_list_item(&bare(l))) {
            lines.pop();
            list.push(bare(item));
        }
    }
    if !list.is_empty() {
        list.reverse();
        report.add(
            line_number,
            FindingKind::Unreadable,
            None,
            format!("the list the cut words end is left out whole: {list:?}"),
        );
    }
    if !kept.trim().is_empty() {
        lines.push(kept.trim_end());
    }
    cell.text = lines.join("\n");
}

/// The page's last line that holds text, and its number, bare of cell pipes.
fn last_line(text: &str) -> Option<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .iter()
        .enumerate()
        .rev()
        .map(|(i, line)| (i + 1, bare(line)))
        .find(|(_, line)| !line.is_empty())
}

/// A line as the layout reader sees it, without the pipe that closes a cell.
fn bare(line: &str) -> String {
    layout::clean_line(line)
        .trim_end_matches('|')
        .trim_end()
        .to_owned()
}

/// Whether a line ends where a sentence or a value may end.
fn ends_sentence(line: &str) -> bool {
    line.ends_with([
        '.', '。', '!', '！', '?', '？', ')', '）', ']', '"', '”', '}', ';', '；',
    ])
}

/// A bullet, or a bare value on its line (`Enumeration values:` lists one
/// a line); not a labelled line such as `最大值:100`.
fn is_list_item(line: &str) -> bool {
    line.starts_with(['•', '·', '*', '-'])
        || (!line.is_empty()
            && line.chars().count() <= 64
            && line
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/')))
}

/// Where the last full sentence of `line` ends (0 if it has none).
fn last_sentence_end(line: &str) -> usize {
    line.char_indices()
        .filter(|&(i, c)| {
            let next = line[i + c.len_utf8()..].chars().next();
            match c {
                '。' | '！' | '？' | '；' => true,
                '.' | '!' | '?' | ';' => next.is_some_and(char::is_whitespace),
                _ => false,
            }
        })
        .map(|(i, c)| i + c.len_utf8())
        .next_back()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends() {
        let cases = [
            (
                "Repository type. The value can be a, b, fr",
                "Repository type.",
            ),
            ("名称。长度为1-6", "名称。"),
            ("Maximum: 25", ""),
            ("Version 1.2 is used. Default: 1", "Version 1.2 is used."),
        ];
        for (line, kept) in cases {
            assert_eq!(&line[..last_sentence_end(line)], kept, "{line}");
        }
    }
}
