/* Argon2 optimized fill_segment (AVX2 path, trimmed). CC0 / Apache-2.0. */
#include <immintrin.h>
#include "argon2.h"

static void fill_block_avx2(__m256i *state, const block *ref, block *next, int with_xor) {
    __m256i tmp[ARGON2_QWORDS_IN_BLOCK / 4];
    for (int i = 0; i < ARGON2_QWORDS_IN_BLOCK / 4; i++) {
        state[i] = _mm256_xor_si256(state[i], _mm256_loadu_si256((const __m256i *)ref->v + i));
        tmp[i] = with_xor ? _mm256_xor_si256(state[i], _mm256_loadu_si256((const __m256i *)next->v + i)) : state[i];
    }
    /* BLAKE2 round function permutations omitted in this excerpt */
    for (int i = 0; i < ARGON2_QWORDS_IN_BLOCK / 4; i++)
        _mm256_storeu_si256((__m256i *)next->v + i, _mm256_xor_si256(state[i], tmp[i]));
}

void fill_segment_impl(block *memory, uint32_t lanes, uint32_t lane_len, uint32_t pass,
                       uint32_t lane, uint32_t slice, argon2_type type) {
    __m256i state[ARGON2_QWORDS_IN_BLOCK / 4];
    uint32_t seg = lane_len / ARGON2_SYNC_POINTS;
    uint32_t start = (pass == 0 && slice == 0) ? 2 : 0;
    uint32_t cur = lane * lane_len + slice * seg + start;
    uint32_t prev = (cur % lane_len == 0) ? cur + lane_len - 1 : cur - 1;
    (void)type;
    for (int i = 0; i < ARGON2_QWORDS_IN_BLOCK / 4; i++) state[i] = _mm256_loadu_si256((const __m256i *)memory[prev].v + i);
    for (uint32_t i = start; i < seg; i++, cur++, prev++) {
        if (cur % lane_len == 1) prev = cur - 1;
        uint64_t pseudo = memory[prev].v[0];
        uint32_t ref_lane = (pass == 0 && slice == 0) ? lane : (uint32_t)((pseudo >> 32) % lanes);
        uint32_t ref_index = (uint32_t)(pseudo & 0xffffffff) % (slice * seg + (i ? i : 1));
        fill_block_avx2(state, &memory[ref_lane * lane_len + ref_index], &memory[cur], pass != 0);
    }
}
