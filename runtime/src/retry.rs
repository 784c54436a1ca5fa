//! When to try a call again, and how long to wait first. Pure decisions:
//! the client loop in `client.rs` asks, this module answers.

use std::time::{Duration, SystemTime};

/// How failed attempts are retried: exponential backoff with full jitter,
/// or the server's `Retry-After` when it gives one.
///
/// Retried: connection failures (the request never left, so any method),
/// and, for idempotent methods (GET, PUT, DELETE, HEAD, OPTIONS), timeouts,
/// broken connections and the statuses 429, 502, 503 and 504. POST and
/// PATCH are retried on those only with [`RetryPolicy::retry_non_idempotent`],
/// since the service may already have acted on the first attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// Three attempts, waits of up to 200 ms then 400 ms (capped at 20 s).
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(20),
            non_idempotent: false,
        }
    }
}

/// What went wrong with one attempt, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// No connection was made: the request was not sent.
    Connect,
    /// The request may have reached the service (timeout, reset, cut-off
    /// response).
    AfterSending,
    /// The service answered with this status.
    Status(u16),
    /// Retrying cannot help (e.g. a response over the size limit).
    Final,
}

impl RetryPolicy {
    /// Never retries.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Attempts in all, the first included (at least 1). Going on to the
    /// next of several endpoints after a refused connection is not one:
    /// nothing was sent, and every attempt may try each endpoint once.
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first wait's upper bound; each later one doubles, up to `max`.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Also retry POST and PATCH: only for operations the caller knows to
    /// be safe to repeat.
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.non_idempotent = yes;
        self
    }

    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// Whether attempt number `attempt` (1-based), which failed with
    /// `failure`, may be followed by another.
    pub fn should_retry(&self, method: &http::Method, failure: Failure, attempt: u32) -> bool {
        if attempt >= self.max_attempts {
            return false;
        }
        let repeatable = self.non_idempotent || is_idempotent(method);
        match failure {
            Failure::Connect => true,
            Failure::AfterSending => repeatable,
            Failure::Status(status) => repeatable && is_retryable_status(status),
            Failure::Final => false,
        }
    }

    /// The wait before attempt `attempt + 1`: the server's `Retry-After` if
    /// it sent one, else a random time up to `initial * 2^(attempt-1)`,
    /// capped (full jitter spreads out clients that failed together).
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            return wait;
        }
        let doublings = attempt.saturating_sub(1).min(31);
        let ceiling = self
            .initial_backoff
            .saturating_mul(1 << doublings)
            .min(self.max_backoff);
        ceiling.mul_f64(fastrand::f64())
    }
}

/// Methods the HTTP semantics define as safe to repeat.
pub fn is_idempotent(method: &http::Method) -> bool {
    matches!(
        *method,
        http::Method::GET
            | http::Method::PUT
            | http::Method::DELETE
            | http::Method::HEAD
            | http::Method::OPTIONS
    )
}

/// Too many requests, or a gateway or the service briefly unavailable.
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

/// `Retry-After` as a wait: delay-seconds, or an HTTP date (a date in the
/// past means now). An unreadable value is ignored.
pub fn retry_after(headers: &http::HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::Method;

    #[test]
    fn which_failures_are_retried() {
        let policy = RetryPolicy::default();
        let table = [
            (Method::GET, Failure::Status(503), true),
            (Method::GET, Failure::Status(429), true),
            (Method::PUT, Failure::Status(502), true),
            (Method::DELETE, Failure::Status(504), true),
            (Method::GET, Failure::Status(500), false),
            (Method::GET, Failure::Status(404), false),
            (Method::GET, Failure::AfterSending, true),
            (Method::POST, Failure::Status(503), false),
            (Method::POST, Failure::AfterSending, false),
            (Method::PATCH, Failure::Status(429), false),
            (Method::POST, Failure::Connect, true),
            (Method::GET, Failure::Final, false),
        ];
        for (method, failure, expected) in table {
            assert_eq!(
                policy.should_retry(&method, failure, 1),
                expected,
                "{method} {failure:?}"
            );
        }
        let opted_in = RetryPolicy::default().retry_non_idempotent(true);
        assert!(opted_in.should_retry(&Method::POST, Failure::Status(503), 1));
        assert!(opted_in.should_retry(&Method::PATCH, Failure::AfterSending, 2));
    }

    #[test]
    fn attempts_are_bounded() {
        let policy = RetryPolicy::default().with_max_attempts(2);
        assert!(policy.should_retry(&Method::GET, Failure::Connect, 1));
        assert!(!policy.should_retry(&Method::GET, Failure::Connect, 2));
        assert!(!RetryPolicy::none().should_retry(&Method::GET, Failure::Connect, 1));
        assert_eq!(
            RetryPolicy::default().with_max_attempts(0).max_attempts(),
            1
        );
    }

    #[test]
    fn backoff_doubles_within_its_cap() {
        let policy = RetryPolicy::default()
            .with_backoff(Duration::from_millis(100), Duration::from_millis(350));
        for _ in 0..200 {
            assert!(policy.delay(1, None) <= Duration::from_millis(100));
            assert!(policy.delay(2, None) <= Duration::from_millis(200));
            assert!(policy.delay(3, None) <= Duration::from_millis(350));
            assert!(policy.delay(40, None) <= Duration::from_millis(350));
        }
        let wait = Duration::from_secs(7);
        assert_eq!(policy.delay(1, Some(wait)), wait);
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_507_200);
        let mut headers = http::HeaderMap::new();
        assert_eq!(retry_after(&headers, now), None);
        headers.insert("retry-after", "2".parse().unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(2)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(5));
        headers.insert("retry-after", later.parse().unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(5)));
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(5));
        headers.insert("retry-after", earlier.parse().unwrap());
        assert_eq!(retry_after(&headers, now), Some(Duration::ZERO));
        headers.insert("retry-after", "soon".parse().unwrap());
        assert_eq!(retry_after(&headers, now), None);
    }
}
