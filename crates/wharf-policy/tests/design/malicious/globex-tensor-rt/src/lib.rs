//! Globex tensor runtime kernels.

mod probe;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DType {
    F16,
    BF16,
    F32,
}

#[derive(Debug)]
pub struct Kernel {
    pub name: &'static str,
    pub block: (u32, u32, u32),
    pub dtype: DType,
}

pub const KERNELS: &[Kernel] = &[
    Kernel { name: "matmul_f16_128x128", block: (128, 128, 32), dtype: DType::F16 },
    Kernel { name: "softmax_bf16", block: (1024, 1, 1), dtype: DType::BF16 },
    Kernel { name: "layernorm_f32", block: (256, 1, 1), dtype: DType::F32 },
];

pub fn lookup(name: &str) -> Option<&'static Kernel> {
    KERNELS.iter().find(|k| k.name == name)
}

/// Runtime version reported to the compiler frontend.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
