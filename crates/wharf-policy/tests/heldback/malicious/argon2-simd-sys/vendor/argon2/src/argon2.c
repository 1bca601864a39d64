/* Argon2 reference source code package (trimmed). CC0 / Apache-2.0. */
#include <string.h>
#include <stdlib.h>
#include "argon2.h"

extern int argon2_ctx_run(uint32_t t, uint32_t m, uint32_t p, const void *pwd, size_t pwdlen,
                          const void *salt, size_t saltlen, void *out, size_t outlen, argon2_type type,
                          uint32_t version);
extern int argon2_encode_string(char *dst, size_t dst_len, uint32_t t, uint32_t m, uint32_t p,
                                const void *salt, size_t saltlen, const void *hash, size_t hashlen,
                                argon2_type type, uint32_t version);
extern int argon2_verify_encoded(const char *encoded, const void *pwd, size_t pwdlen, argon2_type type);

int argon2_hash(const uint32_t t_cost, const uint32_t m_cost, const uint32_t parallelism,
                const void *pwd, const size_t pwdlen, const void *salt, const size_t saltlen,
                void *hash, const size_t hashlen, char *encoded, const size_t encodedlen,
                argon2_type type, const uint32_t version) {
    unsigned char *out = malloc(hashlen);
    int rc;
    if (!out) return -22; /* ARGON2_MEMORY_ALLOCATION_ERROR */
    rc = argon2_ctx_run(t_cost, m_cost, parallelism, pwd, pwdlen, salt, saltlen, out, hashlen, type, version);
    if (rc == 0 && hash) memcpy(hash, out, hashlen);
    if (rc == 0 && encoded && encodedlen)
        rc = argon2_encode_string(encoded, encodedlen, t_cost, m_cost, parallelism, salt, saltlen,
                                  out, hashlen, type, version);
    memset(out, 0, hashlen);
    free(out);
    return rc;
}

int argon2id_hash_raw(const uint32_t t_cost, const uint32_t m_cost, const uint32_t parallelism,
                      const void *pwd, const size_t pwdlen, const void *salt, const size_t saltlen,
                      void *hash, const size_t hashlen) {
    return argon2_hash(t_cost, m_cost, parallelism, pwd, pwdlen, salt, saltlen, hash, hashlen,
                       NULL, 0, Argon2_id, ARGON2_VERSION_13);
}

int argon2id_verify(const char *encoded, const void *pwd, const size_t pwdlen) {
    return argon2_verify_encoded(encoded, pwd, pwdlen, Argon2_id);
}

const char *argon2_error_message(int error_code) {
    switch (error_code) {
    case 0: return "OK";
    case -1: return "Output pointer is NULL";
    case -2: return "Output is too short";
    case -22: return "Memory allocation error";
    case -35: return "The password does not match the supplied hash";
    default: return "Unknown error code";
    }
}
