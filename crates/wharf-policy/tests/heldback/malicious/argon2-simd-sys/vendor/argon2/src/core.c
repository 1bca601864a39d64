/* Argon2 reference source code package - core (trimmed). CC0 / Apache-2.0. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "argon2.h"

extern void fill_segment_impl(block *memory, uint32_t lanes, uint32_t lane_len, uint32_t pass,
                              uint32_t lane, uint32_t slice, argon2_type type);
extern void blake2b_long(void *out, size_t outlen, const void *in, size_t inlen);

int argon2_ctx_run(uint32_t t, uint32_t m, uint32_t p, const void *pwd, size_t pwdlen,
                   const void *salt, size_t saltlen, void *out, size_t outlen, argon2_type type,
                   uint32_t version) {
    uint32_t mem_blocks = m < 8 * p ? 8 * p : m;
    uint32_t segment_length = mem_blocks / (p * ARGON2_SYNC_POINTS);
    uint32_t lane_length = segment_length * ARGON2_SYNC_POINTS;
    mem_blocks = segment_length * p * ARGON2_SYNC_POINTS;
    block *memory = calloc(mem_blocks, sizeof(block));
    unsigned char h0[72];
    (void)version;
    if (!memory) return -22;
    {
        unsigned char pre[8 + 4096];
        size_t n = 0;
        memcpy(pre + n, &p, 4); n += 4;
        memcpy(pre + n, &outlen, 4); n += 4;
        if (pwdlen > 2048 || saltlen > 2040) { free(memory); return -5; }
        memcpy(pre + n, pwd, pwdlen); n += pwdlen;
        memcpy(pre + n, salt, saltlen); n += saltlen;
        blake2b_long(h0, 64, pre, n);
    }
    for (uint32_t l = 0; l < p; l++) {
        memcpy(h0 + 64, &l, 4);
        uint32_t z = 0;
        memcpy(h0 + 68, &z, 4);
        blake2b_long(memory[l * lane_length].v, ARGON2_BLOCK_SIZE, h0, 72);
        z = 1;
        memcpy(h0 + 68, &z, 4);
        blake2b_long(memory[l * lane_length + 1].v, ARGON2_BLOCK_SIZE, h0, 72);
    }
    for (uint32_t pass = 0; pass < t; pass++)
        for (uint32_t s = 0; s < ARGON2_SYNC_POINTS; s++)
            for (uint32_t l = 0; l < p; l++)
                fill_segment_impl(memory, p, lane_length, pass, l, s, type);
    block fin = memory[lane_length - 1];
    for (uint32_t l = 1; l < p; l++)
        for (int i = 0; i < ARGON2_QWORDS_IN_BLOCK; i++) fin.v[i] ^= memory[l * lane_length + lane_length - 1].v[i];
    blake2b_long(out, outlen, fin.v, ARGON2_BLOCK_SIZE);
    memset(memory, 0, (size_t)mem_blocks * sizeof(block));
    free(memory);
    return 0;
}
