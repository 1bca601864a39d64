#define QOI_IMPLEMENTATION
#include "qoi.h"

/* Exposed so Rust can free buffers returned by qoi_encode / qoi_decode with
 * the same allocator that produced them. */
void qoi_free(void *p) {
	QOI_FREE(p);
}
