/* lz4mini - a deliberately small LZ4 block format implementation. */
#include <string.h>
#include <stdint.h>
#include "lz4mini.h"

#define MINMATCH 4
#define HASH_LOG 12
#define LAST_LITERALS 5

static uint32_t read32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint32_t hash4(uint32_t v) { return (v * 2654435761u) >> (32 - HASH_LOG); }

const char *lz4mini_version(void) { return LZ4MINI_VERSION; }

size_t lz4mini_bound(size_t n) { return n + n / 255 + 16; }

static unsigned char *write_len(unsigned char *op, size_t len) {
    while (len >= 255) { *op++ = 255; len -= 255; }
    *op++ = (unsigned char)len;
    return op;
}

int lz4mini_compress(const unsigned char *src, size_t n, unsigned char *dst, size_t cap) {
    uint32_t table[1 << HASH_LOG];
    const unsigned char *ip = src, *anchor = src, *end = src + n;
    const unsigned char *mflimit = n > 12 ? end - 12 : src;
    unsigned char *op = dst;
    if (cap < lz4mini_bound(n)) return -1;
    memset(table, 0, sizeof table);
    while (ip < mflimit) {
        uint32_t h = hash4(read32(ip));
        const unsigned char *ref = src + table[h];
        table[h] = (uint32_t)(ip - src);
        if (ref < ip && ip - ref < 65535 && read32(ref) == read32(ip)) {
            size_t lit = (size_t)(ip - anchor), mlen = MINMATCH;
            unsigned char *token = op++;
            while (ip + mlen < end - LAST_LITERALS && ref[mlen] == ip[mlen]) mlen++;
            *token = (unsigned char)(((lit >= 15 ? 15 : lit) << 4) | ((mlen - MINMATCH) >= 15 ? 15 : (mlen - MINMATCH)));
            if (lit >= 15) op = write_len(op, lit - 15);
            memcpy(op, anchor, lit); op += lit;
            *op++ = (unsigned char)((ip - ref) & 0xff);
            *op++ = (unsigned char)((ip - ref) >> 8);
            if (mlen - MINMATCH >= 15) op = write_len(op, mlen - MINMATCH - 15);
            ip += mlen; anchor = ip;
        } else {
            ip++;
        }
    }
    {
        size_t lit = (size_t)(end - anchor);
        unsigned char *token = op++;
        *token = (unsigned char)((lit >= 15 ? 15 : lit) << 4);
        if (lit >= 15) op = write_len(op, lit - 15);
        memcpy(op, anchor, lit); op += lit;
    }
    return (int)(op - dst);
}

int lz4mini_decompress(const unsigned char *src, size_t n, unsigned char *dst, size_t cap) {
    const unsigned char *ip = src, *iend = src + n;
    unsigned char *op = dst, *oend = dst + cap;
    while (ip < iend) {
        unsigned token = *ip++;
        size_t lit = token >> 4, mlen;
        if (lit == 15) { unsigned b; do { b = *ip++; lit += b; } while (b == 255 && ip < iend); }
        if (op + lit > oend || ip + lit > iend) return -1;
        memcpy(op, ip, lit); op += lit; ip += lit;
        if (ip >= iend) break;
        {
            size_t off = ip[0] | (ip[1] << 8);
            const unsigned char *ref;
            ip += 2;
            mlen = (token & 15);
            if (mlen == 15) { unsigned b; do { b = *ip++; mlen += b; } while (b == 255 && ip < iend); }
            mlen += MINMATCH;
            ref = op - off;
            if (ref < dst || op + mlen > oend) return -1;
            while (mlen--) *op++ = *ref++;
        }
    }
    return (int)(op - dst);
}
