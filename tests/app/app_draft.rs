//! The create form's draft through the real event loop and local store: saved once typing
//! pauses, and never lost by quitting straight after a keystroke.

use crate::common;
use crate::fixtures;
use crate::headless;

use std::time::Duration;

use crossterm::event::KeyCode;
use headless::Headless;
use pc_inbox::app::Modal;
use pc_inbox::compose::draft::Draft;
use pc_inbox::store::DataDir;

/// The draft the local store holds.
fn stored(data: &DataDir) -> Option<Draft> {
    data.open().unwrap().store.draft::<Draft>().unwrap()
}

/// Opens the form and types `text` into the receiver account.
async fn type_account(app: &mut Headless, text: &str) {
    app.open_form().await;
    app.press(fixtures::code(KeyCode::Down)).await;
    for c in text.chars() {
        app.press(fixtures::key(c)).await;
    }
    assert_eq!(app.form().draft.receiver_account, text);
}

#[tokio::test(start_paused = true)]
async fn typing_then_quitting_at_once_keeps_every_character() {
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let mut app = Headless::start(&emulator, &data).await;
    type_account(&mut app, "4444").await;
    assert!(app.form().unsaved, "not saved while typing");
    app.press(fixtures::ctrl('c')).await;
    assert!(app.state.quit);
    app.stop();
    assert_eq!(stored(&data).unwrap().receiver_account, "4444");

    let mut app = Headless::start(&emulator, &data).await;
    let draft = app.state.draft.clone().expect("the draft is offered again");
    assert_eq!(draft.receiver_account, "4444");
    app.open_form().await;
    assert_eq!(app.form().draft.receiver_account, "4444");
    app.stop();
}

#[tokio::test(start_paused = true)]
async fn a_pause_in_typing_saves_the_draft_without_quitting() {
    let emulator = common::start(common::config(0)).await;
    let dir = tempfile::tempdir().unwrap();
    let data = DataDir::at(dir.path());
    let mut app = Headless::start(&emulator, &data).await;
    type_account(&mut app, "5555").await;
    let typed = tokio::time::Instant::now();
    app.until(
        "the draft saved",
        |s| matches!(s.top(), Some(Modal::Create(f)) if !f.unsaved),
    )
    .await;
    let quiet = tokio::time::Instant::now() - typed;
    let delay = app.state.settings.draft_save_delay;
    assert!(
        quiet >= delay && quiet < delay + Duration::from_millis(250),
        "saved {quiet:?} after the last key"
    );
    app.stop();
    assert_eq!(stored(&data).unwrap().receiver_account, "5555");
}
