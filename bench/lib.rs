//! Nothing here: the benchmarks are in `benches/`, and `bench/run.sh` runs
//! them together with the generator and compile-time comparisons.
#![forbid(unsafe_code)]
