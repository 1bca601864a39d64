#include "lzfP.h"
#include <stdlib.h>

#define FRST(p) (((p[0]) << 8) | p[1])
#define NEXT(v,p) (((v) << 8) | p[2])
#if VERY_FAST
# define IDX(h) ((( h             >> (3*8 - HLOG)) - h*5) & (HSIZE - 1))
#else
# define IDX(h) (((( h ^ (h << 5)) >> (3*8 - HLOG)) - h*5) & (HSIZE - 1))
#endif

/*
 * Compressed format
 *
 * 000LLLLL <L+1>    ; literal, L+1=1..33 octets
 * LLLooooo oooooooo ; backref L+1=1..7 octets, o+1=1..8192 offset
 * 111ooooo LLLLLLLL oooooooo ; backref L+8 octets, o+1=1..8192 offset
 */
unsigned int
lzf_compress (const void *const in_data, unsigned int in_len,
              void *out_data, unsigned int out_len)
{
  const u8 **htab;
  const u8 *ip = (const u8 *)in_data;
        u8 *op = (u8 *)out_data;
  const u8 *in_end  = ip + in_len;
        u8 *out_end = op + out_len;
  const u8 *ref;
  unsigned int hval;
  unsigned long off;
  int lit;

  if (!in_len || !out_len)
    return 0;

  htab = (const u8 **)calloc (HSIZE, sizeof (const u8 *));
  if (!htab)
    return 0;

  lit = 0; op++; /* start run */

  hval = FRST (ip);
  while (ip < in_end - 2)
    {
      const u8 **hslot;

      hval = NEXT (hval, ip);
      hslot = htab + IDX (hval);
      ref = *hslot; *hslot = ip;

      if (ref
          && ref < ip
          && (off = ip - ref - 1) < MAX_OFF
          && ref[2] == ip[2]
          && ref[1] == ip[1]
          && ref[0] == ip[0])
        {
          unsigned int len = 2;
          unsigned int maxlen = in_end - ip - len;
          maxlen = maxlen > MAX_REF ? MAX_REF : maxlen;

          if (expect_false (op + 3 + 1 >= out_end))
            if (op - !lit + 3 + 1 >= out_end)
              { free (htab); return 0; }

          op [- lit - 1] = lit - 1; /* stop run */
          op -= !lit; /* undo run if length is zero */

          do
            len++;
          while (len < maxlen && ref[len] == ip[len]);

          len -= 2;
          ip++;

          if (len < 7)
            *op++ = (off >> 8) + (len << 5);
          else
            {
              *op++ = (off >> 8) + (  7 << 5);
              *op++ = len - 7;
            }

          *op++ = off;

          lit = 0; op++; /* start run */

          ip += len + 1;

          if (expect_false (ip >= in_end - 2))
            break;

          --ip;
          hval = FRST (ip);
          hval = NEXT (hval, ip);
          htab[IDX (hval)] = ip;
          ip++;
        }
      else
        {
          if (expect_false (op >= out_end))
            { free (htab); return 0; }

          lit++; *op++ = *ip++;

          if (expect_false (lit == MAX_LIT))
            {
              op [- lit - 1] = lit - 1;
              lit = 0; op++;
            }
        }
    }

  free (htab);

  if (op + 3 > out_end)
    return 0;

  while (ip < in_end)
    {
      lit++; *op++ = *ip++;

      if (expect_false (lit == MAX_LIT))
        {
          op [- lit - 1] = lit - 1;
          lit = 0; op++;
        }
    }

  op [- lit - 1] = lit - 1;
  op -= !lit;

  return op - (u8 *)out_data;
}
