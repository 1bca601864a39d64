/* xxHash - Extremely Fast Hash algorithm
 * Copyright (C) 2012-2023 Yann Collet
 * BSD 2-Clause License (https://www.opensource.org/licenses/bsd-license.php)
 *
 * Single translation unit build: the implementation lives in the header when
 * XXH_INLINE_ALL / XXH_IMPLEMENTATION is defined. */
#define XXH_STATIC_LINKING_ONLY
#define XXH_IMPLEMENTATION
#include "xxhash.h"
