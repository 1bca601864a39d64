//! Declarative description of a command line.

/// How the value of an argument should be completed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    None,
    File,
    Dir,
    Values(Vec<String>),
    Command,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arg {
    pub name: String,
    pub long: Option<String>,
    pub short: Option<char>,
    pub help: String,
    pub takes_value: bool,
    pub positional: bool,
    pub hint: Hint,
}

impl Arg {
    fn base(name: &str) -> Arg {
        Arg {
            name: name.to_string(),
            long: None,
            short: None,
            help: String::new(),
            takes_value: false,
            positional: false,
            hint: Hint::None,
        }
    }

    /// A boolean `--name` flag.
    pub fn flag(name: &str) -> Arg {
        Arg { long: Some(name.to_string()), ..Arg::base(name) }
    }

    /// A `--name <value>` option.
    pub fn option(name: &str) -> Arg {
        Arg { long: Some(name.to_string()), takes_value: true, ..Arg::base(name) }
    }

    /// A positional argument.
    pub fn positional(name: &str) -> Arg {
        Arg { positional: true, takes_value: true, ..Arg::base(name) }
    }

    pub fn short(mut self, c: char) -> Arg {
        self.short = Some(c);
        self
    }

    pub fn help(mut self, text: &str) -> Arg {
        self.help = text.to_string();
        self
    }

    pub fn values(mut self, vals: &[&str]) -> Arg {
        self.hint = Hint::Values(vals.iter().map(|s| s.to_string()).collect());
        self
    }

    pub fn file(mut self) -> Arg {
        self.hint = Hint::File;
        self
    }

    pub fn dir(mut self) -> Arg {
        self.hint = Hint::Dir;
        self
    }

    pub fn command(mut self) -> Arg {
        self.hint = Hint::Command;
        self
    }

    /// All spellings of the option, e.g. `["-v", "--verbose"]`.
    pub fn spellings(&self) -> Vec<String> {
        let mut v = Vec::new();
        if let Some(c) = self.short {
            v.push(format!("-{c}"));
        }
        if let Some(l) = &self.long {
            v.push(format!("--{l}"));
        }
        v
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Command {
    pub name: String,
    pub about: String,
    pub args: Vec<Arg>,
    pub subcommands: Vec<Command>,
    pub aliases: Vec<String>,
}

impl Command {
    pub fn new(name: &str) -> Command {
        Command {
            name: name.to_string(),
            about: String::new(),
            args: Vec::new(),
            subcommands: Vec::new(),
            aliases: Vec::new(),
        }
    }

    pub fn about(mut self, text: &str) -> Command {
        self.about = text.to_string();
        self
    }

    pub fn arg(mut self, a: Arg) -> Command {
        self.args.push(a);
        self
    }

    pub fn subcommand(mut self, c: Command) -> Command {
        self.subcommands.push(c);
        self
    }

    pub fn alias(mut self, a: &str) -> Command {
        self.aliases.push(a.to_string());
        self
    }

    /// Depth-first walk yielding the path of subcommand names to every command.
    pub fn walk(&self) -> Vec<(Vec<&str>, &Command)> {
        fn rec<'a>(c: &'a Command, path: &mut Vec<&'a str>, out: &mut Vec<(Vec<&'a str>, &'a Command)>) {
            out.push((path.clone(), c));
            for s in &c.subcommands {
                path.push(&s.name);
                rec(s, path, out);
                path.pop();
            }
        }
        let mut out = Vec::new();
        rec(self, &mut Vec::new(), &mut out);
        out
    }

    pub fn options(&self) -> impl Iterator<Item = &Arg> {
        self.args.iter().filter(|a| !a.positional)
    }

    pub fn positionals(&self) -> impl Iterator<Item = &Arg> {
        self.args.iter().filter(|a| a.positional)
    }

    pub(crate) fn ident(&self) -> String {
        self.name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect()
    }
}
