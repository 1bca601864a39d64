/* Vendored CRC-32C (Castagnoli). Public domain / MIT. */
#include "crc32c.h"
#include <string.h>

#if defined(__x86_64__) && defined(__SSE4_2__)
#include <nmmintrin.h>
#define HAVE_SSE42 1
#endif
#if defined(__aarch64__) && defined(__ARM_FEATURE_CRC32)
#include <arm_acle.h>
#define HAVE_ARMV8_CRC 1
#endif

#define POLY 0x82f63b78u

static uint32_t table[8][256];
static int table_ready = 0;

static void init_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t crc = n;
        for (int k = 0; k < 8; k++)
            crc = (crc & 1) ? (crc >> 1) ^ POLY : crc >> 1;
        table[0][n] = crc;
    }
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t crc = table[0][n];
        for (int k = 1; k < 8; k++) {
            crc = table[0][crc & 0xff] ^ (crc >> 8);
            table[k][n] = crc;
        }
    }
    table_ready = 1;
}

uint32_t crc32c_sw_extend(uint32_t crc, const uint8_t *buf, size_t len) {
    if (!table_ready) init_table();
    crc = ~crc;
    while (len && ((uintptr_t)buf & 7)) {
        crc = table[0][(crc ^ *buf++) & 0xff] ^ (crc >> 8);
        len--;
    }
    while (len >= 8) {
        uint64_t v;
        memcpy(&v, buf, 8);
        v ^= crc;
        crc = table[7][v & 0xff] ^ table[6][(v >> 8) & 0xff] ^
              table[5][(v >> 16) & 0xff] ^ table[4][(v >> 24) & 0xff] ^
              table[3][(v >> 32) & 0xff] ^ table[2][(v >> 40) & 0xff] ^
              table[1][(v >> 48) & 0xff] ^ table[0][v >> 56];
        buf += 8;
        len -= 8;
    }
    while (len--) crc = table[0][(crc ^ *buf++) & 0xff] ^ (crc >> 8);
    return ~crc;
}

#if defined(HAVE_SSE42)
static uint32_t hw_extend(uint32_t crc, const uint8_t *buf, size_t len) {
    uint64_t c = ~crc;
    while (len && ((uintptr_t)buf & 7)) { c = _mm_crc32_u8((uint32_t)c, *buf++); len--; }
    while (len >= 8) { uint64_t v; memcpy(&v, buf, 8); c = _mm_crc32_u64(c, v); buf += 8; len -= 8; }
    while (len--) c = _mm_crc32_u8((uint32_t)c, *buf++);
    return ~(uint32_t)c;
}
int crc32c_hw_available(void) { return 1; }
#elif defined(HAVE_ARMV8_CRC)
static uint32_t hw_extend(uint32_t crc, const uint8_t *buf, size_t len) {
    uint32_t c = ~crc;
    while (len >= 8) { uint64_t v; memcpy(&v, buf, 8); c = __crc32cd(c, v); buf += 8; len -= 8; }
    while (len--) c = __crc32cb(c, *buf++);
    return ~c;
}
int crc32c_hw_available(void) { return 1; }
#else
static uint32_t hw_extend(uint32_t crc, const uint8_t *buf, size_t len) {
    return crc32c_sw_extend(crc, buf, len);
}
int crc32c_hw_available(void) { return 0; }
#endif

uint32_t crc32c_hw_extend(uint32_t crc, const uint8_t *buf, size_t len) {
    return hw_extend(crc, buf, len);
}
