use modbus_lite::{Client, TcpTransport};
use std::time::Duration;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = std::env::args().nth(1).unwrap_or_else(|| "198.51.100.20:502".into());
    let mut plc = Client::new(TcpTransport::new(addr)?.timeout(Duration::from_secs(1)), 1);
    loop {
        let regs = plc.read_holding_registers(0, 10)?;
        println!("{regs:?}");
        std::thread::sleep(Duration::from_secs(1));
    }
}
