//! placeholder: replaced by the stage implementation.
