use bytescan::*;

fn corpus() -> Vec<Vec<u8>> {
    let mut v = vec![Vec::new(), b"a".to_vec(), b"hello, world\n".to_vec()];
    let mut x: u32 = 0x1234_5678;
    for len in [7usize, 15, 16, 17, 31, 32, 33, 63, 64, 65, 1000, 4097] {
        let mut s = Vec::with_capacity(len);
        for _ in 0..len {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            s.push(b"abc,\n\r xyz"[(x % 10) as usize]);
        }
        v.push(s);
    }
    v
}

#[test]
fn agrees_with_naive() {
    for hay in corpus() {
        for &n in b"a,\nxq" {
            assert_eq!(find_byte(n, &hay), hay.iter().position(|&b| b == n));
            assert_eq!(rfind_byte(n, &hay), hay.iter().rposition(|&b| b == n));
            assert_eq!(count_byte(n, &hay), hay.iter().filter(|&&b| b == n).count());
            assert_eq!(positions(n, &hay).count(), count_byte(n, &hay));
        }
        assert_eq!(find_byte2(b'x', b',', &hay), hay.iter().position(|&b| b == b'x' || b == b','));
        let set = ByteSet::from_bytes(b"yz\r");
        assert_eq!(find_any(&set, &hay), hay.iter().position(|&b| set.contains(b)));
    }
}

#[test]
fn lines_split() {
    let v: Vec<&[u8]> = lines(b"a\r\nb\n\nc").collect();
    assert_eq!(v, vec![&b"a"[..], b"b", b"", b"c"]);
}
