//! How much of a spec the generator takes on, so that a hostile or broken
//! spec gets a clear error naming the limit rather than a stack overflow,
//! an hour of work or all the memory. Each limit is far above what real
//! specs need: the vendor's whole HSS API (582 operations, 1866 types) is a
//! 6 MB file whose types nest a few levels deep, with at most a few dozen
//! parameters on an operation.
//!
//! JSON nesting is bounded by `serde_json` itself: 128 levels, refused as
//! "recursion limit exceeded" with the line and column.

/// The largest spec file read, in bytes.
pub const MAX_SPEC_BYTES: u64 = 64 * 1024 * 1024;

/// How many schemas may be open at once while one is resolved: objects in
/// objects, list items, map values and `$ref`s, counted together (a spec is
/// one JSON document, but `$ref`s chain its parts). Resolution recurses
/// through them, so this bounds its stack.
pub const MAX_SCHEMA_DEPTH: usize = 128;

/// The longest chain of named types inside one another (a type's fields,
/// their fields, ...), a type met again inside itself not counted. What
/// walks the resolved types recurses along such chains.
pub const MAX_TYPE_DEPTH: usize = 64;

/// Parameters on one operation (path-item ones included).
pub const MAX_PARAMETERS: usize = 256;

/// Rounds of leaving out operations that a later stage found errors in
/// (each round leaves out at least one, or the spec is refused).
pub const MAX_LEAVE_OUT_ROUNDS: usize = 32;
