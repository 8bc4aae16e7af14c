//! The join address as a QR code: a matrix of modules for the window to paint, or text for a
//! terminal.

use qrcode::{Color, EcLevel, QrCode};

/// The modules of `text`'s QR code, row by row (`true` is dark), and the side length; no quiet
/// zone. `None` when the text is too long for a QR code.
pub fn matrix(text: &str) -> Option<(usize, Vec<bool>)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let side = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .map(|c| c == Color::Dark)
        .collect();
    Some((side, dark))
}

/// The QR code in half blocks, black on white whatever the terminal's colours, with the quiet
/// zone scanners need.
pub fn terminal(text: &str) -> String {
    const QUIET: usize = 4;
    let Some((side, dark)) = matrix(text) else {
        return String::new();
    };
    let full = side + 2 * QUIET;
    let at = |x: usize, y: usize| {
        x >= QUIET && y >= QUIET && x < side + QUIET && y < side + QUIET && {
            dark[(y - QUIET) * side + (x - QUIET)]
        }
    };
    let mut out = String::new();
    for y in (0..full).step_by(2) {
        out.push_str("\x1b[30;107m");
        for x in 0..full {
            out.push(match (at(x, y), y + 1 < full && at(x, y + 1)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            });
        }
        out.push_str("\x1b[0m\n");
    }
    out
}
