//! The man page: one page, `pc-inbox(1)`, from the same sources as `--help` (the clap command)
//! and the inbox's help overlay (the keymap), plus the exit codes, files and environment.
//! Subcommands are sections of this page, never pages of their own.

use std::io::{self, Write};

use clap_mangen::Man;
use roff::{bold, italic, roman, Inline, Roff};

use crate::commands::EXIT_STATUS;
use crate::config::CONFIG_ENV;
use crate::keymap::{Keymap, Mode};
use crate::service::PARTNER_CENTRAL_REGION;
use crate::store::DATABASE;

/// Every section of the page, in order.
pub const SECTIONS: [&str; 10] = [
    "NAME",
    "SYNOPSIS",
    "DESCRIPTION",
    "OPTIONS",
    "COMMANDS",
    "KEYS",
    "EXIT STATUS",
    "FILES",
    "ENVIRONMENT",
    "VERSION",
];

/// Writes the page for `cli` (the command `--help` describes) and `keys` (the inbox's keys).
pub fn render(cli: clap::Command, keys: &Keymap, out: &mut dyn Write) -> io::Result<()> {
    let mut page = Vec::new();
    sections(cli, keys, &mut page)?;
    // Each piece clap_mangen and roff render starts with the same two-line preamble; once is
    // enough.
    let text = String::from_utf8_lossy(&page);
    let mut seen = std::collections::HashSet::new();
    for line in text.lines() {
        let preamble = line.starts_with(".ie \\n(.g .ds Aq") || line.starts_with(".el .ds Aq");
        if !preamble || seen.insert(line) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

fn sections(cli: clap::Command, keys: &Keymap, out: &mut dyn Write) -> io::Result<()> {
    let subcommands: Vec<clap::Command> = cli
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    let man = Man::new(cli)
        .title("PC-INBOX")
        .section("1")
        .manual("User Commands");
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;

    let mut page = Roff::new();
    page.control("SH", ["COMMANDS"]);
    paragraph(
        &mut page,
        vec![roman(
            "Without a command, pc-inbox opens the inbox. The options above work with every \
             command.",
        )],
    );
    page.to_writer(out)?;
    for sub in subcommands {
        command(sub, out)?;
    }

    let mut page = Roff::new();
    keys_section(&mut page, keys);
    exit_status_section(&mut page);
    files_section(&mut page);
    environment_section(&mut page);
    page.to_writer(out)?;
    man.render_version_section(out)
}

/// A subcommand as a subsection: its synopsis, what it does and its own options.
fn command(sub: clap::Command, out: &mut dyn Write) -> io::Result<()> {
    let name = sub.get_name().to_string();
    let about = sub
        .get_long_about()
        .or_else(|| sub.get_about())
        .map(ToString::to_string)
        .unwrap_or_default();
    let sub = Man::new(
        sub.bin_name(format!("pc-inbox {name}"))
            .disable_help_flag(true),
    );
    let mut head = Roff::new();
    head.control("SS", [name.as_str()]);
    head.to_writer(out)?;
    let mut synopsis = Vec::new();
    sub.render_synopsis_section(&mut synopsis)?;
    write_without_headings(&synopsis, out)?;
    let mut text = Roff::new();
    text.control("PP", []);
    for line in about.lines().filter(|l| !l.trim().is_empty()) {
        text.text([roman(line)]);
    }
    text.to_writer(out)?;
    let mut options = Vec::new();
    sub.render_options_section(&mut options)?;
    write_without_headings(&options, out)
}

/// Roff from clap_mangen without its `.SH` lines, so it fits under a subsection.
fn write_without_headings(roff: &[u8], out: &mut dyn Write) -> io::Result<()> {
    for line in String::from_utf8_lossy(roff).lines() {
        if !line.starts_with(".SH") {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// A paragraph of plain text.
fn paragraph(page: &mut Roff, text: Vec<Inline>) {
    page.control("PP", []);
    page.text(text);
}

/// A definition: `term` in bold, then its description.
fn item(page: &mut Roff, term: Vec<Inline>, description: &str) {
    page.control("TP", []);
    page.text(term);
    page.text([roman(description)]);
}

/// A key as the page shows it: arrows by name, for terminals without the glyphs.
fn key_name(key: &str) -> String {
    key.replace('↑', "Up")
        .replace('↓', "Down")
        .replace('←', "Left")
        .replace('→', "Right")
}

fn keys_section(page: &mut Roff, keys: &Keymap) {
    page.control("SH", ["KEYS"]);
    paragraph(
        page,
        vec![
            roman(
                "The inbox's keys by mode, as its help (? or F1) shows them. C- is Ctrl, M- is \
                 Alt. The keys listed under Everywhere work in every mode. Each entry names its \
                 action, which the configuration file's [keys.",
            ),
            italic("mode"),
            roman(
                "] tables rebind (list actions also directly under [keys], e.g. help = \"H\"); \
                 the action bar, hints and help follow.",
            ),
        ],
    );
    for (mode, name) in Mode::NAMES {
        let bindings: Vec<_> = keys.bindings().iter().filter(|b| b.mode == mode).collect();
        if bindings.is_empty() {
            continue;
        }
        page.control("SS", [format!("{} ([keys.{name}])", mode.title()).as_str()]);
        for b in bindings {
            let keys: Vec<String> = b.keys.iter().map(|k| key_name(&k.to_string())).collect();
            item(
                page,
                vec![bold(keys.join(", "))],
                &format!("{} (action: {})", b.description, b.action.name()),
            );
        }
    }
}

fn exit_status_section(page: &mut Roff) {
    page.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in EXIT_STATUS {
        item(page, vec![bold(code.to_string())], meaning);
    }
    item(
        page,
        vec![bold("129, 130, 131, 143")],
        "The inbox was ended by SIGHUP, SIGINT, SIGQUIT or SIGTERM (128 + the signal's \
         number), after restoring the terminal and saving its state. Ctrl-c typed in the inbox \
         is a key: it quits with 0.",
    );
}

fn files_section(page: &mut Roff) {
    page.control("SH", ["FILES"]);
    paragraph(
        page,
        vec![roman(
            "The configuration file is optional; the first of these that exists is read. \
             Every key is documented, with its default, in config.example.toml in the source.",
        )],
    );
    item(
        page,
        vec![bold(format!("${CONFIG_ENV}"))],
        "The configuration file, if set (and nothing else is looked up).",
    );
    item(
        page,
        vec![bold("$XDG_CONFIG_HOME/pc-inbox/config.toml")],
        "Then this, if XDG_CONFIG_HOME is set,",
    );
    item(
        page,
        vec![bold("~/.config/pc-inbox/config.toml")],
        "then this,",
    );
    item(
        page,
        vec![bold(
            "<platform configuration directory>/pc-inbox/config.toml",
        )],
        "and last this (on macOS ~/Library/Application Support/pc-inbox/config.toml).",
    );
    paragraph(
        page,
        vec![roman(
            "The data directory is $XDG_DATA_HOME/pc-inbox (by default \
             ~/.local/share/pc-inbox; on macOS ~/Library/Application Support/pc-inbox). \
             It holds, mode 0600:",
        )],
    );
    item(
        page,
        vec![bold(DATABASE)],
        "The local store (SQLite): invitations and their details as last seen, for an \
         instant start and reading offline; which ones you have read; the accepts started \
         and their client tokens, so a retry, a restart or a second pc-inbox never starts a \
         second task; writes held or queued that a quit left unsent (the next start asks \
         before sending them); the new-invitation form as it is typed; and the journal of \
         every action. Kept apart by endpoint, catalog and identity. A damaged file is moved aside \
         (pc-inbox.db.damaged-TIME) and a new one started. accepts.json and draft.json of \
         earlier versions are imported once and renamed *.imported.",
    );
    item(
        page,
        vec![bold("logs/pc-inbox.YYYY-MM-DD.log")],
        "The log (0600, in a 0700 directory), rotated daily, seven days kept. Errors are logged in full here; the screen \
         and stderr get one or two sentences.",
    );
    item(
        page,
        vec![
            bold("~/.aws/config"),
            roman(", "),
            bold("~/.aws/credentials"),
        ],
        "AWS profiles and IAM Identity Center (SSO) settings, read by the AWS SDK.",
    );
}

fn environment_section(page: &mut Roff) {
    page.control("SH", ["ENVIRONMENT"]);
    let vars: [(&str, String); 16] = [
        (CONFIG_ENV, "The configuration file to read.".into()),
        (
            "XDG_CONFIG_HOME",
            "Where the configuration file is looked up (see FILES).".into(),
        ),
        (
            "XDG_DATA_HOME",
            "Where the data directory is (see FILES).".into(),
        ),
        (
            "AWS_PROFILE",
            "The AWS profile to use when --profile and the configuration file name none.".into(),
        ),
        (
            "AWS_REGION, AWS_DEFAULT_REGION",
            format!(
                "The region when --region and the configuration file name none. Partner \
                 Central runs only in {PARTNER_CENTRAL_REGION}, the default."
            ),
        ),
        (
            "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN",
            "Credentials, read before profiles by the AWS SDK's credential chain.".into(),
        ),
        (
            "AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE",
            "Other places for ~/.aws/config and ~/.aws/credentials.".into(),
        ),
        (
            "AWS_EC2_METADATA_DISABLED",
            "true keeps the AWS SDK from asking the EC2 instance metadata service for \
             credentials."
                .into(),
        ),
        (
            "NO_COLOR",
            "When set and not empty, the inbox uses no colours; selection and focus still show \
             (reversed, bold)."
                .into(),
        ),
        (
            "RUST_LOG",
            "The log filter (e.g. debug) when --log-level is not given; it wins over log_level \
             in the configuration file."
                .into(),
        ),
        (
            "TZ",
            "The local time zone dates are shown in, unless time_zone = \"utc\" in the \
             configuration file."
                .into(),
        ),
        (
            "VISUAL, EDITOR",
            "The editor Ctrl-e opens a form's text field in (else vi).".into(),
        ),
        (
            "BROWSER",
            "Browsers o tries first, separated by colons, each with %s for the link or taking \
             it last; then the system's opener."
                .into(),
        ),
        (
            "DISPLAY, WAYLAND_DISPLAY",
            "When neither is set (e.g. over SSH) and BROWSER is not either, o shows the link \
             and copies it instead of starting a browser."
                .into(),
        ),
        (
            "TERM",
            "The terminal; copying (y, and o without a browser) uses the OSC 52 sequence, \
             which terminals honour locally and over SSH."
                .into(),
        ),
        (
            "HOME",
            "Where ~/.config, ~/.local/share and ~/.aws are.".into(),
        ),
    ];
    for (name, meaning) in vars {
        item(page, vec![bold(name)], &meaning);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> String {
        let cli = clap::Command::new("pc-inbox")
            .about("An inbox")
            .version("1.0")
            .subcommand(
                clap::Command::new("accept")
                    .about("Accept an invitation")
                    .arg(
                        clap::Arg::new("wait")
                            .long("wait")
                            .help("Wait for the task"),
                    ),
            );
        let mut out = Vec::new();
        render(cli, &Keymap::default(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_section_is_there_in_order() {
        let page = page();
        let mut at = 0;
        for section in SECTIONS {
            let heading = if section.contains(' ') {
                format!(".SH \"{section}\"")
            } else {
                format!(".SH {section}")
            };
            let found = page[at..].find(&heading).map(|i| i + at);
            at = found.unwrap_or_else(|| panic!("{heading} after byte {at}:\n{page}"));
        }
    }

    #[test]
    fn subcommands_are_sections_with_their_options_not_other_pages() {
        let page = page();
        assert!(!page.contains("pc-inbox-accept"), "{page}");
        assert!(page.contains(".SS accept"), "{page}");
        assert!(page.contains("\\-\\-wait"), "{page}");
        assert!(page.contains("Wait for the task"), "{page}");
    }

    #[test]
    fn every_binding_is_on_the_page() {
        let page = page();
        let page = page.replace("\\-", "-");
        for b in Keymap::default().bindings() {
            assert!(page.contains(b.description), "{}", b.description);
        }
        assert_eq!(page.matches(".ds Aq").count(), 2, "one preamble");
    }
}
