//! What the app computes from a board: pure functions, no UI.

pub mod divergence;

pub use divergence::{DivergenceSpan, divergences};
