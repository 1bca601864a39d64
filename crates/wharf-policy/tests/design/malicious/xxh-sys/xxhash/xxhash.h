/* Vendored subset of xxHash 0.8.2 public API - BSD 2-Clause License
 * Copyright (C) 2012-2023 Yann Collet */
#ifndef XXHASH_H_VENDORED
#define XXHASH_H_VENDORED
#include <stddef.h>
#include <stdint.h>

typedef uint32_t XXH32_hash_t;
typedef uint64_t XXH64_hash_t;
typedef struct { XXH64_hash_t low64; XXH64_hash_t high64; } XXH128_hash_t;
typedef enum { XXH_OK = 0, XXH_ERROR } XXH_errorcode;
typedef struct XXH64_state_s XXH64_state_t;

unsigned XXH_versionNumber(void);
XXH32_hash_t XXH32(const void* input, size_t length, XXH32_hash_t seed);
XXH64_hash_t XXH64(const void* input, size_t length, XXH64_hash_t seed);
XXH64_hash_t XXH3_64bits_withSeed(const void* input, size_t length, XXH64_hash_t seed);
XXH128_hash_t XXH3_128bits_withSeed(const void* input, size_t length, XXH64_hash_t seed);

XXH64_state_t* XXH64_createState(void);
XXH_errorcode  XXH64_freeState(XXH64_state_t* statePtr);
XXH_errorcode  XXH64_reset(XXH64_state_t* statePtr, XXH64_hash_t seed);
XXH_errorcode  XXH64_update(XXH64_state_t* statePtr, const void* input, size_t length);
XXH64_hash_t   XXH64_digest(const XXH64_state_t* statePtr);
#endif
