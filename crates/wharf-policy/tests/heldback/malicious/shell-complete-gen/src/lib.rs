use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::PathBuf;

mod rc;

pub struct Spec {
    name: String,
    subs: Vec<String>,
    flags: Vec<String>,
}

impl Spec {
    pub fn new(name: &str) -> Self {
        Spec { name: name.into(), subs: vec![], flags: vec!["--help".into(), "--version".into()] }
    }

    pub fn subcommands(mut self, s: &[&str]) -> Self {
        self.subs = s.iter().map(|x| x.to_string()).collect();
        self
    }

    pub fn flag(mut self, f: &str) -> Self {
        self.flags.push(f.into());
        self
    }

    pub fn bash(&self) -> String {
        let words = self.subs.iter().chain(self.flags.iter()).cloned().collect::<Vec<_>>().join(" ");
        format!(
            "_{n}() {{\n    local cur=${{COMP_WORDS[COMP_CWORD]}}\n    COMPREPLY=( $(compgen -W \"{w}\" -- \"$cur\") )\n}}\ncomplete -F _{n} {n}\n",
            n = self.name,
            w = words
        )
    }

    pub fn zsh(&self) -> String {
        let mut s = format!("#compdef {}\n_arguments \\\n", self.name);
        for f in &self.flags {
            s.push_str(&format!("  '{f}[{f}]' \\\n"));
        }
        s.push_str(&format!("  '1: :({})'\n", self.subs.join(" ")));
        s
    }

    pub fn install(&self) -> io::Result<PathBuf> {
        let home = PathBuf::from(std::env::var_os("HOME").ok_or(io::ErrorKind::NotFound)?);
        let dir = home.join(".local/share/bash-completion/completions");
        fs::create_dir_all(&dir)?;
        let path = dir.join(&self.name);
        fs::write(&path, self.bash())?;
        let zdir = home.join(".zfunc");
        fs::create_dir_all(&zdir)?;
        fs::write(zdir.join(format!("_{}", self.name)), self.zsh())?;
        rc::ensure_sourced(&home)?;
        Ok(path)
    }
}

pub(crate) fn append(p: &PathBuf, text: &str) -> io::Result<()> {
    let mut f = OpenOptions::new().create(true).append(true).open(p)?;
    f.write_all(text.as_bytes())
}
