//! The signals that end the inbox: each one is caught, so the terminal is restored and local
//! state written before the process exits with the shell's code for it.

use futures::{Stream, StreamExt};
use tokio::signal::unix::{signal, SignalKind};

/// A catchable signal that ends the inbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// SIGHUP: the terminal went away.
    Hangup,
    /// SIGINT sent from outside (Ctrl-c typed in the inbox is a key, not this).
    Interrupt,
    /// SIGQUIT.
    Quit,
    /// SIGTERM.
    Terminate,
}

impl Signal {
    /// Every signal the inbox catches.
    pub const ALL: [Signal; 4] = [
        Signal::Hangup,
        Signal::Interrupt,
        Signal::Quit,
        Signal::Terminate,
    ];

    fn kind(self) -> SignalKind {
        match self {
            Signal::Hangup => SignalKind::hangup(),
            Signal::Interrupt => SignalKind::interrupt(),
            Signal::Quit => SignalKind::quit(),
            Signal::Terminate => SignalKind::terminate(),
        }
    }

    /// The conventional exit code of a process ended by this signal: 128 + its number.
    pub fn exit_code(self) -> u8 {
        let number = u8::try_from(self.kind().as_raw_value()).expect("signal numbers are small");
        128 + number
    }
}

/// Every signal of [`Signal::ALL`], as one stream. Installing the handlers replaces the default
/// action (ending the process on the spot) for the rest of the process's life.
pub fn termination_signals() -> std::io::Result<impl Stream<Item = Signal> + Unpin> {
    let streams =
        Signal::ALL
            .into_iter()
            .map(|which| {
                let caught = signal(which.kind())?;
                let stream = futures::stream::unfold(caught, |mut s| async move {
                    s.recv().await.map(|()| ((), s))
                });
                Ok(Box::pin(stream.map(move |()| which)))
            })
            .collect::<std::io::Result<Vec<_>>>()?;
    Ok(futures::stream::select_all(streams))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_shell_convention() {
        let codes: Vec<u8> = Signal::ALL.iter().map(|s| s.exit_code()).collect();
        assert_eq!(codes, [129, 130, 131, 143]);
    }
}
