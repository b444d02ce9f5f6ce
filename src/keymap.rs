//! The one key table: it decides what a key press does, and it writes the action bar and the
//! help overlay, so the three never disagree.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Up,
    Down,
    Top,
    Bottom,
    HalfPageDown,
    HalfPageUp,
    PageDown,
    PageUp,
    SwitchPane,
    Search,
    Back,
    Refresh,
    Sort,
    Filters,
    ViewReceived,
    ViewSent,
    PendingOnly,
    NewInvitation,
    Accept,
    Reject,
    Open,
    CopyId,
    Help,
    Quit,
    ForceQuit,
}

impl Action {
    /// Every action with its name in config files (`[keys]` table).
    pub const NAMES: [(Action, &'static str); 25] = [
        (Action::Up, "up"),
        (Action::Down, "down"),
        (Action::Top, "top"),
        (Action::Bottom, "bottom"),
        (Action::HalfPageDown, "half_page_down"),
        (Action::HalfPageUp, "half_page_up"),
        (Action::PageDown, "page_down"),
        (Action::PageUp, "page_up"),
        (Action::SwitchPane, "switch_pane"),
        (Action::Search, "search"),
        (Action::Back, "back"),
        (Action::Refresh, "refresh"),
        (Action::Sort, "sort"),
        (Action::Filters, "filters"),
        (Action::ViewReceived, "view_received"),
        (Action::ViewSent, "view_sent"),
        (Action::PendingOnly, "pending_only"),
        (Action::NewInvitation, "new_invitation"),
        (Action::Accept, "accept"),
        (Action::Reject, "reject"),
        (Action::Open, "open"),
        (Action::CopyId, "copy_id"),
        (Action::Help, "help"),
        (Action::Quit, "quit"),
        (Action::ForceQuit, "force_quit"),
    ];

    /// The action a config file names.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(a, _)| *a)
    }

    /// The action's name in config files.
    pub fn name(self) -> &'static str {
        Action::NAMES
            .iter()
            .find(|(a, _)| *a == self)
            .map_or("?", |(_, n)| n)
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere on the main screen.
    Global,
    /// When an invitation is selected.
    Selection,
    /// When the selection is a received, pending invitation (not being accepted).
    Actionable,
}

/// One key with its modifiers, e.g. `ctrl-d`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl Key {
    const fn plain(code: KeyCode) -> Self {
        Key {
            code,
            modifiers: KeyModifiers::NONE,
        }
    }

    const fn ch(c: char) -> Self {
        Key::plain(KeyCode::Char(c))
    }

    const fn ctrl(c: char) -> Self {
        Key {
            code: KeyCode::Char(c),
            modifiers: KeyModifiers::CONTROL,
        }
    }

    /// Reads a key as written in a config file: `j`, `G`, `?`, `ctrl-d` (or `C-d`), `alt-x`,
    /// `esc`, `enter`, `tab`, `backtab`, `space`, `backspace`, arrows (`up`…), `home`, `end`,
    /// `pageup`, `pagedown`, `f1`…`f12`.
    pub fn parse(text: &str) -> Result<Key, String> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = text;
        loop {
            if let Some(r) = strip_any(rest, &["ctrl-", "ctrl+", "c-"]) {
                modifiers |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = strip_any(rest, &["alt-", "alt+", "m-"]) {
                modifiers |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_lowercase().as_str() {
                "esc" | "escape" => KeyCode::Esc,
                "enter" | "return" => KeyCode::Enter,
                "tab" => KeyCode::Tab,
                "backtab" | "s-tab" | "shift-tab" => KeyCode::BackTab,
                "space" => KeyCode::Char(' '),
                "backspace" => KeyCode::Backspace,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                f if f.starts_with('f')
                    && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) =>
                {
                    KeyCode::F(f[1..].parse().expect("checked"))
                }
                _ => return Err(format!("cannot read key `{text}`")),
            },
        };
        if modifiers.contains(KeyModifiers::CONTROL) {
            if let KeyCode::Char(c) = code {
                return Ok(Key {
                    code: KeyCode::Char(c.to_ascii_lowercase()),
                    modifiers,
                });
            }
        }
        Ok(Key { code, modifiers })
    }

    /// Whether a terminal key event is this key. Shift is implied by the character itself.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let relevant = KeyModifiers::CONTROL | KeyModifiers::ALT;
        event.code == self.code && (event.modifiers & relevant) == (self.modifiers & relevant)
    }
}

/// `text` without the first of `prefixes` it starts with (ignoring ASCII case).
fn strip_any<'a>(text: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|p| {
        let head = text.get(..p.len())?;
        head.eq_ignore_ascii_case(p).then(|| &text[p.len()..])
    })
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            write!(f, "C-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            write!(f, "M-")?;
        }
        match self.code {
            KeyCode::Char(' ') => write!(f, "Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Up => write!(f, "↑"),
            KeyCode::Down => write!(f, "↓"),
            KeyCode::Left => write!(f, "←"),
            KeyCode::Right => write!(f, "→"),
            KeyCode::Home => write!(f, "Home"),
            KeyCode::End => write!(f, "End"),
            KeyCode::PageUp => write!(f, "PgUp"),
            KeyCode::PageDown => write!(f, "PgDn"),
            KeyCode::Tab => write!(f, "Tab"),
            KeyCode::BackTab => write!(f, "S-Tab"),
            KeyCode::Esc => write!(f, "Esc"),
            KeyCode::Enter => write!(f, "Enter"),
            KeyCode::Backspace => write!(f, "Bksp"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// A key table entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<Key>,
    /// Shown in the help overlay.
    pub description: &'static str,
    /// Shown in the action bar; `None` keeps it out of the bar.
    pub short: Option<&'static str>,
    pub scope: Scope,
}

/// The key table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        use Action::*;
        use KeyCode as K;
        let b = |action, keys: &[Key], description, short, scope| Binding {
            action,
            keys: keys.to_vec(),
            description,
            short,
            scope,
        };
        let g = Scope::Global;
        let s = Scope::Selection;
        Keymap {
            bindings: vec![
                b(
                    Down,
                    &[Key::ch('j'), Key::plain(K::Down)],
                    "Move down",
                    Some("move"),
                    g,
                ),
                b(Up, &[Key::ch('k'), Key::plain(K::Up)], "Move up", None, g),
                b(
                    Top,
                    &[Key::ch('g'), Key::plain(K::Home)],
                    "First invitation / top of detail",
                    None,
                    g,
                ),
                b(
                    Bottom,
                    &[Key::ch('G'), Key::plain(K::End)],
                    "Last loaded invitation / end of detail",
                    None,
                    g,
                ),
                b(HalfPageDown, &[Key::ctrl('d')], "Half a page down", None, g),
                b(HalfPageUp, &[Key::ctrl('u')], "Half a page up", None, g),
                b(PageDown, &[Key::plain(K::PageDown)], "A page down", None, g),
                b(PageUp, &[Key::plain(K::PageUp)], "A page up", None, g),
                b(
                    SwitchPane,
                    &[Key::plain(K::Tab)],
                    "Switch between list and detail",
                    Some("pane"),
                    s,
                ),
                b(
                    Search,
                    &[Key::ch('/')],
                    "Narrow the loaded rows by text",
                    Some("search"),
                    g,
                ),
                b(
                    Back,
                    &[Key::plain(K::Esc)],
                    "Back: close, clear the search",
                    None,
                    g,
                ),
                b(
                    Refresh,
                    &[Key::ch('r')],
                    "Reload from the service",
                    Some("refresh"),
                    g,
                ),
                b(
                    Sort,
                    &[Key::ch('s')],
                    "Sort newest / oldest first",
                    Some("sort"),
                    g,
                ),
                b(
                    Filters,
                    &[Key::ch('f')],
                    "Filter by status and payload type",
                    Some("filters"),
                    g,
                ),
                b(
                    PendingOnly,
                    &[Key::ch('p')],
                    "Only pending / all statuses",
                    Some("pending"),
                    g,
                ),
                b(
                    ViewReceived,
                    &[Key::ch('1')],
                    "Received invitations",
                    Some("received"),
                    g,
                ),
                b(
                    ViewSent,
                    &[Key::ch('2')],
                    "Sent invitations",
                    Some("sent"),
                    g,
                ),
                b(
                    NewInvitation,
                    &[Key::ch('n')],
                    "New invitation (continues a saved draft)",
                    Some("new"),
                    g,
                ),
                b(
                    Accept,
                    &[Key::ch('a')],
                    "Accept the invitation (starts an engagement)",
                    Some("accept"),
                    Scope::Actionable,
                ),
                b(
                    Reject,
                    &[Key::ch('x')],
                    "Reject the invitation, with a reason",
                    Some("reject"),
                    Scope::Actionable,
                ),
                b(
                    Open,
                    &[Key::ch('o')],
                    "Open in the Partner Central console",
                    Some("open"),
                    s,
                ),
                b(
                    CopyId,
                    &[Key::ch('y')],
                    "Copy the invitation id",
                    Some("copy id"),
                    s,
                ),
                b(
                    Help,
                    &[Key::ch('?')],
                    "Show or hide this help",
                    Some("help"),
                    g,
                ),
                b(Quit, &[Key::ch('q')], "Quit", Some("quit"), g),
                b(ForceQuit, &[Key::ctrl('c')], "Quit, from anywhere", None, g),
            ],
        }
    }
}

impl Keymap {
    /// The action a key press asks for, if any.
    pub fn action(&self, event: &KeyEvent) -> Option<Action> {
        self.bindings
            .iter()
            .find(|b| b.keys.iter().any(|k| k.matches(event)))
            .map(|b| b.action)
    }

    /// All bindings, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Binds `keys` to `action` in place of its defaults. A key another action already uses is
    /// skipped, with a message; if no key is left, the defaults stay.
    pub fn rebind(&mut self, action: Action, keys: &[Key]) -> Vec<String> {
        let mut problems = Vec::new();
        let mut accepted = Vec::new();
        for key in keys {
            let taken = self
                .bindings
                .iter()
                .find(|b| b.action != action && b.keys.contains(key));
            match taken {
                Some(other) => problems.push(format!(
                    "`{key}` is already bound to {}",
                    other.action.name()
                )),
                None => accepted.push(*key),
            }
        }
        if accepted.is_empty() {
            problems.push(format!("{} keeps its default keys", action.name()));
        } else if let Some(binding) = self.bindings.iter_mut().find(|b| b.action == action) {
            binding.keys = accepted;
        }
        problems
    }

    /// The first key bound to an action, for hints.
    pub fn key_for(&self, action: Action) -> Option<Key> {
        self.bindings
            .iter()
            .find(|b| b.action == action)
            .and_then(|b| b.keys.first().copied())
    }

    /// (key, label, scope) for the action bar: the bindings whose scope `applies`.
    pub fn bar(&self, applies: impl Fn(Scope) -> bool) -> Vec<(String, &'static str, Scope)> {
        self.bindings
            .iter()
            .filter(|b| applies(b.scope))
            .filter_map(|b| Some((b.keys.first()?.to_string(), b.short?, b.scope)))
            .collect()
    }

    /// (keys, description) rows for the help overlay.
    pub fn help(&self) -> Vec<(String, &'static str)> {
        self.bindings
            .iter()
            .map(|b| {
                let keys: Vec<String> = b.keys.iter().map(Key::to_string).collect();
                (keys.join(" "), b.description)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn maps_letters_arrows_and_control_keys() {
        let k = Keymap::default();
        assert_eq!(
            k.action(&press(KeyCode::Char('j'), KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            k.action(&press(KeyCode::Down, KeyModifiers::NONE)),
            Some(Action::Down)
        );
        assert_eq!(
            k.action(&press(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Bottom)
        );
        assert_eq!(
            k.action(&press(KeyCode::Char('d'), KeyModifiers::CONTROL)),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            k.action(&press(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Action::ForceQuit)
        );
        assert_eq!(
            k.action(&press(KeyCode::Char('d'), KeyModifiers::NONE)),
            None
        );
    }

    #[test]
    fn the_bar_shows_selection_actions_only_with_a_selection() {
        let k = Keymap::default();
        let without: Vec<_> = k
            .bar(|s| s == Scope::Global)
            .into_iter()
            .map(|(_, l, _)| l)
            .collect();
        let with: Vec<_> = k
            .bar(|s| s != Scope::Actionable)
            .into_iter()
            .map(|(_, l, _)| l)
            .collect();
        assert!(!without.contains(&"open") && with.contains(&"open"));
        assert!(with.contains(&"quit"));
    }

    #[test]
    fn keys_parse_as_written_in_config_files() {
        assert_eq!(Key::parse("G").unwrap(), Key::ch('G'));
        assert_eq!(Key::parse("ctrl-d").unwrap(), Key::ctrl('d'));
        assert_eq!(Key::parse("C-D").unwrap(), Key::ctrl('d'));
        assert_eq!(Key::parse("pgdn").unwrap(), Key::plain(KeyCode::PageDown));
        assert_eq!(Key::parse("f5").unwrap(), Key::plain(KeyCode::F(5)));
        assert_eq!(Key::parse("space").unwrap(), Key::ch(' '));
        assert_eq!(
            Key::parse("ctrl-shift-meta").unwrap_err(),
            "cannot read key `ctrl-shift-meta`"
        );
    }

    #[test]
    fn rebinding_replaces_defaults_and_refuses_keys_in_use() {
        let mut k = Keymap::default();
        assert!(k.rebind(Action::Help, &[Key::ch('H')]).is_empty());
        assert_eq!(
            k.action(&press(KeyCode::Char('H'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
        assert_eq!(
            k.action(&press(KeyCode::Char('?'), KeyModifiers::NONE)),
            None
        );
        let problems = k.rebind(Action::Reject, &[Key::ch('a')]);
        assert_eq!(
            problems,
            [
                "`a` is already bound to accept",
                "reject keeps its default keys"
            ]
        );
        assert_eq!(
            k.action(&press(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Reject)
        );
    }

    #[test]
    fn every_action_has_a_name() {
        for (action, name) in Action::NAMES {
            assert_eq!(Action::from_name(name), Some(action));
        }
        assert_eq!(Action::from_name("acept"), None);
    }

    #[test]
    fn help_lists_every_binding_with_its_keys() {
        let help = Keymap::default().help();
        assert!(help.contains(&("j ↓".to_string(), "Move down")));
        assert!(help.contains(&("C-c".to_string(), "Quit, from anywhere")));
        assert_eq!(help.len(), Keymap::default().bindings().len());
    }
}
