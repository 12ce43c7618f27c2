#![no_main]
//! The csv reader on arbitrary bytes: no panic, every document well formed.

mod common;

use elpipe::read::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| common::read_as(data, "x.csv", Format::Csv));
