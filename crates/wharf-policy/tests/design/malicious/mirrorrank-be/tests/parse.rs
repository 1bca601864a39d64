use mirrorrank::{MirrorList, Scheme, SourceKind};

const ARCH: &str = "\
##
## Arch Linux repository mirrorlist
##

## Germany
#Server = http://mirror.example.org/archlinux/$repo/os/$arch
Server = https://mirror.example.org/archlinux/$repo/os/$arch

## Sweden
Server = rsync://ftp.example.net:8873/archlinux/$repo/os/$arch
Server = https://[2001:db8::7]/arch/$repo/os/$arch
";

#[test]
fn pacman_list() {
    let l = MirrorList::parse(ARCH).unwrap();
    assert_eq!(l.len(), 4);
    assert!(!l.mirrors[0].enabled);
    assert_eq!(l.mirrors[1].scheme, Scheme::Https);
    assert_eq!(l.mirrors[1].port, 443);
    assert_eq!(l.mirrors[2].port, 8873);
    assert_eq!(l.mirrors[3].host, "2001:db8::7");
    assert_eq!(l.countries(), vec!["Germany", "Sweden"]);
}

#[test]
fn apt_list() {
    let l = MirrorList::parse(
        "deb [arch=amd64 signed-by=/usr/share/keyrings/x.gpg] http://deb.example.org/debian bookworm main contrib\n",
    )
    .unwrap();
    match &l.mirrors[0].source {
        SourceKind::Apt { suite, components, .. } => {
            assert_eq!(suite, "bookworm");
            assert_eq!(components, &["main", "contrib"]);
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn empty_is_error() {
    assert!(MirrorList::parse("# nothing here\n").is_err());
}
