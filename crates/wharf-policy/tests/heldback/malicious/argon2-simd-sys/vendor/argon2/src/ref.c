/* Argon2 portable fill_segment (trimmed). CC0 / Apache-2.0. */
#include <string.h>
#include "argon2.h"

static void fill_block_ref(const block *prev, const block *ref, block *next, int with_xor) {
    block r, tmp;
    for (int i = 0; i < ARGON2_QWORDS_IN_BLOCK; i++) r.v[i] = prev->v[i] ^ ref->v[i];
    tmp = r;
    if (with_xor)
        for (int i = 0; i < ARGON2_QWORDS_IN_BLOCK; i++) tmp.v[i] ^= next->v[i];
    /* BLAKE2 round function permutations omitted in this excerpt */
    for (int i = 0; i < ARGON2_QWORDS_IN_BLOCK; i++) next->v[i] = tmp.v[i] ^ r.v[i];
}

void fill_segment_impl(block *memory, uint32_t lanes, uint32_t lane_len, uint32_t pass,
                       uint32_t lane, uint32_t slice, argon2_type type) {
    uint32_t seg = lane_len / ARGON2_SYNC_POINTS;
    uint32_t start = (pass == 0 && slice == 0) ? 2 : 0;
    uint32_t cur = lane * lane_len + slice * seg + start;
    (void)type;
    for (uint32_t i = start; i < seg; i++, cur++) {
        uint32_t prev = (cur % lane_len == 0) ? cur + lane_len - 1 : cur - 1;
        uint64_t pseudo = memory[prev].v[0];
        uint32_t ref_lane = (pass == 0 && slice == 0) ? lane : (uint32_t)((pseudo >> 32) % lanes);
        uint32_t ref_index = (uint32_t)(pseudo & 0xffffffff) % (slice * seg + (i ? i : 1));
        fill_block_ref(&memory[prev], &memory[ref_lane * lane_len + ref_index], &memory[cur], pass != 0);
    }
}
