//! scrapbook's fuzzer: property-based fuzzing on stable Rust, with proptest as the engine.
//!
//! Each [`targets::Target`] is a reader of untrusted input with the properties it must
//! keep on any input: never panic, give an error a reader can act on, and, for the
//! sanitizer, output that cannot run code and that a second pass leaves unchanged.
//! Inputs are the target's seed corpus (the sample content and the test fixtures) put
//! through random mutations ([`mutate`]), plus raw random bytes. A failing input is
//! shrunk by proptest and saved under `crates/fuzz/regressions/TARGET/`, where the unit
//! tests replay it for ever after.

pub mod mutate;
pub mod run;
pub mod targets;
