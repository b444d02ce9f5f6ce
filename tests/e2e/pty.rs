//! Drives the real `pc-inbox` binary in a pseudo-terminal and reads its screen with vt100.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, Child, CommandBuilder, MasterPty, PtySize};
use serde_json::Value;

/// How long any one screen condition may take to appear.
const WAIT: Duration = Duration::from_secs(30);

/// A running pc-inbox in a pseudo-terminal, with a private home directory.
pub struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    _home: Option<tempfile::TempDir>,
}

impl Tui {
    /// Starts `pc-inbox ARGS` at `cols`×`rows` with HOME and XDG dirs in a temp dir.
    pub fn start(args: &[&str], cols: u16, rows: u16) -> Self {
        let home = tempfile::tempdir().unwrap();
        let mut tui = Self::start_in(home.path(), args, cols, rows);
        tui._home = Some(home);
        tui
    }

    /// Like `start`, in a given home directory (to see what an earlier run left there).
    pub fn start_in(home: &std::path::Path, args: &[&str], cols: u16, rows: u16) -> Self {
        Self::start_in_env(home, args, &[], cols, rows)
    }

    /// Like `start`, with environment variables set (credentials for an emulator of the test's).
    pub fn start_env(args: &[&str], env: &[(&str, &str)], cols: u16, rows: u16) -> Self {
        let home = tempfile::tempdir().unwrap();
        let mut tui = Self::start_in_env(home.path(), args, env, cols, rows);
        tui._home = Some(home);
        tui
    }

    /// Like `start_in`, with environment variables set.
    pub fn start_in_env(
        home: &std::path::Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> Self {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_pc-inbox"));
        cmd.args(args);
        cmd.env_clear();
        cmd.env("PATH", std::env::var("PATH").unwrap_or_default());
        cmd.env("TERM", "xterm-256color");
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_STATE_HOME", home.join("state"));
        cmd.env("TZ", "UTC");
        for (name, value) in env {
            cmd.env(name, value);
        }
        cmd.cwd(home);
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let sink = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().unwrap();
        Tui {
            parser,
            writer,
            child,
            _master: pair.master,
            _home: None,
        }
    }

    /// Presses `q` and checks that pc-inbox exits.
    pub fn quit(&mut self) {
        self.send("q");
        assert_eq!(self.wait_exit(), 0, "pc-inbox quits on q");
    }

    /// Accepts the selected invitation through the confirmation.
    pub fn accept_selected(&mut self) {
        self.send("a");
        self.wait_text("Accept invitation?");
        self.send("y");
    }

    /// Types keys (raw bytes: `"j"`, `"\x1b"` for Esc, `"\r"` for Enter).
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// The screen's text.
    pub fn text(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until `ready` holds for the screen; panics with the screen after the timeout.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&vt100::Screen) -> bool) {
        let start = Instant::now();
        loop {
            if ready(self.parser.lock().unwrap().screen()) {
                return;
            }
            if start.elapsed() > WAIT {
                panic!("timed out waiting for {what}; screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen shows `needle`.
    pub fn wait_text(&self, needle: &str) {
        self.wait_for(&format!("{needle:?}"), |s| s.contents().contains(needle));
    }

    /// Waits for the process to end and returns its exit code. A process killed by a signal
    /// (rather than exiting) fails the test.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                if let Some(signal) = status.signal() {
                    panic!("pc-inbox was killed by {signal}; screen:\n{}", self.text());
                }
                return status.exit_code();
            }
            if start.elapsed() > WAIT {
                let _ = self.child.kill();
                panic!("pc-inbox did not exit; screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends a signal to the process.
    pub fn signal(&self, name: &str) {
        let pid = self.child.process_id().unwrap();
        let ok = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// True once the alternate screen is left, the cursor is visible again and the terminal
    /// is out of raw mode (echo and line editing on). The reader thread may still be parsing
    /// what the program wrote just before it exited, so this waits (up to the usual timeout)
    /// for that to show.
    pub fn terminal_restored(&self) -> bool {
        let restored = || {
            let parser = self.parser.lock().unwrap();
            let screen = parser.screen();
            !screen.alternate_screen() && !screen.hide_cursor() && self.cooked()
        };
        let deadline = Instant::now() + WAIT;
        while !restored() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        restored()
    }

    /// Whether the terminal echoes and edits lines, as a shell expects (raw mode is off).
    pub fn cooked(&self) -> bool {
        use nix::sys::termios::LocalFlags;
        let termios = self._master.get_termios().expect("the pty's termios");
        termios
            .local_flags
            .contains(LocalFlags::ECHO | LocalFlags::ICANON)
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

pub fn seed() -> Value {
    serde_json::from_str(include_str!("../../assets/seed.json")).unwrap()
}

/// The pending received invitations newest first: the rows of the view the inbox opens on.
pub fn received() -> Vec<Value> {
    invitations("RECEIVER")
        .into_iter()
        .filter(|i| i["Status"] == "PENDING")
        .collect()
}

/// The pager of the view the inbox opens on at row `n` (from 1), e.g. `3/24`.
pub fn at_row(n: usize) -> String {
    format!("{n}/{}", received().len())
}

/// Seed invitations of one participant type (`RECEIVER`, `SENDER`), newest first.
pub fn invitations(participant: &str) -> Vec<Value> {
    let seed = seed();
    let mut rows: Vec<Value> = seed["Invitations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["ParticipantType"] == participant)
        .cloned()
        .collect();
    rows.sort_by_key(|i| i["InvitedHoursAgo"].as_i64().unwrap());
    rows
}

/// Moves the selection to the row with `id` and waits until the detail shows it.
pub fn select(tui: &mut Tui, id: &str) {
    let position = received().iter().position(|i| i["Id"] == id).unwrap();
    tui.wait_text(&format!("/{}", received().len()));
    tui.send("g");
    tui.wait_text(&at_row(1));
    for _ in 0..position {
        tui.send("j");
    }
    tui.wait_text(&at_row(position + 1));
    tui.wait_text(id);
}
