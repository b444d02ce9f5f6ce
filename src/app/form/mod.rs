//! The create-invitation form: the draft being edited (its model and validation are in
//! [`crate::compose`]), the text inputs, live problems and pickers.

pub mod current;
pub mod picker;

use std::collections::BTreeSet;

use chrono::NaiveDate;
use ratatui_textarea::{CursorMove, TextArea};
use tui_input::Input;

use crate::compose::draft::Draft;
use crate::compose::fields::{fields, text_mut, Field};
use crate::compose::validate::Problems;
use crate::domain::{Engagement, EngagementSummary};
use picker::Picker;

/// Engagements to invite to, loaded page by page.
#[derive(Debug, Clone, Default)]
pub struct EngagementChoices {
    pub items: Vec<EngagementSummary>,
    pub loading: bool,
    pub error: Option<String>,
}

/// The open form.
#[derive(Debug, Clone)]
pub struct InvitationForm {
    pub draft: Draft,
    /// Position in `fields(&draft)`.
    pub cursor: usize,
    /// The text of the focused one-line field while it is edited.
    pub input: Input,
    /// The text of the focused multi-line field while it is edited.
    pub area: TextArea<'static>,
    pub picker: Option<Picker>,
    /// Live problems with the draft.
    pub problems: Problems,
    /// Fields the user has edited and left (or picked); their problems show (all show after a
    /// submit attempt).
    pub touched: BTreeSet<Field>,
    /// Fields the user has changed since the form opened.
    pub edited: BTreeSet<Field>,
    /// The day target dates must come after.
    pub today: NaiveDate,
    pub submit_attempted: bool,
    /// Problems the service reported on the last submit, by field.
    pub server: Problems,
    pub submitting: bool,
    /// The draft came back from an earlier run.
    pub restored: bool,
    /// The draft has changes not saved yet.
    pub unsaved: bool,
    /// A button that cannot be undone, pressed once: the next press on it acts.
    pub armed: Option<Field>,
    pub engagements: EngagementChoices,
    /// The chosen engagement, with its context, once read.
    pub context: Option<Engagement>,
}

impl InvitationForm {
    /// Opens a form on a draft.
    pub fn open(draft: Draft, restored: bool, today: NaiveDate) -> Self {
        let mut form = InvitationForm {
            problems: crate::compose::validate::problems(&draft, today),
            today,
            edited: BTreeSet::new(),
            draft,
            cursor: 0,
            input: Input::default(),
            area: TextArea::default(),
            picker: None,
            touched: BTreeSet::new(),
            submit_attempted: false,
            server: Problems::new(),
            submitting: false,
            restored,
            unsaved: false,
            armed: None,
            engagements: EngagementChoices::default(),
            context: None,
        };
        form.load_input();
        form
    }

    /// The focused field.
    pub fn field(&self) -> Field {
        let list = fields(&self.draft);
        list[self.cursor.min(list.len() - 1)]
    }

    /// Whether the focused field is one you type into.
    pub fn typing(&self) -> bool {
        self.field().editor() == crate::compose::fields::Editor::Text
    }

    /// Puts the focused field's text into its editor, the cursor at the end.
    pub fn load_input(&mut self) {
        let field = self.field();
        let text = text_mut(&mut self.draft, field)
            .cloned()
            .unwrap_or_default();
        if field.multiline() {
            self.area = TextArea::new(text.split('\n').map(str::to_string).collect());
            self.area.move_cursor(CursorMove::Bottom);
            self.area.move_cursor(CursorMove::End);
        } else {
            self.input = Input::new(text);
        }
    }

    /// The focused field's text as edited so far.
    pub fn edited_text(&self) -> String {
        if self.field().multiline() {
            self.area.lines().join("\n")
        } else {
            self.input.value().to_string()
        }
    }

    /// Moves the focus by `delta` fields, stopping at the first and the last (never wrapping
    /// round onto the buttons at the other end); a field left after an edit shows its problems.
    pub fn move_focus(&mut self, delta: isize) {
        let left = self.field();
        if self.edited.contains(&left) {
            self.touched.insert(left);
        }
        let last = fields(&self.draft).len() as isize - 1;
        self.cursor = (self.cursor as isize + delta).clamp(0, last) as usize;
        self.armed = None;
        self.load_input();
    }

    /// Focuses a field if it is shown.
    pub fn focus(&mut self, field: Field) {
        if let Some(i) = fields(&self.draft).iter().position(|f| *f == field) {
            self.cursor = i;
            self.load_input();
        }
    }

    /// The chosen engagement's customer when the draft names another one (ignoring case and
    /// spaces at the ends): an invitation is about the engagement's customer.
    pub fn customer_mismatch(&self) -> Option<&str> {
        let customer = self.context.as_ref()?.customer.as_ref()?;
        let typed = match self.draft.kind {
            crate::compose::draft::DraftKind::Opportunity => &self.draft.company,
            crate::compose::draft::DraftKind::Lead => &self.draft.lead_company,
        };
        let (a, b) = (typed.trim(), customer.company_name.trim());
        (!a.is_empty() && !b.is_empty() && a.to_lowercase() != b.to_lowercase()).then_some(b)
    }

    /// Re-checks the draft after a change to `field`: a text field alone (typing changes no
    /// other field's problem), the whole draft after a pick, a toggle or a button. A changed
    /// field's server problem goes away.
    pub fn changed(&mut self, field: Field) {
        if field == Field::Engagement {
            self.context = None;
        }
        self.server.remove(&Some(field));
        self.edited.insert(field);
        if field.editor() == crate::compose::fields::Editor::Text {
            match crate::compose::validate::problem(&self.draft, self.today, field) {
                Some(problem) => self.problems.insert(Some(field), problem),
                None => self.problems.remove(&Some(field)),
            };
        } else {
            self.recheck();
        }
        let n = fields(&self.draft).len();
        self.cursor = self.cursor.min(n - 1);
    }

    /// Checks the whole draft again.
    pub fn recheck(&mut self) {
        self.problems = crate::compose::validate::problems(&self.draft, self.today);
    }

    /// The problem to show next to a field, if any.
    pub fn problem(&self, field: Field) -> Option<&String> {
        let shown = self.submit_attempted || self.touched.contains(&field);
        self.server
            .get(&Some(field))
            .or_else(|| self.problems.get(&Some(field)).filter(|_| shown))
    }
}
