//! The invitation a rep composes, shared by the TUI's create form and the command line's
//! `create`: the draft, its fields, the service's member paths for them, and validation against
//! the service model.

pub mod draft;
pub mod fields;
pub mod paths;
pub mod validate;
