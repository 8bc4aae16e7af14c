//! `retroline generate`: a made-up board of a given size, the same every time.

use std::path::Path;

use super::check::summary;
use super::{SizeArg, refuse_existing};
use crate::io::board_file;

/// `retroline generate`: the board of `size` and `seed`, written to `output`.
pub(super) fn generate(
    size: SizeArg,
    seed: u64,
    output: &Path,
    force: bool,
) -> Result<String, String> {
    refuse_existing(output, force)?;
    let size = match size {
        SizeArg::S => crate::generate::Size::S,
        SizeArg::M => crate::generate::Size::M,
        SizeArg::L => crate::generate::Size::L,
    };
    let board = crate::generate::board(size, seed);
    board_file::save(output, &board).map_err(|e| e.to_string())?;
    Ok(format!("wrote {}: {}\n", output.display(), summary(&board)))
}
