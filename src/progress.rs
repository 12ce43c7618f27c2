//! Progress on stderr while a run reads its inputs: on a terminal an indicatif bar with the
//! bytes read of the known total input size, percentage, rate and time left; when stderr is
//! not a terminal (a log file, a notebook's `!elpipe ...`) one plain line at most every
//! [`PLAIN_INTERVAL`]. Write errors on a closed stderr are ignored.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// The shortest time between two plain progress lines.
pub(crate) const PLAIN_INTERVAL: Duration = Duration::from_secs(10);

/// How progress is shown.
pub(crate) enum Progress {
    Hidden,
    Bar(indicatif::ProgressBar),
    Plain {
        total: u64,
        started: Instant,
        last: Instant,
    },
}

impl Progress {
    /// Progress over `total` bytes of input as stored (0 when unknown, e.g. stdin).
    pub(crate) fn new(show: bool, total: u64) -> Progress {
        if !show {
            return Progress::Hidden;
        }
        if !std::io::stderr().is_terminal() {
            let now = Instant::now();
            return Progress::Plain {
                total,
                started: now,
                last: now,
            };
        }
        let bar = if total > 0 {
            let bar = indicatif::ProgressBar::new(total);
            let style = indicatif::ProgressStyle::with_template(
                "{bar:30} {bytes}/{total_bytes} {percent}% {bytes_per_sec} {eta} left · {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        } else {
            indicatif::ProgressBar::new_spinner()
        };
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        bar.enable_steady_tick(Duration::from_millis(200));
        Progress::Bar(bar)
    }

    /// Reports `read` bytes of input read and the documents written so far.
    pub(crate) fn update(&mut self, read: u64, documents: usize) {
        match self {
            Progress::Hidden => {}
            Progress::Bar(bar) => {
                bar.set_position(read);
                bar.set_message(format!("{documents} documents"));
            }
            Progress::Plain {
                total,
                started,
                last,
            } => {
                if last.elapsed() < PLAIN_INTERVAL {
                    return;
                }
                *last = Instant::now();
                let line = plain_line(read, *total, documents, started.elapsed());
                let _ = writeln!(std::io::stderr(), "elpipe: {line}");
            }
        }
    }

    /// Removes the bar.
    pub(crate) fn finish(&self) {
        if let Progress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// `12.3 MB of 50.0 MB (24%), 1234 documents, 2.1 MB/s, about 18 s left`.
fn plain_line(read: u64, total: u64, documents: usize, elapsed: Duration) -> String {
    let mb = |bytes: u64| bytes as f64 / 1e6;
    let seconds = elapsed.as_secs_f64().max(1e-3);
    let rate = read as f64 / seconds;
    if total == 0 {
        return format!(
            "{:.1} MB read, {documents} documents, {:.1} MB/s",
            mb(read),
            rate / 1e6
        );
    }
    let percent = (read as f64 * 100.0 / total as f64).min(100.0);
    let left = if rate > 0.0 {
        (total.saturating_sub(read)) as f64 / rate
    } else {
        0.0
    };
    format!(
        "{:.1} MB of {:.1} MB ({percent:.0}%), {documents} documents, {:.1} MB/s, about {left:.0} s left",
        mb(read),
        mb(total),
        rate / 1e6
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_line_gives_share_rate_and_time_left() {
        let line = plain_line(25_000_000, 100_000_000, 40, Duration::from_secs(10));
        assert_eq!(
            line,
            "25.0 MB of 100.0 MB (25%), 40 documents, 2.5 MB/s, about 30 s left"
        );
        let unknown = plain_line(5_000_000, 0, 3, Duration::from_secs(5));
        assert_eq!(unknown, "5.0 MB read, 3 documents, 1.0 MB/s");
    }
}
