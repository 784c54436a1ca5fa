//! The expiry times the metadata service and IAM write: RFC 3339 in UTC
//! (`2026-12-07T10:00:00.000000Z`), or with an offset (`+08:00`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// `text` as a point in time, or `None` when it is not an RFC 3339 date
/// and time (fractions of a second are read and dropped).
pub(crate) fn parse_rfc3339(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let (date, rest) = text.split_once(['T', 't', ' '])?;
    let mut date = date.splitn(3, '-');
    let year: i64 = number(date.next()?, 4)?;
    let month: i64 = number(date.next()?, 2)?;
    let day: i64 = number(date.next()?, 2)?;
    let (time, offset_seconds) = match rest.strip_suffix(['Z', 'z']) {
        Some(time) => (time, 0),
        None => {
            let sign_at = rest.rfind(['+', '-'])?;
            let (time, offset) = rest.split_at(sign_at);
            let sign = if offset.starts_with('-') { -1 } else { 1 };
            let (hours, minutes) = offset[1..].split_once(':')?;
            let seconds = number(hours, 2)? * 3600 + number(minutes, 2)? * 60;
            (time, sign * seconds)
        }
    };
    let time = time.split('.').next()?;
    let mut time = time.splitn(3, ':');
    let hour: i64 = number(time.next()?, 2)?;
    let minute: i64 = number(time.next()?, 2)?;
    let second: i64 = number(time.next()?, 2)?;
    let valid = (1..=12).contains(&month)
        && (1..=31).contains(&day)
        && hour < 24
        && minute < 60
        && second <= 60;
    if !valid {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        - offset_seconds;
    u64::try_from(seconds)
        .ok()
        .map(|s| UNIX_EPOCH + Duration::from_secs(s))
}

/// A field of exactly `digits` ASCII digits.
fn number(field: &str, digits: usize) -> Option<i64> {
    (field.len() == digits && field.bytes().all(|b| b.is_ascii_digit()))
        .then(|| field.parse().ok())
        .flatten()
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_times() {
        let at =
            |s: &str| parse_rfc3339(s).map(|t| t.duration_since(UNIX_EPOCH).unwrap().as_secs());
        let table = [
            ("1970-01-01T00:00:00Z", Some(0)),
            ("2026-12-07T10:00:00.000000Z", Some(1_796_637_600)),
            ("2026-12-07T18:00:00+08:00", Some(1_796_637_600)),
            ("2026-12-07T09:30:00-00:30", Some(1_796_637_600)),
            ("2000-02-29T12:00:00Z", Some(951_825_600)),
            ("2026-13-01T00:00:00Z", None),
            ("2026-12-07", None),
            ("yesterday", None),
            ("", None),
            ("1969-12-31T23:59:59Z", None),
        ];
        for (text, expected) in table {
            assert_eq!(at(text), expected, "{text}");
        }
    }
}
