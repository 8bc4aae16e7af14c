//! Text typed by people, made inert where it lands: a terminal (no escape sequences, no line
//! without end), a spreadsheet cell (no formula), a report (no invisible reordering).

/// The longest line printed to a terminal; a longer one is cut and says how much was left out.
pub const MAX_LINE_CHARS: usize = 1000;

/// Characters that reorder or hide text without showing themselves: bidi controls and
/// zero-width characters.
pub fn is_invisible_control(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Whether `c` is a letter, mark or sign of a right-to-left script (Hebrew, Arabic, Syriac,
/// Thaana, N'Ko, Samaritan, Mandaic, and their presentation forms).
pub fn is_rtl(c: char) -> bool {
    matches!(u32::from(c),
        0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

/// Whether `text` holds a letter of a right-to-left script.
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(is_rtl)
}

/// Whether `text` has something a reader can see, as [`crate::model::names::shows_something`]
/// says: a lone combining accent, the braille blank or a Hangul filler shows nothing either.
pub fn has_visible(text: &str) -> bool {
    crate::model::names::shows_something(text)
}

/// `text` safe to print: control characters (but line breaks and tabs) and invisible controls
/// are written as `\u001B`, and each line is cut at [`MAX_LINE_CHARS`].
pub fn terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(64 * 1024));
    for line in text.split_inclusive('\n') {
        let mut chars = line.chars();
        for (count, c) in chars.by_ref().enumerate() {
            if c == '\n' {
                out.push(c);
                break;
            }
            if count == MAX_LINE_CHARS {
                // What is left of the line (the one character just taken, and the rest).
                let rest = 1 + chars.filter(|c| *c != '\n').count();
                out.push_str(&format!("… ({rest} more characters)"));
                if line.ends_with('\n') {
                    out.push('\n');
                }
                break;
            }
            if (c.is_control() && c != '\t') || is_invisible_control(c) {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// `text` as a spreadsheet cell (TSV, CSV): control characters (but line breaks and tabs, which
/// a quoted cell holds) and invisible controls are dropped, and a cell that a spreadsheet would
/// run as a formula (it begins with `=`, `+`, `-` or `@`, or a tab or carriage return) starts
/// with an apostrophe instead.
pub fn cell(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|&c| {
            !is_invisible_control(c) && (!c.is_control() || matches!(c, '\n' | '\t' | '\r'))
        })
        .collect();
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_holds_no_control_character_but_line_breaks_and_tabs() {
        let typed = "Fix\u{0}the\u{1b}[31m alarm\u{7}\u{85}\nthen\ttest";
        assert_eq!(cell(typed), "Fixthe[31m alarm\nthen\ttest");
        assert_eq!(
            cell("\u{1b}=1+1"),
            "'=1+1",
            "a formula behind a control is still one"
        );
    }

    #[test]
    fn escapes_never_reach_the_terminal() {
        let title = "Outage\u{1b}]0;owned\u{7}\u{1b}[2J \u{202E}txt.exe";
        let shown = terminal(title);
        assert!(
            !shown.chars().any(|c| c.is_control() && c != '\n'),
            "{shown}"
        );
        assert!(shown.contains("\\u001B]0;owned\\u0007"), "{shown}");
        assert!(shown.contains("\\u202E"), "{shown}");
        assert_eq!(terminal("two\nlines\n"), "two\nlines\n");
    }

    #[test]
    fn a_huge_line_is_cut_and_counted() {
        let long = "x".repeat(5_000_000);
        let shown = terminal(&format!("{long}\nnext\n"));
        assert!(shown.len() < 2_000, "{} bytes", shown.len());
        assert!(
            shown.contains("… (4999000 more characters)\nnext\n"),
            "{}",
            &shown[990..]
        );
    }

    #[test]
    fn formulas_become_text_in_cells() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM"), "'@SUM");
        assert_eq!(cell("Ana, Ben"), "Ana, Ben");
        assert_eq!(
            cell("\u{200B}=1"),
            "'=1",
            "hidden characters do not hide a formula"
        );
    }

    #[test]
    fn a_name_needs_something_visible() {
        assert!(!has_visible("\u{200B}\u{200D} \u{FEFF}"));
        assert!(!has_visible("\u{2800}"), "the braille blank");
        assert!(!has_visible("\u{0301}"), "a lone combining accent");
        assert!(!has_visible("\u{3164}"), "the Hangul filler");
        assert!(has_visible("Ana"));
    }
}
