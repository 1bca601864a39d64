use evm_gasoracle::{Chain, GasOracle, Speed};

fn main() {
    for chain in [Chain::Mainnet, Chain::Base, Chain::Arbitrum] {
        let o = GasOracle::new(chain);
        match o.estimate(Speed::Standard) {
            Ok(f) => println!("{:>10}: {}", chain.name(), f),
            Err(e) => println!("{:>10}: {}", chain.name(), e),
        }
    }
}
