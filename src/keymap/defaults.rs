//! The default bindings of every mode, in the order help lists them.

use crossterm::event::KeyCode as K;

use super::{Action, Action as A, Binding, Key, Mode, Mode as M, Scope};

/// A binding that stays out of the action bar.
fn b(mode: Mode, action: Action, keys: &[Key], description: &'static str) -> Binding {
    Binding {
        mode,
        action,
        keys: keys.to_vec(),
        description,
        short: None,
        scope: Scope::Always,
    }
}

/// A list binding shown in the action bar as `short` when `scope` applies.
fn bar(
    action: Action,
    keys: &[Key],
    description: &'static str,
    short: &'static str,
    scope: Scope,
) -> Binding {
    Binding {
        short: Some(short),
        scope,
        ..b(M::List, action, keys, description)
    }
}

const fn p(code: K) -> Key {
    Key::plain(code)
}

const fn c(ch: char) -> Key {
    Key::ch(ch)
}

/// Moving up and around, shared by the list and the detail pane (each binds Down itself).
fn movement(mode: Mode) -> Vec<Binding> {
    vec![
        b(mode, A::Up, &[c('k'), p(K::Up)], "Move up"),
        b(mode, A::Top, &[c('g'), p(K::Home)], "To the top"),
        b(mode, A::Bottom, &[c('G'), p(K::End)], "To the end"),
        b(mode, A::HalfPageDown, &[Key::ctrl('d')], "Half a page down"),
        b(mode, A::HalfPageUp, &[Key::ctrl('u')], "Half a page up"),
        b(mode, A::PageDown, &[p(K::PageDown)], "A page down"),
        b(mode, A::PageUp, &[p(K::PageUp)], "A page up"),
    ]
}

/// What help says of the view keys 1–9.
const VIEW_KEYS: [&str; 9] = [
    "View 1 (the views line names them)",
    "View 2",
    "View 3",
    "View 4",
    "View 5",
    "View 6",
    "View 7",
    "View 8",
    "View 9",
];

pub fn bindings() -> Vec<Binding> {
    use Scope::{Actionable, Always, Selection};
    let mut all = vec![
        b(
            M::Global,
            A::ForceQuit,
            &[Key::ctrl('c')],
            "Quit, from anywhere",
        ),
        b(
            M::Global,
            A::Help,
            &[p(K::F(1))],
            "Keys of the current mode",
        ),
        bar(A::Down, &[c('j'), p(K::Down)], "Move down", "move", Always),
    ];
    all.extend(movement(M::List));
    all.extend([
        bar(
            A::SwitchPane,
            &[p(K::Tab)],
            "Switch between list and detail",
            "pane",
            Selection,
        ),
        bar(
            A::Search,
            &[c('/')],
            "Narrow the loaded rows by text",
            "search",
            Always,
        ),
        b(
            M::List,
            A::Back,
            &[p(K::Esc)],
            "Back: stop a bulk action, else clear the marks, else the search",
        ),
        bar(
            A::Mark,
            &[c(' ')],
            "Mark or unmark the invitation, and move down",
            "mark",
            Selection,
        ),
        b(
            M::List,
            A::MarkAll,
            &[c('*')],
            "Mark every invitation the list shows",
        ),
        b(M::List, A::ClearMarks, &[c('u')], "Clear the marks"),
        bar(
            A::Refresh,
            &[c('r')],
            "Reload from the service",
            "refresh",
            Always,
        ),
        bar(
            A::Sort,
            &[c('s')],
            "Sort: date, expiry, sender, customer or spend",
            "sort",
            Always,
        ),
        bar(
            A::Filters,
            &[c('f')],
            "Filter the view by status and payload type",
            "filters",
            Always,
        ),
        bar(
            A::PendingOnly,
            &[c('p')],
            "Only pending / all statuses in the view",
            "pending",
            Always,
        ),
        b(M::List, A::NextView, &[c(']')], "Next view"),
        b(M::List, A::PreviousView, &[c('[')], "Previous view"),
        bar(
            A::NewInvitation,
            &[c('n')],
            "New invitation (continues a saved draft)",
            "new",
            Always,
        ),
        b(
            M::List,
            A::Engage,
            &[c('E')],
            "Engage from one of your opportunities, then invite a partner into it",
        ),
        bar(
            A::Accept,
            &[c('a')],
            "Accept the invitation, or the marked ones (starts an engagement)",
            "accept",
            Actionable,
        ),
        bar(
            A::Reject,
            &[c('x')],
            "Reject the invitation, or the marked ones, with a reason",
            "reject",
            Actionable,
        ),
        b(
            M::List,
            A::Undo,
            &[c('z')],
            "Undo a reject while it is held (its countdown is in the status line)",
        ),
        bar(
            A::Open,
            &[c('o')],
            "Open in the console: the invitation, or the opportunity it created",
            "open",
            Selection,
        ),
        bar(
            A::CopyId,
            &[c('y')],
            "Copy the invitation id",
            "copy id",
            Selection,
        ),
        bar(
            A::Notices,
            &[c('!')],
            "Notices log: what happened in the background",
            "notices",
            Always,
        ),
        b(
            M::List,
            A::NextNew,
            &[c('N')],
            "To the next invitation new since the last visit",
        ),
        b(
            M::List,
            A::Journal,
            &[c('J')],
            "Journal: every accept, reject and create, with its outcome",
        ),
        bar(A::Help, &[c('?')], "Show or hide this help", "help", Always),
        bar(A::Quit, &[c('q')], "Quit", "quit", Always),
    ]);
    all.extend((1..=9u8).zip(VIEW_KEYS).map(|(n, description)| {
        let digit = char::from(b'0' + n);
        b(M::List, A::View(n), &[c(digit)], description)
    }));
    all.push(b(M::Detail, A::Down, &[c('j'), p(K::Down)], "Scroll down"));
    all.extend(movement(M::Detail));
    all.extend([
        b(M::Detail, A::SwitchPane, &[p(K::Tab)], "Back to the list"),
        b(M::Detail, A::Back, &[p(K::Esc)], "Back to the list"),
        b(
            M::Search,
            A::Confirm,
            &[p(K::Enter)],
            "Keep the search and go back to the list",
        ),
        b(M::Search, A::Cancel, &[p(K::Esc)], "Clear the search"),
        b(M::Filters, A::Down, &[p(K::Down), c('j')], "Next row"),
        b(M::Filters, A::Up, &[p(K::Up), c('k')], "Previous row"),
        b(
            M::Filters,
            A::Toggle,
            &[c(' '), c('x')],
            "Tick or pick the row",
        ),
        b(M::Filters, A::Confirm, &[p(K::Enter)], "Apply the filters"),
        b(
            M::Filters,
            A::Cancel,
            &[p(K::Esc), c('f'), c('q')],
            "Close without applying",
        ),
        b(M::Help, A::Down, &[p(K::Down), c('j')], "Scroll down"),
        b(M::Help, A::Up, &[p(K::Up), c('k')], "Scroll up"),
        b(
            M::Help,
            A::Cancel,
            &[p(K::Esc), c('?'), c('q')],
            "Close the help",
        ),
        b(M::Notices, A::Down, &[p(K::Down), c('j')], "Older notices"),
        b(M::Notices, A::Up, &[p(K::Up), c('k')], "Newer notices"),
        b(M::Notices, A::Top, &[c('g'), p(K::Home)], "Newest notice"),
        b(M::Notices, A::Bottom, &[c('G'), p(K::End)], "Oldest notice"),
        b(
            M::Notices,
            A::Cancel,
            &[p(K::Esc), c('!'), c('q')],
            "Close the log",
        ),
        b(M::Journal, A::Down, &[p(K::Down), c('j')], "Older entries"),
        b(M::Journal, A::Up, &[p(K::Up), c('k')], "Newer entries"),
        b(M::Journal, A::Top, &[c('g'), p(K::Home)], "Newest entry"),
        b(M::Journal, A::Bottom, &[c('G'), p(K::End)], "Oldest entry"),
        b(
            M::Journal,
            A::Cancel,
            &[p(K::Esc), c('J'), c('q')],
            "Close the journal",
        ),
        b(
            M::Confirm,
            A::Accept,
            &[c('y')],
            "Accept (or go on, for a bulk action)",
        ),
        b(
            M::Confirm,
            A::Down,
            &[p(K::Down), c('j')],
            "Scroll the invitations down",
        ),
        b(
            M::Confirm,
            A::Up,
            &[p(K::Up), c('k')],
            "Scroll the invitations up",
        ),
        b(
            M::Confirm,
            A::Cancel,
            &[c('n'), p(K::Esc), c('q')],
            "Cancel",
        ),
        b(
            M::Confirm,
            A::Switch,
            &[
                p(K::Tab),
                p(K::BackTab),
                p(K::Left),
                p(K::Right),
                c('h'),
                c('l'),
            ],
            "Move between the buttons",
        ),
        b(
            M::Confirm,
            A::Confirm,
            &[p(K::Enter)],
            "Press the focused button",
        ),
        b(M::Reject, A::Next, &[p(K::Tab)], "Next part of the dialog"),
        b(
            M::Reject,
            A::Previous,
            &[p(K::BackTab)],
            "Previous part of the dialog",
        ),
        b(M::Reject, A::Down, &[p(K::Down), c('j')], "Next reason"),
        b(M::Reject, A::Up, &[p(K::Up), c('k')], "Previous reason"),
        b(M::Reject, A::Toggle, &[c(' ')], "Pick the reason"),
        b(
            M::Reject,
            A::Switch,
            &[p(K::Left), p(K::Right), c('h'), c('l')],
            "Move between Reject and Cancel",
        ),
        b(
            M::Reject,
            A::Confirm,
            &[p(K::Enter)],
            "Press: pick the reason, or Reject, or Cancel",
        ),
        b(
            M::Reject,
            A::Cancel,
            &[p(K::Esc)],
            "Close without rejecting",
        ),
        b(M::Form, A::Next, &[p(K::Tab), p(K::Down)], "Next field"),
        b(
            M::Form,
            A::Previous,
            &[p(K::BackTab), p(K::Up)],
            "Previous field",
        ),
        b(
            M::Form,
            A::Confirm,
            &[p(K::Enter)],
            "Pick, toggle or press the field",
        ),
        b(
            M::Form,
            A::Toggle,
            &[c(' ')],
            "Pick or toggle (fields that are not text)",
        ),
        b(M::Form, A::Submit, &[Key::ctrl('s')], "Send the invitation"),
        b(
            M::Form,
            A::Edit,
            &[Key::ctrl('e')],
            "Edit the text field in $VISUAL or $EDITOR",
        ),
        b(M::Form, A::Cancel, &[p(K::Esc)], "Close; the draft is kept"),
        b(M::Picker, A::Down, &[p(K::Down)], "Next choice"),
        b(M::Picker, A::Up, &[p(K::Up)], "Previous choice"),
        b(
            M::Picker,
            A::Toggle,
            &[c(' ')],
            "Tick the choice (several allowed)",
        ),
        b(M::Picker, A::Confirm, &[p(K::Enter)], "Choose"),
        b(M::Picker, A::Cancel, &[p(K::Esc)], "Close without choosing"),
        b(M::Engage, A::Down, &[p(K::Down)], "Next opportunity"),
        b(M::Engage, A::Up, &[p(K::Up)], "Previous opportunity"),
        b(
            M::Engage,
            A::Confirm,
            &[p(K::Enter)],
            "Choose the opportunity; once engaged, invite a partner into the engagement",
        ),
        b(
            M::Engage,
            A::Accept,
            &[c('y')],
            "Start the engagement (or try a failed start again)",
        ),
        b(
            M::Engage,
            A::Cancel,
            &[p(K::Esc)],
            "Back, or close (a task in flight goes on)",
        ),
    ]);
    all
}
