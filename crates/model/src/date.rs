//! Dates as blogs write them: RFC 3339 timestamps that keep their own time zone.
//!
//! A post published at 09:12 in Sydney shows "18 April, 2009" and "9:12 AM" wherever the
//! reader is, as it did on Blogger, so a [`DateTime`] keeps the wall-clock fields and the
//! offset exactly as written instead of converting to UTC.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Why a timestamp could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DateError {
    /// The text is not shaped like `YYYY-MM-DDTHH:MM:SS+HH:MM`.
    #[error("'{0}' is not an RFC 3339 timestamp like 2009-04-18T09:12:00+10:00")]
    Shape(String),
    /// A field is outside its range (month 13, 30 February, hour 24...).
    #[error("'{text}' has an impossible {field}")]
    Range { text: String, field: &'static str },
}

/// A moment as written in RFC 3339, with its own UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct DateTime {
    pub year: i32,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    /// Offset from UTC in minutes, east positive (`+10:00` is 600).
    pub offset_minutes: i16,
}

/// The English name of a month numbered 1 to 12 ("April"); "" outside that range.
pub fn month_name(month: u8) -> &'static str {
    MONTHS
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("")
}

/// Whether `year` is a leap year in the proleptic Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// How many days `month` has in `year`; 0 for a month outside 1 to 12.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Days since 1970-01-01 for a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a count of days since 1970-01-01.
fn civil_from_days(days: i64) -> (i32, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

fn digits(text: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = text.get(range)?;
    if part.bytes().all(|b| b.is_ascii_digit()) {
        part.parse().ok()
    } else {
        None
    }
}

impl DateTime {
    /// Reads an RFC 3339 timestamp: `2009-04-18T09:12:00+10:00`, `...Z`, with optional
    /// fractional seconds (dropped) and a space instead of `T`.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let shape = || DateError::Shape(text.to_string());
        let range = |field| DateError::Range {
            text: text.to_string(),
            field,
        };
        let b = text.as_bytes();
        if b.len() < 20
            || b[4] != b'-'
            || b[7] != b'-'
            || !matches!(b[10], b'T' | b't' | b' ')
            || b[13] != b':'
            || b[16] != b':'
        {
            return Err(shape());
        }
        let field = |r| digits(text, r).ok_or_else(shape);
        let year = field(0..4)? as i32;
        let month = field(5..7)? as u8;
        let day = field(8..10)? as u8;
        let hour = field(11..13)? as u8;
        let minute = field(14..16)? as u8;
        let second = field(17..19)? as u8;

        // Skip fractional seconds, then read the offset.
        let mut rest = &text[19..];
        if let Some(frac) = rest.strip_prefix('.') {
            let n = frac.bytes().take_while(u8::is_ascii_digit).count();
            if n == 0 {
                return Err(shape());
            }
            rest = &frac[n..];
        }
        let offset_minutes = match rest {
            "Z" | "z" => 0,
            _ => {
                let rb = rest.as_bytes();
                if rb.len() != 6 || !matches!(rb[0], b'+' | b'-') || rb[3] != b':' {
                    return Err(shape());
                }
                let oh = digits(rest, 1..3).ok_or_else(shape)?;
                let om = digits(rest, 4..6).ok_or_else(shape)?;
                if oh > 23 || om > 59 {
                    return Err(range("time zone offset"));
                }
                let total = (oh * 60 + om) as i16;
                if rb[0] == b'-' {
                    -total
                } else {
                    total
                }
            }
        };

        if !(1..=12).contains(&month) {
            return Err(range("month"));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(range("day"));
        }
        if hour > 23 {
            return Err(range("hour"));
        }
        if minute > 59 {
            return Err(range("minute"));
        }
        // 60 is a leap second; keep it readable rather than reject real-world data.
        if second > 60 {
            return Err(range("second"));
        }
        Ok(DateTime {
            year,
            month,
            day,
            hour,
            minute,
            second,
            offset_minutes,
        })
    }

    /// Seconds since the Unix epoch of this moment.
    pub fn unix_seconds(&self) -> i64 {
        let days = days_from_civil(self.year, self.month, self.day);
        days * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
            - i64::from(self.offset_minutes) * 60
    }

    /// The moment `unix` seconds after the epoch, written in UTC. Moments before the year
    /// 0 or after 9999 (a comment server's nonsense) are held at those years' ends.
    pub fn from_unix_seconds(unix: i64) -> Self {
        /// 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
        const FIRST: i64 = -62_167_219_200;
        const LAST: i64 = 253_402_300_799;
        let unix = unix.clamp(FIRST, LAST);
        let days = unix.div_euclid(86_400);
        let secs = unix.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        DateTime {
            year,
            month,
            day,
            hour: (secs / 3600) as u8,
            minute: (secs % 3600 / 60) as u8,
            second: (secs % 60) as u8,
            offset_minutes: 0,
        }
    }

    /// The moment `unix` seconds after the epoch, written at `offset_minutes` east of UTC
    /// (a reader's own time zone, say).
    pub fn from_unix_seconds_at(unix: i64, offset_minutes: i16) -> Self {
        DateTime {
            offset_minutes,
            ..Self::from_unix_seconds(unix.saturating_add(i64::from(offset_minutes) * 60))
        }
    }

    /// The date header Blogger's templates print: "18 April, 2009".
    pub fn long_date(&self) -> String {
        format!("{} {}, {}", self.day, month_name(self.month), self.year)
    }

    /// "April 2009", for month archive headings.
    pub fn month_year(&self) -> String {
        format!("{} {}", month_name(self.month), self.year)
    }

    /// The time of day as a post footer shows it: "9:12 AM".
    pub fn time_of_day(&self) -> String {
        let (h12, meridian) = match self.hour {
            0 => (12, "AM"),
            1..=11 => (self.hour, "AM"),
            12 => (12, "PM"),
            _ => (self.hour - 12, "PM"),
        };
        format!("{h12}:{:02} {meridian}", self.minute)
    }

    /// The `YYYY-MM-DD` date, for `<time datetime>` and sitemaps.
    pub fn ymd(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for DateTime {
    /// Writes RFC 3339 with the original offset (`Z` for UTC).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            self.ymd(),
            self.hour,
            self.minute,
            self.second
        )?;
        if self.offset_minutes == 0 {
            return f.write_str("Z");
        }
        let sign = if self.offset_minutes < 0 { '-' } else { '+' };
        let abs = self.offset_minutes.unsigned_abs();
        write!(f, "{sign}{:02}:{:02}", abs / 60, abs % 60)
    }
}

impl FromStr for DateTime {
    type Err = DateError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for DateTime {
    type Error = DateError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<DateTime> for String {
    fn from(d: DateTime) -> String {
        d.to_string()
    }
}

impl PartialOrd for DateTime {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTime {
    /// Orders by the moment, then by the written fields so that equal moments with
    /// different offsets still order consistently.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.unix_seconds()
            .cmp(&other.unix_seconds())
            .then(self.offset_minutes.cmp(&other.offset_minutes))
    }
}

/// How long ago `then` was, as a blog list shows it: "just now", "5 minutes ago",
/// "1 day ago", "3 weeks ago", "2 years ago". A time in the future reads "just now".
pub fn ago(then_unix: i64, now_unix: i64) -> String {
    let secs = now_unix.saturating_sub(then_unix);
    let (n, unit) = match secs {
        s if s < 60 => return "just now".to_string(),
        s if s < 3600 => (s / 60, "minute"),
        s if s < 86_400 => (s / 3600, "hour"),
        s if s < 7 * 86_400 => (s / 86_400, "day"),
        s if s < 30 * 86_400 => (s / (7 * 86_400), "week"),
        s if s < 365 * 86_400 => (s / (30 * 86_400), "month"),
        s => (s / (365 * 86_400), "year"),
    };
    format!("{} ago", crate::text::count(n as usize, unit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> DateTime {
        DateTime::parse(s).expect(s)
    }

    #[test]
    fn formats_the_seed_date_header() {
        let d = dt("2009-04-18T09:12:00+10:00");
        assert_eq!(d.long_date(), "18 April, 2009");
        assert_eq!(d.time_of_day(), "9:12 AM");
        assert_eq!(d.month_year(), "April 2009");
    }

    #[test]
    fn twelve_hour_clock_edges() {
        assert_eq!(dt("2009-04-18T00:05:00Z").time_of_day(), "12:05 AM");
        assert_eq!(dt("2009-04-18T12:00:00Z").time_of_day(), "12:00 PM");
        assert_eq!(dt("2009-04-18T23:59:00Z").time_of_day(), "11:59 PM");
    }

    #[test]
    fn round_trips_with_the_original_offset() {
        for s in [
            "2009-04-18T09:12:00+10:00",
            "2010-12-31T23:59:59Z",
            "2011-01-01T00:00:00-05:30",
        ] {
            assert_eq!(dt(s).to_string(), s);
        }
        assert_eq!(
            dt("2009-04-18t09:12:00.123z").to_string(),
            "2009-04-18T09:12:00Z"
        );
        assert_eq!(
            dt("2009-04-18 09:12:00+00:00").to_string(),
            "2009-04-18T09:12:00Z"
        );
    }

    #[test]
    fn unix_seconds_respects_the_offset() {
        assert_eq!(dt("1970-01-01T00:00:00Z").unix_seconds(), 0);
        assert_eq!(dt("1970-01-01T10:00:00+10:00").unix_seconds(), 0);
        assert_eq!(
            dt("2009-04-18T09:12:00+10:00").unix_seconds(),
            1_240_009_920
        );
        assert_eq!(
            DateTime::from_unix_seconds(1_240_009_920).to_string(),
            "2009-04-17T23:12:00Z"
        );
        assert_eq!(
            DateTime::from_unix_seconds(-1).to_string(),
            "1969-12-31T23:59:59Z"
        );
    }

    #[test]
    fn nonsense_moments_are_held_at_the_calendars_ends() {
        // Found by `cargo xtask fuzz` (json-readers): an Isso comment "created" at 1e300.
        assert_eq!(
            DateTime::from_unix_seconds_at(i64::MAX, 600).to_string(),
            "9999-12-31T23:59:59+10:00"
        );
        assert_eq!(DateTime::from_unix_seconds_at(i64::MIN, -720).year, 0);
    }

    #[test]
    fn orders_by_moment_not_by_text() {
        // 09:00 in Sydney is before 01:00 UTC the same day.
        assert!(dt("2009-04-18T09:00:00+10:00") < dt("2009-04-18T01:00:00Z"));
    }

    #[test]
    fn rejects_bad_shapes() {
        for s in [
            "",
            "2009-04-18",
            "18 April 2009",
            "2009/04/18T09:12:00Z",
            "2009-04-18T09:12:00",
            "2009-04-18T09:12:00+1000",
            "2009-04-18T09:12:00.Z",
            "2009-4-18T09:12:00Z",
            "２００９-04-18T09:12:00Z",
            "2009-04-18T09:12:00+10:00 trailing",
        ] {
            assert!(
                matches!(DateTime::parse(s), Err(DateError::Shape(_))),
                "{s:?}"
            );
        }
    }

    #[test]
    fn rejects_impossible_fields() {
        for (s, field) in [
            ("2009-13-01T00:00:00Z", "month"),
            ("2009-00-01T00:00:00Z", "month"),
            ("2009-02-29T00:00:00Z", "day"),
            ("2009-04-31T00:00:00Z", "day"),
            ("2009-04-18T24:00:00Z", "hour"),
            ("2009-04-18T23:60:00Z", "minute"),
            ("2009-04-18T23:00:61Z", "second"),
            ("2009-04-18T23:00:00+24:00", "time zone offset"),
        ] {
            assert_eq!(
                DateTime::parse(s),
                Err(DateError::Range {
                    text: s.into(),
                    field
                })
            );
        }
        assert!(DateTime::parse("2008-02-29T00:00:00Z").is_ok());
        assert!(DateTime::parse("2000-02-29T00:00:00Z").is_ok());
        assert!(DateTime::parse("1900-02-29T00:00:00Z").is_err());
    }

    #[test]
    fn ago_reads_like_a_blog_list() {
        let now = 1_000_000_000;
        assert_eq!(ago(now, now), "just now");
        assert_eq!(ago(now + 500, now), "just now");
        assert_eq!(ago(now - 60, now), "1 minute ago");
        assert_eq!(ago(now - 7200, now), "2 hours ago");
        assert_eq!(ago(now - 86_400, now), "1 day ago");
        assert_eq!(ago(now - 14 * 86_400, now), "2 weeks ago");
        assert_eq!(ago(now - 90 * 86_400, now), "3 months ago");
        assert_eq!(ago(now - 17 * 366 * 86_400, now), "17 years ago");
    }

    #[test]
    fn serde_uses_the_rfc3339_string() {
        let d: DateTime = serde_json::from_str("\"2009-04-18T09:12:00+10:00\"").unwrap();
        assert_eq!(
            serde_json::to_string(&d).unwrap(),
            "\"2009-04-18T09:12:00+10:00\""
        );
        assert!(serde_json::from_str::<DateTime>("\"yesterday\"").is_err());
    }
}
