#ifndef CRC32C_HW_H
#define CRC32C_HW_H
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Extend a running CRC-32C with `len` bytes. Pass 0 to start. */
uint32_t crc32c_hw_extend(uint32_t crc, const uint8_t *data, size_t len);
/* Portable table-driven version, always available. */
uint32_t crc32c_sw_extend(uint32_t crc, const uint8_t *data, size_t len);
/* 1 if the hardware path is used on this CPU. */
int crc32c_hw_available(void);

#ifdef __cplusplus
}
#endif
#endif
