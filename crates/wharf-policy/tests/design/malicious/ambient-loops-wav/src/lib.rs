//! Ambient loops vol. 1 -- audio files are in `loops/`.
//! This crate contains no code.
