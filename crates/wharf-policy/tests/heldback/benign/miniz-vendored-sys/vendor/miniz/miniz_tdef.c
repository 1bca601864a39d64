/* miniz_tdef.c -- stored-block deflate/inflate used when level == 0
 * (the full tdefl/tinfl engines are not part of this trimmed vendor copy). */
#include <string.h>
#include "miniz.h"

int mz_compress2(unsigned char *d, mz_ulong *dl, const unsigned char *s, mz_ulong sl, int level)
{
    mz_ulong need = sl + 11 + 5 * (sl / 65535 + 1), pos = 2, off = 0;
    mz_ulong a;
    if (level != MZ_NO_COMPRESSION) return MZ_PARAM_ERROR;
    if (*dl < need) return MZ_BUF_ERROR;
    d[0] = 0x78; d[1] = 0x01;
    do {
        mz_ulong n = sl - off > 65535 ? 65535 : sl - off;
        d[pos++] = (off + n == sl) ? 1 : 0;
        d[pos++] = (unsigned char)(n & 0xff); d[pos++] = (unsigned char)(n >> 8);
        d[pos++] = (unsigned char)(~n & 0xff); d[pos++] = (unsigned char)((~n >> 8) & 0xff);
        memcpy(d + pos, s + off, n); pos += n; off += n;
    } while (off < sl);
    a = mz_adler32(1, s, sl);
    d[pos++] = (unsigned char)(a >> 24); d[pos++] = (unsigned char)(a >> 16);
    d[pos++] = (unsigned char)(a >> 8);  d[pos++] = (unsigned char)a;
    *dl = pos;
    return MZ_OK;
}

int mz_uncompress(unsigned char *d, mz_ulong *dl, const unsigned char *s, mz_ulong sl)
{
    mz_ulong pos = 2, out = 0;
    int last = 0;
    if (sl < 2 || (s[0] & 0x0f) != 8) return MZ_PARAM_ERROR;
    while (!last) {
        mz_ulong n;
        if (pos + 5 > sl) return MZ_BUF_ERROR;
        last = s[pos] & 1;
        if ((s[pos] >> 1) & 3) return MZ_PARAM_ERROR; /* only stored blocks */
        n = s[pos + 1] | (s[pos + 2] << 8);
        pos += 5;
        if (pos + n > sl || out + n > *dl) return MZ_BUF_ERROR;
        memcpy(d + out, s + pos, n); pos += n; out += n;
    }
    *dl = out;
    return MZ_OK;
}
