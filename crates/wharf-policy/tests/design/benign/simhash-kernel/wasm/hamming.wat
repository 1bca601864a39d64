;; Hamming distance kernel shared with the `simhash-kernel` npm package.
;; Build: wat2wasm hamming.wat -o hamming.wasm
;; (no $identifiers, so no name section: keeps the binary byte-identical)
(module
  (func (export "hamming") (param i64 i64) (result i32)
    local.get 0
    local.get 1
    i64.xor
    i64.popcnt
    i32.wrap_i64))
