//! The one key table. For every mode (the list, the detail pane, each dialog) it decides what a
//! key press does, and it writes the action bar, every hint and the help overlay, so the screen
//! always names the keys that really work. A config file can rebind any action in any mode.

mod defaults;
mod key;

pub use key::Key;

use crossterm::event::KeyEvent;

/// Everything a key can ask for. Which actions a mode takes is in [`defaults`]; the same name
/// means the same kind of thing in every mode (`confirm` presses what has focus, `cancel`
/// closes without acting).
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
    /// Show the configured view with this number (1–9).
    View(u8),
    NextView,
    PreviousView,
    PendingOnly,
    NewInvitation,
    Engage,
    Accept,
    Reject,
    Undo,
    Open,
    CopyId,
    Notices,
    Journal,
    NextNew,
    Mark,
    MarkAll,
    ClearMarks,
    Help,
    Quit,
    ForceQuit,
    Confirm,
    Cancel,
    Next,
    Previous,
    Switch,
    Toggle,
    Submit,
    Edit,
}

impl Action {
    /// Every action with its name in config files.
    pub const NAMES: [(Action, &'static str); 50] = [
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
        (Action::View(1), "view_1"),
        (Action::View(2), "view_2"),
        (Action::View(3), "view_3"),
        (Action::View(4), "view_4"),
        (Action::View(5), "view_5"),
        (Action::View(6), "view_6"),
        (Action::View(7), "view_7"),
        (Action::View(8), "view_8"),
        (Action::View(9), "view_9"),
        (Action::NextView, "next_view"),
        (Action::PreviousView, "previous_view"),
        (Action::PendingOnly, "pending_only"),
        (Action::NewInvitation, "new_invitation"),
        (Action::Engage, "engage"),
        (Action::Accept, "accept"),
        (Action::Reject, "reject"),
        (Action::Undo, "undo"),
        (Action::Open, "open"),
        (Action::CopyId, "copy_id"),
        (Action::Notices, "notices"),
        (Action::Journal, "journal"),
        (Action::NextNew, "next_new"),
        (Action::Mark, "mark"),
        (Action::MarkAll, "mark_all"),
        (Action::ClearMarks, "clear_marks"),
        (Action::Help, "help"),
        (Action::Quit, "quit"),
        (Action::ForceQuit, "force_quit"),
        (Action::Confirm, "confirm"),
        (Action::Cancel, "cancel"),
        (Action::Next, "next"),
        (Action::Previous, "previous"),
        (Action::Switch, "switch"),
        (Action::Toggle, "toggle"),
        (Action::Submit, "submit"),
        (Action::Edit, "edit"),
    ];

    /// The action a config file names.
    pub fn from_name(name: &str) -> Option<Action> {
        by_name(&Action::NAMES, name)
    }

    /// The action's name in config files.
    pub fn name(self) -> &'static str {
        name_of(&Action::NAMES, self)
    }
}

fn by_name<T: Copy>(table: &[(T, &'static str)], name: &str) -> Option<T> {
    table.iter().find(|(_, n)| *n == name).map(|(t, _)| *t)
}

fn name_of<T: PartialEq>(table: &[(T, &'static str)], value: T) -> &'static str {
    table
        .iter()
        .find(|(t, _)| *t == value)
        .map_or("?", |(_, n)| n)
}

/// Where a binding applies: everywhere (`Global`) or in one mode. Config files name them in
/// `[keys.<mode>]` tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    Global,
    List,
    Detail,
    Search,
    Filters,
    Help,
    Notices,
    Journal,
    Confirm,
    Reject,
    Form,
    Picker,
    Engage,
}

impl Mode {
    /// Every mode with its name in config files.
    pub const NAMES: [(Mode, &'static str); 13] = [
        (Mode::Global, "global"),
        (Mode::List, "list"),
        (Mode::Detail, "detail"),
        (Mode::Search, "search"),
        (Mode::Filters, "filters"),
        (Mode::Help, "help"),
        (Mode::Notices, "notices"),
        (Mode::Journal, "journal"),
        (Mode::Confirm, "confirm"),
        (Mode::Reject, "reject"),
        (Mode::Form, "form"),
        (Mode::Picker, "picker"),
        (Mode::Engage, "engage"),
    ];

    /// The mode a config file names.
    pub fn from_name(name: &str) -> Option<Mode> {
        by_name(&Mode::NAMES, name)
    }

    /// The mode's name in config files.
    pub fn name(self) -> &'static str {
        name_of(&Mode::NAMES, self)
    }

    /// What the help overlay calls the mode.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Global => "Everywhere",
            Mode::List => "Invitation list",
            Mode::Detail => "Detail pane",
            Mode::Search => "Search prompt",
            Mode::Filters => "Filter menu",
            Mode::Help => "Help",
            Mode::Notices => "Notices log",
            Mode::Journal => "Journal",
            Mode::Confirm => "Accept confirmation and bulk confirmation",
            Mode::Reject => "Reject dialog",
            Mode::Form => "New invitation form",
            Mode::Picker => "Picker",
            Mode::Engage => "Engage from an opportunity",
        }
    }
}

/// When a list-mode binding shows in the action bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Always.
    Always,
    /// When an invitation is selected.
    Selection,
    /// When the selection is a received, pending invitation (not being accepted), or
    /// invitations are marked.
    Actionable,
}

/// A key table entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub mode: Mode,
    pub action: Action,
    pub keys: Vec<Key>,
    /// Shown in the help overlay.
    pub description: &'static str,
    /// Shown in the action bar; `None` keeps it out of the bar.
    pub short: Option<&'static str>,
    pub scope: Scope,
}

/// The key table of every mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: defaults::bindings(),
        }
    }
}

impl Keymap {
    /// The action a key press asks for in `mode`: the mode's own bindings first, then the
    /// global ones.
    pub fn action(&self, mode: Mode, event: &KeyEvent) -> Option<Action> {
        self.find(mode, event, |_| true)
    }

    /// Like [`Keymap::action`], for a mode whose focus is a text field: a printable character
    /// types itself, so bindings to plain characters do not apply.
    pub fn action_typing(&self, mode: Mode, event: &KeyEvent) -> Option<Action> {
        self.find(mode, event, |k| !k.types_text())
    }

    fn find(&self, mode: Mode, event: &KeyEvent, usable: impl Fn(&Key) -> bool) -> Option<Action> {
        [mode, Mode::Global].into_iter().find_map(|m| {
            self.bindings
                .iter()
                .filter(|b| b.mode == m)
                .find(|b| b.keys.iter().any(|k| usable(k) && k.matches(event)))
                .map(|b| b.action)
        })
    }

    /// All bindings, in table order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    fn binding(&self, mode: Mode, action: Action) -> Option<&Binding> {
        self.bindings
            .iter()
            .find(|b| b.mode == mode && b.action == action)
            .or_else(|| {
                self.bindings
                    .iter()
                    .find(|b| b.mode == Mode::Global && b.action == action)
            })
    }

    /// Binds `keys` to `action` in `mode` in place of its defaults. A key another action of
    /// the mode (or a global one) already uses is skipped, with a message; if no key is left,
    /// the defaults stay.
    pub fn rebind(&mut self, mode: Mode, action: Action, keys: &[Key]) -> Vec<String> {
        let mut problems = Vec::new();
        if !self
            .bindings
            .iter()
            .any(|b| b.mode == mode && b.action == action)
        {
            problems.push(format!(
                "the {} mode has no action {}",
                mode.name(),
                action.name()
            ));
            return problems;
        }
        let mut accepted = Vec::new();
        for key in keys {
            let taken = self.bindings.iter().find(|b| {
                !(b.mode == mode && b.action == action)
                    && (b.mode == mode || b.mode == Mode::Global || mode == Mode::Global)
                    && b.keys.contains(key)
            });
            match taken {
                Some(other) if other.mode == mode => problems.push(format!(
                    "`{key}` is already bound to {}",
                    other.action.name()
                )),
                Some(other) => problems.push(format!(
                    "`{key}` is already bound to {} ({})",
                    other.action.name(),
                    other.mode.name()
                )),
                None => accepted.push(*key),
            }
        }
        if accepted.is_empty() {
            problems.push(format!("{} keeps its default keys", action.name()));
        } else if let Some(binding) = self
            .bindings
            .iter_mut()
            .find(|b| b.mode == mode && b.action == action)
        {
            binding.keys = accepted;
        }
        problems
    }

    /// The first key bound to an action in a mode, for hints.
    pub fn key_for(&self, mode: Mode, action: Action) -> Option<Key> {
        self.binding(mode, action)
            .and_then(|b| b.keys.first().copied())
    }

    /// The key to name in a hint: the first one bound, or `(unbound)`.
    pub fn hint(&self, mode: Mode, action: Action) -> String {
        self.key_for(mode, action)
            .map_or_else(|| "(unbound)".to_string(), |k| k.to_string())
    }

    /// A hint line from (action, words) pairs, e.g. ` Tab next · Enter press · Esc cancel `.
    /// Two actions written together (`Up`, `Down`) name both keys: `↑/↓ pick`.
    pub fn hint_line(&self, mode: Mode, items: &[(&[Action], &str)]) -> String {
        let parts: Vec<String> = items
            .iter()
            .map(|(actions, words)| {
                let keys: Vec<String> = actions.iter().map(|a| self.hint(mode, *a)).collect();
                format!("{} {words}", keys.join("/"))
            })
            .collect();
        format!(" {} ", parts.join(" · "))
    }

    /// (key, label, scope) for the list's action bar: the list bindings whose scope `applies`.
    pub fn bar(&self, applies: impl Fn(Scope) -> bool) -> Vec<(String, &'static str, Scope)> {
        self.bindings
            .iter()
            .filter(|b| b.mode == Mode::List && applies(b.scope))
            .filter_map(|b| Some((b.keys.first()?.to_string(), b.short?, b.scope)))
            .collect()
    }

    /// (keys, description) rows for the help overlay: the mode's bindings, then the global ones.
    pub fn help(&self, mode: Mode) -> Vec<(String, &'static str)> {
        let own = self.bindings.iter().filter(|b| b.mode == mode);
        let global = self.bindings.iter().filter(|b| b.mode == Mode::Global);
        own.chain(global)
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
    use crossterm::event::{KeyCode, KeyModifiers};

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn maps_letters_arrows_and_control_keys() {
        let k = Keymap::default();
        let list = |code, m| k.action(Mode::List, &press(code, m));
        assert_eq!(
            list(KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::Down)
        );
        assert_eq!(list(KeyCode::Down, KeyModifiers::NONE), Some(Action::Down));
        assert_eq!(
            list(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Bottom)
        );
        assert_eq!(
            list(KeyCode::Char('d'), KeyModifiers::CONTROL),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            list(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::ForceQuit)
        );
        assert_eq!(list(KeyCode::Char('d'), KeyModifiers::NONE), None);
    }

    #[test]
    fn the_same_key_means_different_things_in_different_modes() {
        let k = Keymap::default();
        let y = press(KeyCode::Char('y'), KeyModifiers::NONE);
        assert_eq!(k.action(Mode::List, &y), Some(Action::CopyId));
        assert_eq!(k.action(Mode::Confirm, &y), Some(Action::Accept));
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(k.action(Mode::Reject, &enter), Some(Action::Confirm));
        assert_eq!(k.action(Mode::List, &enter), None);
    }

    #[test]
    fn in_a_text_field_characters_type_themselves() {
        let k = Keymap::default();
        let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(k.action(Mode::Reject, &j), Some(Action::Down));
        assert_eq!(k.action_typing(Mode::Reject, &j), None);
        let ctrl_s = press(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(k.action_typing(Mode::Form, &ctrl_s), Some(Action::Submit));
    }

    #[test]
    fn the_bar_shows_selection_actions_only_with_a_selection() {
        let k = Keymap::default();
        let labels = |applies: &dyn Fn(Scope) -> bool| -> Vec<&str> {
            k.bar(applies).into_iter().map(|(_, l, _)| l).collect()
        };
        let without = labels(&|s| s == Scope::Always);
        let with = labels(&|s| s != Scope::Actionable);
        assert!(!without.contains(&"open") && with.contains(&"open"));
        assert!(with.contains(&"quit"));
    }

    #[test]
    fn rebinding_replaces_defaults_and_refuses_keys_in_use() {
        let mut k = Keymap::default();
        assert!(k
            .rebind(Mode::List, Action::Help, &[Key::ch('H')])
            .is_empty());
        assert_eq!(
            k.action(Mode::List, &press(KeyCode::Char('H'), KeyModifiers::SHIFT)),
            Some(Action::Help)
        );
        assert_eq!(
            k.action(Mode::List, &press(KeyCode::Char('?'), KeyModifiers::NONE)),
            None
        );
        let problems = k.rebind(Mode::List, Action::Reject, &[Key::ch('a')]);
        assert_eq!(
            problems,
            [
                "`a` is already bound to accept",
                "reject keeps its default keys"
            ]
        );
        assert_eq!(
            k.action(Mode::List, &press(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Reject)
        );
    }

    #[test]
    fn rebinding_in_one_mode_leaves_the_others() {
        let mut k = Keymap::default();
        let problems = k.rebind(Mode::Reject, Action::Confirm, &[Key::ctrl('r')]);
        assert!(problems.is_empty(), "{problems:?}");
        let enter = press(KeyCode::Enter, KeyModifiers::NONE);
        assert_eq!(k.action(Mode::Reject, &enter), None);
        assert_eq!(k.action(Mode::Form, &enter), Some(Action::Confirm));
        assert_eq!(k.hint(Mode::Reject, Action::Confirm), "C-r");
        assert_eq!(
            k.rebind(Mode::Search, Action::Accept, &[Key::ch('z')]),
            ["the search mode has no action accept"]
        );
    }

    #[test]
    fn hints_name_the_bound_keys() {
        let k = Keymap::default();
        assert_eq!(
            k.hint_line(
                Mode::Picker,
                &[
                    (&[Action::Up, Action::Down], "move"),
                    (&[Action::Confirm], "choose")
                ]
            ),
            " ↑/↓ move · Enter choose "
        );
    }

    #[test]
    fn every_action_and_mode_has_a_name() {
        for (action, name) in Action::NAMES {
            assert_eq!(Action::from_name(name), Some(action));
        }
        for (mode, name) in Mode::NAMES {
            assert_eq!(Mode::from_name(name), Some(mode));
        }
        assert_eq!(Action::from_name("acept"), None);
    }

    #[test]
    fn help_lists_the_mode_and_the_global_keys() {
        let k = Keymap::default();
        let help = k.help(Mode::List);
        assert!(help.contains(&("j ↓".to_string(), "Move down")));
        assert!(help.contains(&("C-c".to_string(), "Quit, from anywhere")));
        let reject = k.help(Mode::Reject);
        assert!(reject.iter().any(|(_, d)| d.contains("Reject")));
        assert!(!reject.contains(&("j ↓".to_string(), "Move down")));
    }

    #[test]
    fn no_mode_binds_one_key_twice() {
        let k = Keymap::default();
        for (mode, _) in Mode::NAMES {
            let mut seen = std::collections::HashSet::new();
            for b in k.bindings().iter().filter(|b| b.mode == mode) {
                for key in &b.keys {
                    assert!(seen.insert(*key), "{key} twice in {}", mode.name());
                }
            }
        }
    }
}
