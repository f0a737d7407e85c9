//! Summaries of repeated measurements.

/// The minimum, median, 95th percentile and maximum of some samples.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub min: f64,
    pub median: f64,
    pub p95: f64,
    pub max: f64,
    pub n: usize,
}

impl Spread {
    /// The spread of `samples`; `None` if there are none.
    pub fn of(samples: &[f64]) -> Option<Spread> {
        let mut sorted: Vec<f64> = samples.iter().copied().filter(|s| s.is_finite()).collect();
        if sorted.is_empty() {
            return None;
        }
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        // Nearest-rank percentiles.
        let rank = |p: f64| sorted[((p * n as f64).ceil() as usize).clamp(1, n) - 1];
        Some(Spread {
            min: sorted[0],
            median: if n % 2 == 1 {
                sorted[n / 2]
            } else {
                (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
            },
            p95: rank(0.95),
            max: sorted[n - 1],
            n,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Spread;

    #[test]
    fn spreads() {
        let s = Spread::of(&[5.0, 1.0, 3.0]).unwrap();
        assert_eq!(
            (s.min, s.median, s.p95, s.max, s.n),
            (1.0, 3.0, 5.0, 5.0, 3)
        );
        let s = Spread::of(&(1..=100).map(f64::from).collect::<Vec<_>>()).unwrap();
        assert_eq!((s.median, s.p95), (50.5, 95.0));
        assert_eq!(Spread::of(&[f64::NAN]), None);
    }
}
