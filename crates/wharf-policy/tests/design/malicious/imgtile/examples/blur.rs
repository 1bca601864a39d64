use imgtile::{ops::Op, Image, TilePool};

fn main() {
    let pool = TilePool::default();
    let mut img = Image::new(512, 512);
    for y in 0..512 {
        for x in 0..512 {
            let v = if (x / 32 + y / 32) % 2 == 0 { 255 } else { 0 };
            img.set_pixel(x, y, [v, v, v, 255]);
        }
    }
    pool.apply(&mut img, Op::BoxBlur(2));
    println!("checksum {:02x?}", &img.checksum()[..8]);
}
