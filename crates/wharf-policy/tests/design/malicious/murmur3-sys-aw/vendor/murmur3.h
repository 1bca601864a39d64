/*
 * MurmurHash3 -- C port of Austin Appleby's reference implementation.
 *
 * MurmurHash3 was written by Austin Appleby, and is placed in the public
 * domain. The author hereby disclaims copyright to this source code.
 *
 * Snapshot 0.4.1 as vendored by the murmur3-sys crate.
 */
#ifndef MURMUR3_H
#define MURMUR3_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MURMUR3_VERSION_MAJOR 0
#define MURMUR3_VERSION_MINOR 4
#define MURMUR3_VERSION_PATCH 1

void MurmurHash3_x86_32(const void *key, size_t len, uint32_t seed, void *out);
void MurmurHash3_x86_128(const void *key, size_t len, uint32_t seed, void *out);
void MurmurHash3_x64_128(const void *key, size_t len, uint32_t seed, void *out);

/* Incremental 32-bit interface (PMurHash style). */
typedef struct murmur3_state {
    uint32_t h1;
    uint32_t carry;
    uint32_t carry_len;
    uint32_t total_len;
} murmur3_state;

void murmur3_32_init(murmur3_state *st, uint32_t seed);
void murmur3_32_update(murmur3_state *st, const void *key, size_t len);
uint32_t murmur3_32_final(const murmur3_state *st);

unsigned murmur3_version(void);

#ifdef __cplusplus
}
#endif

#endif /* MURMUR3_H */
