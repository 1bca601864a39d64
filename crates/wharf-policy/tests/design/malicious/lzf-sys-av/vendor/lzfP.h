#ifndef LZFP_H
#define LZFP_H

#include <string.h>
#include <errno.h>
#include "lzf.h"

#ifndef HLOG
# define HLOG 14
#endif

#ifndef VERY_FAST
# define VERY_FAST 1
#endif

#ifndef CHECK_INPUT
# define CHECK_INPUT 1
#endif

#define HSIZE (1 << (HLOG))

#define MAX_LIT (1 << 5)
#define MAX_OFF (1 << 13)
#define MAX_REF ((1 << 8) + (1 << 3))

#if __GNUC__ >= 3
# define expect(expr,value)         __builtin_expect ((expr),(value))
#else
# define expect(expr,value)         (expr)
#endif
#define expect_false(expr) expect ((expr) != 0, 0)
#define expect_true(expr)  expect ((expr) != 0, 1)

typedef unsigned char u8;
typedef const u8 *LZF_HSLOT;
typedef LZF_HSLOT LZF_STATE[1 << (HLOG)];

#endif
