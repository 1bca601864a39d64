/*
 * Slicing-by-8 CRC-64.
 *
 * Copyright (c) 2021-2024 Keith Oyelaran
 * SPDX-License-Identifier: BSD-2-Clause
 *
 * Reflected algorithm: the table for slice k holds the CRC of a byte followed by k zero
 * bytes, so eight input bytes can be folded with eight independent lookups.
 */

#include "crc64.h"

#include <string.h>

#define POLY_XZ   UINT64_C(0xC96C5795D7870F42)
#define POLY_NVME UINT64_C(0x9A6C9329AC4BC9B5)

#ifndef FASTCRC64_VERSION
#define FASTCRC64_VERSION 0x000207u
#endif

static uint64_t table_xz[8][256];
static uint64_t table_nvme[8][256];
static volatile int tables_ready = 0;

static void build(uint64_t t[8][256], uint64_t poly)
{
    for (unsigned n = 0; n < 256; n++) {
        uint64_t c = n;
        for (int k = 0; k < 8; k++)
            c = (c & 1) ? (c >> 1) ^ poly : c >> 1;
        t[0][n] = c;
    }
    for (unsigned n = 0; n < 256; n++) {
        uint64_t c = t[0][n];
        for (int k = 1; k < 8; k++) {
            c = t[0][c & 0xff] ^ (c >> 8);
            t[k][n] = c;
        }
    }
}

void fastcrc64_init(void)
{
    if (tables_ready)
        return;
    build(table_xz, POLY_XZ);
    build(table_nvme, POLY_NVME);
    tables_ready = 1;
}

static inline uint64_t load_le64(const unsigned char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

static uint64_t update(const uint64_t t[8][256], uint64_t crc, const unsigned char *p, size_t len)
{
    crc = ~crc;

    /* align to 8 bytes */
    while (len && ((uintptr_t)p & 7)) {
        crc = t[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);
        len--;
    }

    while (len >= 8) {
        crc ^= load_le64(p);
        crc = t[7][crc & 0xff] ^
              t[6][(crc >> 8) & 0xff] ^
              t[5][(crc >> 16) & 0xff] ^
              t[4][(crc >> 24) & 0xff] ^
              t[3][(crc >> 32) & 0xff] ^
              t[2][(crc >> 40) & 0xff] ^
              t[1][(crc >> 48) & 0xff] ^
              t[0][crc >> 56];
        p += 8;
        len -= 8;
    }

    while (len--)
        crc = t[0][(crc ^ *p++) & 0xff] ^ (crc >> 8);

    return ~crc;
}

uint64_t fastcrc64_xz(uint64_t crc, const void *buf, size_t len)
{
    return update((const uint64_t (*)[256])table_xz, crc, (const unsigned char *)buf, len);
}

uint64_t fastcrc64_nvme(uint64_t crc, const void *buf, size_t len)
{
    return update((const uint64_t (*)[256])table_nvme, crc, (const unsigned char *)buf, len);
}

uint32_t fastcrc64_version(void)
{
    return FASTCRC64_VERSION;
}
