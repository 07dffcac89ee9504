// Hand-written runtime of the generated crate; codegen copies it verbatim into crates it generates elsewhere.
//! SuperOffice date-times, kept exactly as the server wrote them.
//!
//! The WebAPI (a .NET service) sends date-times in several shapes: with a
//! numeric offset (`2004-09-26T18:25:50.1305954+02:00`), in UTC with `Z`, or
//! without any offset (`2004-09-26T18:25:50`, meaning "server local"), with 0
//! to 7 fractional digits. Converting them all to one chrono type would lose
//! which shape was sent, and entities sent back (e.g. after a `GET`, edit,
//! `PUT` cycle) would change in ways the server may treat differently.
//! [`DateTime`] therefore remembers the shape and writes back the very same
//! string.

use std::fmt;
use std::str::FromStr;

use chrono::{
    Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone as _, Timelike, Utc,
};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::path::PathValue;
use super::percent::push_component;
use super::query::QueryValue;

/// How the offset was written, so it can be written the same way again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Zone {
    /// No offset: the value is in the server's local time.
    Unspecified,
    /// `Z`.
    Utc,
    /// `+HH:MM` / `-HH:MM`.
    Offset(FixedOffset),
    /// `-00:00` (RFC 3339's "offset unknown", an instant in UTC).
    NegativeZero,
}

/// A SuperOffice date-time (or date) that serializes back to exactly the
/// string it was parsed from.
///
/// Accepted forms (`YYYY` is 0000–9999):
/// - `YYYY-MM-DDThh:mm:ss` — no offset (server local time),
/// - optionally followed by `.` and 1–9 fractional digits,
/// - optionally followed by `Z` or `+hh:mm`/`-hh:mm`,
/// - or a plain date `YYYY-MM-DD`.
///
/// Equality and hashing compare the representation, not the instant:
/// `...T10:00:00Z` and `...T12:00:00+02:00` differ. Compare
/// [`DateTime::to_fixed_offset`] results to compare instants.
///
/// [`Default`] is `0001-01-01T00:00:00`, which SuperOffice uses for "no date".
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTime {
    naive: NaiveDateTime,
    zone: Zone,
    fractional_digits: u8,
    date_only: bool,
}

/// A string that is not one of the date-time forms [`DateTime`] accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date-time {input:?}: expected e.g. 2004-09-26T18:25:50.1305954+02:00")]
pub struct ParseDateTimeError {
    input: String,
}

impl ParseDateTimeError {
    /// The rejected input.
    pub fn input(&self) -> &str {
        &self.input
    }
}

/// Reads a fixed-width run of ASCII digits.
fn number(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(bytes.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
}

fn parse_zone(rest: &[u8]) -> Option<Zone> {
    match rest {
        [] => Some(Zone::Unspecified),
        [b'Z'] => Some(Zone::Utc),
        [sign @ (b'+' | b'-'), hh @ .., b':', m1, m2] if hh.len() == 2 => {
            let hours = number(hh)?;
            let minutes = number(&[*m1, *m2])?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = i32::try_from(hours * 3600 + minutes * 60).ok()?;
            match (*sign, seconds) {
                (b'-', 0) => Some(Zone::NegativeZero),
                (b'-', s) => FixedOffset::west_opt(s).map(Zone::Offset),
                (_, s) => FixedOffset::east_opt(s).map(Zone::Offset),
            }
        }
        _ => None,
    }
}

fn parse(s: &str) -> Option<DateTime> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(number(&b[0..4])?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..10])?)?;
    if b.len() == 10 {
        return Some(DateTime::from_date(date));
    }
    if b.len() < 19 || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (hour, minute, second) = (
        number(&b[11..13])?,
        number(&b[14..16])?,
        number(&b[17..19])?,
    );
    let mut rest = &b[19..];
    let mut nanos = 0;
    let mut fractional_digits = 0u8;
    if let [b'.', tail @ ..] = rest {
        let count = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if count == 0 || count > 9 {
            return None;
        }
        nanos = number(&tail[..count])? * 10u32.pow(9 - count as u32);
        fractional_digits = count as u8;
        rest = &tail[count..];
    }
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    Some(DateTime {
        naive: date.and_time(time),
        zone: parse_zone(rest)?,
        fractional_digits,
        date_only: false,
    })
}

/// The fewest fractional digits that represent `nanos` exactly.
fn digits_needed(nanos: u32) -> u8 {
    let padded = format!("{nanos:09}");
    padded.trim_end_matches('0').len() as u8
}

impl DateTime {
    /// Parses one of the accepted forms (see the type docs).
    pub fn parse(s: &str) -> Result<Self, ParseDateTimeError> {
        parse(s).ok_or_else(|| ParseDateTimeError {
            input: s.to_owned(),
        })
    }

    /// A date-time without offset (server local time), written with as many
    /// fractional digits as needed (none for whole seconds).
    pub fn from_naive(naive: NaiveDateTime) -> Self {
        let nanos = naive.nanosecond() % 1_000_000_000;
        DateTime {
            naive: naive.with_nanosecond(nanos).unwrap_or(naive),
            zone: Zone::Unspecified,
            fractional_digits: digits_needed(nanos),
            date_only: false,
        }
    }

    /// A date-time with a numeric offset (`+hh:mm`), in the offset's local time.
    pub fn from_fixed(value: chrono::DateTime<FixedOffset>) -> Self {
        DateTime {
            zone: Zone::Offset(*value.offset()),
            ..Self::from_naive(value.naive_local())
        }
    }

    /// A UTC date-time, written with `Z`.
    pub fn from_utc(value: chrono::DateTime<Utc>) -> Self {
        DateTime {
            zone: Zone::Utc,
            ..Self::from_naive(value.naive_utc())
        }
    }

    /// A plain date, written as `YYYY-MM-DD`.
    pub fn from_date(date: NaiveDate) -> Self {
        DateTime {
            naive: date.and_time(NaiveTime::MIN),
            zone: Zone::Unspecified,
            fractional_digits: 0,
            date_only: true,
        }
    }

    /// The same value written with `digits` fractional digits (at most 9),
    /// truncating finer precision; e.g. 7 to match .NET's tick precision.
    pub fn with_fractional_digits(self, digits: u8) -> Self {
        let digits = digits.min(9);
        let unit = 10u32.pow(9 - u32::from(digits));
        let nanos = self.naive.nanosecond() / unit * unit;
        DateTime {
            naive: self.naive.with_nanosecond(nanos).unwrap_or(self.naive),
            fractional_digits: if self.date_only { 0 } else { digits },
            ..self
        }
    }

    /// The wall-clock date and time as written, ignoring any offset
    /// (midnight for a plain date).
    pub fn naive_local(&self) -> NaiveDateTime {
        self.naive
    }

    /// The offset the server sent: `None` when there was none (local time
    /// or plain date), UTC for `Z` and `-00:00`.
    pub fn offset(&self) -> Option<FixedOffset> {
        match self.zone {
            Zone::Unspecified => None,
            Zone::Utc | Zone::NegativeZero => FixedOffset::east_opt(0),
            Zone::Offset(offset) => Some(offset),
        }
    }

    /// The instant with its offset, when an offset was sent.
    pub fn to_fixed_offset(&self) -> Option<chrono::DateTime<FixedOffset>> {
        self.offset()?.from_local_datetime(&self.naive).single()
    }

    /// The instant in UTC, when an offset was sent.
    pub fn to_utc(&self) -> Option<chrono::DateTime<Utc>> {
        self.to_fixed_offset().map(|dt| dt.with_timezone(&Utc))
    }

    /// How many fractional-second digits are written (0–9).
    pub fn fractional_digits(&self) -> u8 {
        self.fractional_digits
    }

    /// `true` for a plain date (`YYYY-MM-DD`).
    pub fn is_date_only(&self) -> bool {
        self.date_only
    }

    /// `true` for SuperOffice's "no date" value, midnight of 0001-01-01
    /// (with or without offset).
    pub fn is_unset(&self) -> bool {
        self.naive == DateTime::default().naive
    }
}

impl Default for DateTime {
    fn default() -> Self {
        let naive = NaiveDate::from_ymd_opt(1, 1, 1)
            .map(|d| d.and_time(NaiveTime::MIN))
            .unwrap_or_default();
        DateTime::from_naive(naive)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (d, t) = (self.naive.date(), self.naive.time());
        write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day())?;
        if self.date_only {
            return Ok(());
        }
        write!(f, "T{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())?;
        if self.fractional_digits > 0 {
            let digits = u32::from(self.fractional_digits.min(9));
            let scaled = (t.nanosecond() % 1_000_000_000) / 10u32.pow(9 - digits);
            write!(f, ".{scaled:0width$}", width = digits as usize)?;
        }
        match self.zone {
            Zone::Unspecified => Ok(()),
            Zone::Utc => f.write_str("Z"),
            Zone::NegativeZero => f.write_str("-00:00"),
            Zone::Offset(offset) => {
                let seconds = offset.local_minus_utc();
                let sign = if seconds < 0 { '-' } else { '+' };
                let minutes = seconds.unsigned_abs() / 60;
                write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
            }
        }
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTime({self})")
    }
}

impl FromStr for DateTime {
    type Err = ParseDateTimeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DateTime::parse(s)
    }
}

impl From<NaiveDateTime> for DateTime {
    fn from(value: NaiveDateTime) -> Self {
        DateTime::from_naive(value)
    }
}

impl From<NaiveDate> for DateTime {
    fn from(value: NaiveDate) -> Self {
        DateTime::from_date(value)
    }
}

impl From<chrono::DateTime<FixedOffset>> for DateTime {
    fn from(value: chrono::DateTime<FixedOffset>) -> Self {
        DateTime::from_fixed(value)
    }
}

impl From<chrono::DateTime<Utc>> for DateTime {
    fn from(value: chrono::DateTime<Utc>) -> Self {
        DateTime::from_utc(value)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

struct DateTimeVisitor;

impl Visitor<'_> for DateTimeVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date-time string such as 2004-09-26T18:25:50.1305954+02:00")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime, E> {
        DateTime::parse(v).map_err(E::custom)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(DateTimeVisitor)
    }
}

impl PathValue for DateTime {
    fn write_path(&self, out: &mut String) {
        push_component(out, &self.to_string());
    }
}

impl QueryValue for DateTime {
    fn write_query(&self, out: &mut String) {
        push_component(out, &self.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(s: &str) -> DateTime {
        let dt: DateTime = s.parse().unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(dt.to_string(), s);
        let json = format!("\"{s}\"");
        let from_json: DateTime = serde_json::from_str(&json).unwrap();
        assert_eq!(serde_json::to_string(&from_json).unwrap(), json);
        dt
    }

    #[test]
    fn sample_with_seven_digits_and_offset() {
        let dt = round_trip("2004-09-26T18:25:50.1305954+02:00");
        assert_eq!(dt.offset(), FixedOffset::east_opt(2 * 3600));
        assert_eq!(dt.fractional_digits(), 7);
        assert_eq!(dt.naive_local().nanosecond(), 130_595_400);
        assert_eq!(
            dt.to_utc().unwrap().to_rfc3339(),
            "2004-09-26T16:25:50.130595400+00:00"
        );
    }

    #[test]
    fn every_fraction_length_round_trips() {
        let all = "123456789";
        for n in 0..=9 {
            let s = if n == 0 {
                "2004-09-26T18:25:50+02:00".to_owned()
            } else {
                format!("2004-09-26T18:25:50.{}+02:00", &all[..n])
            };
            assert_eq!(round_trip(&s).fractional_digits(), n as u8);
        }
        // Trailing zeros are significant for the round trip.
        round_trip("2004-09-26T18:25:50.1000000");
        round_trip("2004-09-26T18:25:50.0");
    }

    #[test]
    fn zone_forms_are_kept() {
        let z = round_trip("2004-09-26T18:25:50Z");
        assert_eq!(z.offset(), FixedOffset::east_opt(0));
        let local = round_trip("2004-09-26T18:25:50");
        assert_eq!(local.offset(), None);
        assert_eq!(local.to_fixed_offset(), None);
        assert_eq!(local.naive_local().to_string(), "2004-09-26 18:25:50");
        assert_eq!(
            round_trip("2004-09-26T18:25:50.12-05:30").offset(),
            FixedOffset::west_opt(5 * 3600 + 30 * 60)
        );
        assert_eq!(
            round_trip("2004-09-26T18:25:50+00:00").offset(),
            FixedOffset::east_opt(0)
        );
        assert_eq!(
            round_trip("2004-09-26T18:25:50-00:00").offset(),
            FixedOffset::east_opt(0)
        );
        assert_ne!(
            DateTime::parse("2004-09-26T18:25:50Z").unwrap(),
            DateTime::parse("2004-09-26T18:25:50+00:00").unwrap()
        );
    }

    #[test]
    fn dates_and_defaults() {
        let d = round_trip("2004-09-26");
        assert!(d.is_date_only());
        assert_eq!(d.naive_local().to_string(), "2004-09-26 00:00:00");
        let none = DateTime::default();
        assert_eq!(none.to_string(), "0001-01-01T00:00:00");
        assert!(none.is_unset());
        assert!(round_trip("0001-01-01T00:00:00").is_unset());
    }

    #[test]
    fn invalid_values_are_errors_not_panics() {
        for bad in [
            "",
            "2004",
            "2004-13-01T00:00:00",
            "2004-02-30T00:00:00",
            "2004-09-26T25:00:00",
            "2004-09-26T18:25",
            "2004-09-26 18:25:50",
            "2004-09-26T18:25:50.",
            "2004-09-26T18:25:50.1234567890",
            "2004-09-26T18:25:50+2:00",
            "2004-09-26T18:25:50+02:00x",
            "2004-09-26T18:25:50+24:00",
            "2004-09-26T18:25:50z",
            "20a4-09-26T18:25:50",
            "2004-09-26T18:25:5é",
            "２００４-09-26",
        ] {
            assert!(DateTime::parse(bad).is_err(), "{bad:?} accepted");
            let json = serde_json::to_string(bad).unwrap();
            assert!(serde_json::from_str::<DateTime>(&json).is_err());
        }
        assert!(serde_json::from_str::<DateTime>("12").is_err());
        assert_eq!(
            DateTime::parse("x").unwrap_err().to_string(),
            "invalid date-time \"x\": expected e.g. 2004-09-26T18:25:50.1305954+02:00"
        );
    }

    #[test]
    fn constructors_from_chrono() {
        let fixed = chrono::DateTime::parse_from_rfc3339("2004-09-26T18:25:50.5+02:00").unwrap();
        assert_eq!(
            DateTime::from(fixed).to_string(),
            "2004-09-26T18:25:50.5+02:00"
        );
        assert_eq!(DateTime::from(fixed).to_fixed_offset(), Some(fixed));
        let utc = fixed.with_timezone(&Utc);
        assert_eq!(DateTime::from(utc).to_string(), "2004-09-26T16:25:50.5Z");
        assert_eq!(
            DateTime::from(fixed.naive_local()).to_string(),
            "2004-09-26T18:25:50.5"
        );
        assert_eq!(DateTime::from(fixed.date_naive()).to_string(), "2004-09-26");
        assert_eq!(
            DateTime::from(utc).with_fractional_digits(7).to_string(),
            "2004-09-26T16:25:50.5000000Z"
        );
        assert_eq!(
            DateTime::parse("2004-09-26T18:25:50.1305954")
                .unwrap()
                .with_fractional_digits(2)
                .to_string(),
            "2004-09-26T18:25:50.13"
        );
    }

    #[test]
    fn usable_in_paths_and_queries() {
        let dt = DateTime::parse("2004-09-26T18:25:50+02:00").unwrap();
        let mut path = String::new();
        dt.write_path(&mut path);
        assert_eq!(path, "2004-09-26T18%3A25%3A50%2B02%3A00");
        let mut query = String::new();
        dt.write_query(&mut query);
        assert_eq!(query, path);
    }
}
