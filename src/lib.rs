//! retroline: a desktop whiteboard for timeline retrospectives and blameless postmortems.
//!
//! The layers import only downward, and data flows one way: input (mouse, keys, HTTP, pasted
//! answers, files) → an effect → [`doc::Document::apply`] or file I/O → the derived cache → the
//! view → pixels. Nothing below [`view`] knows egui.
//!
//! - [`model`]: the board and its parts (events, lanes, participants, feelings, action items,
//!   the meeting's agenda, review and votes), pure data saved as RON; the limits of everything a
//!   user can make large, checked in one place; moments and how they are written.
//! - [`analysis`]: what is computed from a board: divergence spans, the SMART check, blame
//!   language, vote results. Pure functions.
//! - [`io`]: board files (versioned, atomic saves, `.bak`), recovery files, CSV, Slack and
//!   PagerDuty import, the Markdown and web reports, the tracker CSV, inert text.
//! - [`doc`]: the document (a board, its file, its undo history, what is derived from it) and
//!   [`doc::Edit`], every change a user, a participant or a script makes, applied by domain.
//! - [`view`]: the board drawn from `(&Board, &Derived, &mut ViewState)`: the timeline, the
//!   feelings plot and the picture; it returns actions and never changes the board. The
//!   commands with their labels, tooltips and shortcuts.
//! - [`theme`]: sizes and a palette per theme (light, dark, projector); [`fonts`]: a font for
//!   every script (bundled, or found on the system for CJK).
//! - [`render`]: the board as a PNG picture, drawn offscreen with the view's code.
//! - [`server`]: the participant server (HTTP on `std::net`, the round's rules and secrets,
//!   `collect`, the offline form, QR codes); it hands submissions to its owner.
//! - [`app`]: the window: a `Shell` for what lives as long as the window, a `Session` per open
//!   board, and one queue of effects applied after drawing.
//! - [`cli`]: the command line, on top of everything (`check`, `import`, `export`,
//!   `divergences`, `collect`, `form`, `new`, `generate`); `main.rs` only calls it.
//! - [`generate`]: deterministic boards of a chosen size, for benchmarks and tests.

pub mod analysis;
pub mod app;
pub mod cli;
pub mod doc;
pub mod fonts;
pub mod generate;
pub mod io;
pub mod model;
pub mod render;
pub mod server;
pub mod theme;
pub mod view;

pub use model::Board;
