//! What `accept` and `reject` share when they act on many invitations: reading the ids (`-`
//! reads them from stdin), one progress line on stderr, and one exit status for all of them.

use std::io::{BufRead, IsTerminal, Write};

use super::{CommandResult, Failure};

/// The ids to act on, in order and without repeats. `-` stands for the lines of `stdin`
/// (blank lines and `#` comments skipped).
pub fn read_ids(args: &[String], stdin: &mut dyn BufRead) -> Result<Vec<String>, Failure> {
    let mut ids: Vec<String> = Vec::new();
    let mut push = |id: &str| {
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    };
    for arg in args {
        if arg == "-" {
            for line in stdin.lines() {
                let line =
                    line.map_err(|e| Failure::Usage(format!("cannot read ids from stdin: {e}")))?;
                let id = line.trim();
                if !id.is_empty() && !id.starts_with('#') {
                    push(id);
                }
            }
        } else if !arg.trim().is_empty() {
            push(arg.trim());
        }
    }
    if ids.is_empty() {
        return Err(Failure::BadInput("no invitation ids given".into()));
    }
    Ok(ids)
}

/// One line on stderr that counts the work done, e.g. `Rejecting 3/12…`. Drawn only when
/// stderr is a terminal, and only for more than one id.
pub struct Progress {
    verb: &'static str,
    total: usize,
    shown: bool,
}

impl Progress {
    pub fn new(verb: &'static str, total: usize) -> Self {
        Progress {
            verb,
            total,
            shown: total > 1 && std::io::stderr().is_terminal(),
        }
    }

    /// Shows that the `n`th item (from 1) is under way.
    pub fn at(&self, n: usize) {
        if self.shown {
            eprint!("\r\x1b[2K{} {n}/{}…", self.verb, self.total);
            let _ = std::io::stderr().flush();
        }
    }

    /// Clears the line.
    pub fn done(&self) {
        if self.shown {
            eprint!("\r\x1b[2K");
        }
    }
}

/// The failures among many ids, and the exit status they make.
pub struct Tally {
    verb: &'static str,
    total: usize,
    failures: Vec<(String, Failure)>,
}

impl Tally {
    pub fn new(verb: &'static str, total: usize) -> Self {
        Tally {
            verb,
            total,
            failures: Vec::new(),
        }
    }

    /// Records that acting on `id` failed.
    pub fn fail(&mut self, id: &str, failure: Failure) {
        self.failures.push((id.to_string(), failure));
    }

    /// Ok when nothing failed. One id's failure is returned as it is; with several ids each
    /// failure is written to stderr and the status is the gravest: a failed task (3), then a
    /// service or usage error (1), then bad input (2).
    pub fn finish(mut self) -> CommandResult {
        if self.failures.is_empty() {
            return Ok(());
        }
        if self.total == 1 {
            return Err(self.failures.remove(0).1);
        }
        for (id, failure) in &self.failures {
            eprintln!("pc-inbox: {id}: {failure}");
        }
        let summary = format!(
            "{} of {} {} failed",
            self.failures.len(),
            self.total,
            self.verb
        );
        let any = |f: fn(&Failure) -> bool| self.failures.iter().any(|(_, x)| f(x));
        Err(if any(|f| matches!(f, Failure::TaskFailed(_))) {
            Failure::TaskFailed(summary)
        } else if any(|f| matches!(f, Failure::Service(_) | Failure::Usage(_))) {
            Failure::Usage(summary)
        } else {
            Failure::BadInput(summary)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(args: &[&str], stdin: &str) -> Result<Vec<String>, Failure> {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        read_ids(&args, &mut stdin.as_bytes())
    }

    #[test]
    fn ids_come_from_arguments_and_stdin_in_order_without_repeats() {
        let got = ids(&["a", "-", "b", "a"], "c\n\n  # a comment\n b \nd\n").unwrap();
        assert_eq!(got, ["a", "c", "b", "d"]);
        assert!(matches!(
            ids(&["-"], "\n# none\n"),
            Err(Failure::BadInput(_))
        ));
    }

    #[test]
    fn the_gravest_failure_sets_the_exit_status() {
        let code = |failures: Vec<Failure>| {
            let mut tally = Tally::new("rejects", 3);
            for f in failures {
                tally.fail("engi-x", f);
            }
            tally.finish().err().map(|f| f.exit_code())
        };
        use std::process::ExitCode;
        assert_eq!(code(vec![]), None);
        assert_eq!(
            code(vec![
                Failure::BadInput("x".into()),
                Failure::Usage("y".into())
            ]),
            Some(ExitCode::from(1))
        );
        assert_eq!(
            code(vec![
                Failure::Usage("y".into()),
                Failure::TaskFailed("z".into())
            ]),
            Some(ExitCode::from(3))
        );
        let mut one = Tally::new("rejects", 1);
        one.fail("engi-x", Failure::BadInput("as it was".into()));
        assert!(matches!(one.finish(), Err(Failure::BadInput(m)) if m == "as it was"));
    }
}
