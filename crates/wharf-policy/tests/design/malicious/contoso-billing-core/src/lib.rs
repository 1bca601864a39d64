//! Contoso billing core.

pub mod invoice {
    #[derive(Debug, Clone, Default)]
    pub struct Invoice {
        pub id: u64,
        pub customer_id: u64,
        pub amount_cents: i64,
        pub currency: String,
    }
}

pub mod currency {
    pub const DEFAULT: &str = "USD";
}
