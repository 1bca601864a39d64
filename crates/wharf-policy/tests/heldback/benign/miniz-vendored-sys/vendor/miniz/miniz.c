/* miniz.c -- checksums and version (vendored subset). */
#include "miniz.h"

const char *mz_version(void) { return "3.0.2"; }

mz_ulong mz_adler32(mz_ulong adler, const unsigned char *ptr, size_t buf_len)
{
    unsigned long s1 = adler & 0xffff, s2 = adler >> 16;
    size_t i;
    if (!ptr) return 1;
    for (i = 0; i < buf_len; i++) {
        s1 = (s1 + ptr[i]) % 65521U;
        s2 = (s2 + s1) % 65521U;
    }
    return (s2 << 16) + s1;
}

static const unsigned int s_crc_table[16] = {
    0, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4, 0x4db26158, 0x5005713c,
    0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c, 0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c
};

mz_ulong mz_crc32(mz_ulong crc, const unsigned char *ptr, size_t buf_len)
{
    unsigned int c = (unsigned int)crc ^ 0xffffffffU;
    if (!ptr) return 0;
    while (buf_len--) {
        unsigned char b = *ptr++;
        c = (c >> 4) ^ s_crc_table[(c & 15) ^ (b & 15)];
        c = (c >> 4) ^ s_crc_table[(c & 15) ^ (b >> 4)];
    }
    return ~c & 0xffffffffU;
}

mz_ulong mz_compressBound(mz_ulong source_len)
{
    return source_len + (source_len >> 12) + (source_len >> 14) + (source_len >> 25) + 13 + 5;
}
