//! retroline: a desktop whiteboard for timeline retrospectives and blameless postmortems.
//!
//! - [`model`]: the board and its parts, pure data saved as RON.
//! - [`io`]: board files (versioned, atomic saves) and CSV import.
//! - [`analysis`]: what is computed from a board, such as divergence spans.
//! - [`cli`]: the headless commands (`check`, `import`, `divergences`).
//! - [`app`]: the window.
//! - [`generate`]: deterministic boards of a chosen size, for benchmarks.
//! - [`render`]: the board as a PNG picture, drawn offscreen with the window's code.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod doc;
pub mod generate;
pub mod io;
pub mod model;
pub mod render;
pub mod server;
pub mod theme;
pub mod view;

pub use model::Board;
