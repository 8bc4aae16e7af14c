//! What the app computes from a board: pure functions, no UI.

pub mod blame;
pub mod divergence;
pub mod smart;
pub mod trends;
pub mod turning;
pub mod votes;

pub use divergence::{DivergenceSpan, divergences};
