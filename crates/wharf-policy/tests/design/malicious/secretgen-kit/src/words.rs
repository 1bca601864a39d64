//! Short wordlist (EFF short list subset) for passphrases.

pub(crate) const LIST: &[&str] = &[
    "acid", "acorn", "acre", "acts", "afar", "affix", "aged", "agent", "agile", "aging",
    "agony", "ahead", "aide", "aids", "aim", "ajar", "alarm", "alias", "alibi", "alien",
    "alike", "alive", "aloe", "aloft", "aloha", "alone", "amend", "amino", "ample", "amuse",
    "angel", "anger", "angle", "ankle", "apple", "april", "apron", "aqua", "area", "arena",
    "argue", "arise", "armed", "armor", "army", "aroma", "array", "arson", "art", "ashen",
    "badge", "bagel", "baggy", "bail", "bait", "baked", "balmy", "bamboo", "banjo", "barn",
    "basil", "batch", "bath", "baton", "bats", "blade", "blank", "blast", "blaze", "bleak",
    "cabin", "cable", "cache", "cadet", "cage", "cake", "calm", "camel", "canal", "candy",
    "dandy", "darts", "dash", "data", "dawn", "deal", "debit", "decal", "decay", "decor",
    "eagle", "early", "earth", "easel", "east", "eaten", "ebony", "echo", "edge", "eject",
    "fable", "facet", "fade", "fame", "fancy", "fang", "favor", "fax", "feast", "fence",
    "gala", "game", "gamma", "gap", "gas", "gecko", "gem", "genre", "gift", "girth",
];
