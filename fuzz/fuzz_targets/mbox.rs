#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    spoor_fuzz::entry::mbox(data);
});
