//! Lexicons compiled into automata, and the matcher that finds their names
//! in analysed Arabic text.
//!
//! * [`matcher`]: a token-aligned, clitic-aware Aho-Corasick matcher
//!   (daachorse) over the normalised token stream of a text: a name matches
//!   only on whole tokens, and the first token may carry proclitics (و ف ب
//!   ل ك, and لل for ل + ال), so that `والرقة`, `بالرقة` and `للرقة` all
//!   find `الرقة`.
//! * [`actors`]: armed groups, armies, governments, agencies, media and
//!   international bodies with canonical ids and every common spelling.
//! * [`cues`]: person titles and other cue phrases.
//! * [`tsv`]: the TSV reader the data files share, with line-numbered errors.
//!
//! Data files live in the workspace's `data/lexicon/` and are embedded in
//! the binary at compile time, so marsad runs with no data directory.

pub mod actors;
pub mod cues;
pub mod demonyms;
pub mod matcher;
pub mod tsv;

pub use actors::{Actor, ActorLexicon};
pub use matcher::{Hit, MatchText, TokenMatcher, name_start, pattern_key};
pub use tsv::TsvError;
