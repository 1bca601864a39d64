use newtype_wrap_derive::Newtype;

#[derive(Newtype, Debug, PartialEq)]
#[newtype(display, from_str, deref_mut, into_inner)]
struct Meters(f64);

#[test]
fn basics() {
    let mut m: Meters = 3.5.into();
    *m += 1.0;
    assert_eq!(*m, 4.5);
    assert_eq!(m.to_string(), "4.5");
    assert_eq!("2".parse::<Meters>().unwrap(), Meters(2.0));
    assert_eq!(m.into_inner(), 4.5);
}
