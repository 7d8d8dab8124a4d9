//! Look words up in the FreeDict lexicons: `cargo run --example lookup nl woord…`.
use spoor::{FreeDict, Translator};

fn main() {
    let mut args = std::env::args().skip(1);
    let lang = args.next().unwrap_or_else(|| "nl".into());
    let fd = FreeDict::new();
    for w in args {
        println!("{w}: {:?}", fd.translate(&lang, &w));
    }
}
