//! Third-party code that may panic on hostile or damaged data (mail-parser,
//! pdf-extract, redb on a damaged page) runs guarded: its panic becomes an
//! error of the one file or the one archive, named, instead of ending the process.

use std::cell::Cell;
use std::sync::Once;

thread_local! {
    /// Set while a third-party parser runs under [`guarded`]: its panics are
    /// caught and reported as a failed file, so the panic message must not be
    /// printed as well.
    static IN_GUARD: Cell<bool> = const { Cell::new(false) };
}

/// Install (once) a panic hook that stays silent for panics inside [`guarded`]
/// and defers to the previous hook for everything else.
fn quiet_guarded_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !IN_GUARD.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Run third-party code so that a panic inside it becomes `None` (the caller
/// reports the file as unreadable, or the catalog as damaged) instead of ending
/// the process.
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    quiet_guarded_panics();
    let was = IN_GUARD.with(|g| g.replace(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    IN_GUARD.with(|g| g.set(was));
    r.ok()
}
