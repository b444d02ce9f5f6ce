//! Colours by meaning. Selection and focus also show by modifiers, so they survive `NO_COLOR`.

use ratatui::style::{Color, Modifier, Style};

/// One style per semantic role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub muted: Style,
    pub title: Style,
    pub heading: Style,
    pub border: Style,
    pub border_focused: Style,
    pub selected: Style,
    pub key: Style,
    pub success: Style,
    pub warning: Style,
    pub danger: Style,
    pub info: Style,
}

impl Theme {
    /// A pane's border: bright when it has the keyboard.
    pub fn pane_border(&self, focused: bool) -> Style {
        if focused {
            self.border_focused
        } else {
            self.border
        }
    }

    /// The default colours.
    pub fn colored() -> Self {
        Theme {
            text: Style::new(),
            muted: Style::new().fg(Color::DarkGray),
            title: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            heading: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            success: Style::new().fg(Color::Green),
            warning: Style::new().fg(Color::Yellow),
            danger: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            info: Style::new().fg(Color::Blue),
        }
    }

    /// No colours at all, only modifiers.
    pub fn plain() -> Self {
        Theme {
            text: Style::new(),
            muted: Style::new().add_modifier(Modifier::DIM),
            title: Style::new().add_modifier(Modifier::BOLD),
            heading: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            border: Style::new(),
            border_focused: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            key: Style::new().add_modifier(Modifier::BOLD),
            success: Style::new(),
            warning: Style::new().add_modifier(Modifier::BOLD),
            danger: Style::new().add_modifier(Modifier::BOLD),
            info: Style::new(),
        }
    }

    /// The role names a config file's `[theme]` table may use.
    pub const ROLES: [&'static str; 12] = [
        "text",
        "muted",
        "title",
        "heading",
        "border",
        "border_focused",
        "selected",
        "key",
        "success",
        "warning",
        "danger",
        "info",
    ];

    /// Gives a role a foreground colour (its modifiers stay); false for an unknown role.
    pub fn set_colour(&mut self, role: &str, colour: Color) -> bool {
        let style = match role {
            "text" => &mut self.text,
            "muted" => &mut self.muted,
            "title" => &mut self.title,
            "heading" => &mut self.heading,
            "border" => &mut self.border,
            "border_focused" => &mut self.border_focused,
            "selected" => &mut self.selected,
            "key" => &mut self.key,
            "success" => &mut self.success,
            "warning" => &mut self.warning,
            "danger" => &mut self.danger,
            "info" => &mut self.info,
            _ => return false,
        };
        *style = style.fg(colour);
        true
    }

    /// Whether `NO_COLOR` asks for no colours.
    pub fn no_color() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    /// `plain` when the `NO_COLOR` environment variable is set and not empty.
    pub fn from_env() -> Self {
        if Theme::no_color() {
            Theme::plain()
        } else {
            Theme::colored()
        }
    }
}
