//! Running independent emit jobs on every core.
//!
//! Building tokens and formatting them is most of generation's time, and
//! each file is independent of the others. Token streams cannot cross
//! threads (`proc_macro2` counts references with `Rc`), so a job builds its
//! tokens on the thread that formats them, and only text comes back.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Runs `job` on every item of `items`, spread over the machine's cores,
/// and returns the results in the order of `items` (so output does not
/// depend on scheduling). The first error, in that order, wins.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    job: impl Fn(&T) -> Result<R, String> + Sync,
) -> Result<Vec<R>, String> {
    let threads = std::thread::available_parallelism()
        .map(usize::from)
        .unwrap_or(1)
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(job).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<R, String>>>> =
        Mutex::new(items.iter().map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let result = job(item);
                // A poisoned lock means another job panicked; that panic
                // is re-raised when the scope ends, so the value is moot.
                if let Ok(mut results) = results.lock() {
                    results[i] = Some(result);
                }
            });
        }
    });
    results
        .into_inner()
        .map_err(|_| "an emit job panicked".to_owned())?
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err("an emit job did not run".to_owned())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_order_of_the_input() {
        let items: Vec<u32> = (0..100).collect();
        let doubled = map(&items, |i| Ok(i * 2)).unwrap();
        assert_eq!(doubled, (0..100).map(|i| i * 2).collect::<Vec<_>>());
    }

    #[test]
    fn reports_the_first_error_in_input_order() {
        let items: Vec<u32> = (0..50).collect();
        let err = map(&items, |i| {
            if i % 7 == 6 {
                Err(format!("bad {i}"))
            } else {
                Ok(*i)
            }
        });
        assert_eq!(err, Err("bad 6".to_owned()));
    }
}
