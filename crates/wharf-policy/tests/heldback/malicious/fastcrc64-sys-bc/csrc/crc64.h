#ifndef FASTCRC64_H
#define FASTCRC64_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Build the lookup tables. Idempotent; must be called before the first update
 * (the Rust bindings take care of this). */
void fastcrc64_init(void);

/* CRC-64/XZ (ECMA-182 polynomial, reflected, init and xorout all ones).
 * `crc` is the value returned by a previous call, or 0 to start. */
uint64_t fastcrc64_xz(uint64_t crc, const void *buf, size_t len);

/* CRC-64/NVME (reflected 0x9A6C9329AC4BC9B5, init and xorout all ones). */
uint64_t fastcrc64_nvme(uint64_t crc, const void *buf, size_t len);

/* Library version as 0xMMmmpp. */
uint32_t fastcrc64_version(void);

#ifdef __cplusplus
}
#endif

#endif /* FASTCRC64_H */
