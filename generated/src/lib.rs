//! Emitted by `hwcloud-codegen generate`; never edited by hand.
#![forbid(unsafe_code)]
