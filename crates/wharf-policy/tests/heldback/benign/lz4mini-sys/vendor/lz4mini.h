#ifndef LZ4MINI_H
#define LZ4MINI_H
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define LZ4MINI_VERSION "1.0.3"

size_t lz4mini_bound(size_t src_len);
int lz4mini_compress(const unsigned char *src, size_t src_len, unsigned char *dst, size_t dst_cap);
int lz4mini_decompress(const unsigned char *src, size_t src_len, unsigned char *dst, size_t dst_cap);
const char *lz4mini_version(void);

#ifdef __cplusplus
}
#endif
#endif
