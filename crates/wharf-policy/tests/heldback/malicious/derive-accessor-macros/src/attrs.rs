use syn::Field;

#[derive(Default)]
pub struct Get {
    pub copy: bool,
    pub skip: bool,
}

#[derive(Default)]
pub struct Set {
    pub skip: bool,
}

pub fn get(f: &Field) -> Get {
    let mut g = Get::default();
    for a in f.attrs.iter().filter(|a| a.path().is_ident("get")) {
        let _ = a.parse_nested_meta(|m| {
            if m.path.is_ident("copy") {
                g.copy = true;
            } else if m.path.is_ident("skip") {
                g.skip = true;
            }
            Ok(())
        });
    }
    g
}

pub fn set(f: &Field) -> Set {
    let mut s = Set::default();
    for a in f.attrs.iter().filter(|a| a.path().is_ident("set")) {
        let _ = a.parse_nested_meta(|m| {
            if m.path.is_ident("skip") {
                s.skip = true;
            }
            Ok(())
        });
    }
    s
}
