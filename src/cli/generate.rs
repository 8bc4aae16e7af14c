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

/// `retroline generate --weeks N`: `weeks` weekly boards of `size`, each made from the one
/// before, written into the folder `output` (made if need be), all or none.
pub(super) fn weekly(
    size: SizeArg,
    seed: u64,
    weeks: usize,
    output: &Path,
    force: bool,
) -> Result<String, String> {
    if output.exists() && !output.is_dir() {
        return Err(format!(
            "{}: is not a folder; --weeks writes a folder of boards",
            output.display()
        ));
    }
    let size = match size {
        SizeArg::S => crate::generate::Size::S,
        SizeArg::M => crate::generate::Size::M,
        SizeArg::L => crate::generate::Size::L,
    };
    let boards = crate::generate::weekly(size, seed, weeks);
    let mut files = Vec::with_capacity(boards.len());
    for (name, board) in &boards {
        let path = output.join(name);
        refuse_existing(&path, force)?;
        let text = board_file::to_ron_string(board)
            .map_err(|e| format!("{}: cannot write the board: {e}", path.display()))?;
        files.push((path, text.into_bytes()));
    }
    std::fs::create_dir_all(output).map_err(|e| {
        format!(
            "{}: cannot make the folder: {}",
            output.display(),
            crate::io::io_reason(&e)
        )
    })?;
    let refs: Vec<(&Path, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_path(), b.as_slice()))
        .collect();
    crate::io::write_all_atomically(&refs).map_err(|e| {
        format!(
            "{}: cannot write: {}; nothing was written",
            output.display(),
            crate::io::io_reason(&e)
        )
    })?;
    Ok(format!(
        "wrote {} boards into {}\n",
        boards.len(),
        output.display()
    ))
}
