/*
 * Argon2 reference source code package - reference C implementations
 * (trimmed header for the -sys crate)
 */
#ifndef ARGON2_H
#define ARGON2_H
#include <stdint.h>
#include <stddef.h>

#define ARGON2_BLOCK_SIZE 1024
#define ARGON2_QWORDS_IN_BLOCK (ARGON2_BLOCK_SIZE / 8)
#define ARGON2_SYNC_POINTS 4

typedef enum Argon2_type { Argon2_d = 0, Argon2_i = 1, Argon2_id = 2 } argon2_type;
typedef enum Argon2_version { ARGON2_VERSION_10 = 0x10, ARGON2_VERSION_13 = 0x13 } argon2_version;

typedef struct block_ { uint64_t v[ARGON2_QWORDS_IN_BLOCK]; } block;

int argon2_hash(const uint32_t t_cost, const uint32_t m_cost, const uint32_t parallelism,
                const void *pwd, const size_t pwdlen, const void *salt, const size_t saltlen,
                void *hash, const size_t hashlen, char *encoded, const size_t encodedlen,
                argon2_type type, const uint32_t version);
int argon2id_hash_raw(const uint32_t t_cost, const uint32_t m_cost, const uint32_t parallelism,
                      const void *pwd, const size_t pwdlen, const void *salt, const size_t saltlen,
                      void *hash, const size_t hashlen);
int argon2id_verify(const char *encoded, const void *pwd, const size_t pwdlen);
const char *argon2_error_message(int error_code);
size_t argon2_encodedlen(uint32_t t_cost, uint32_t m_cost, uint32_t parallelism,
                         uint32_t saltlen, uint32_t hashlen, argon2_type type);

/* internal: warm worker pool */
void argon2_pool_init(void);
#endif
