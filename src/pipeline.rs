//! Placeholder until the runner lands.
pub struct Pipeline;
