#include <git2.h>
#include <stdlib.h>
#include <string.h>
#include "gitshim.h"

struct gitshim_odb { git_odb *odb; };

int gitshim_odb_open(const char *path, gitshim_odb **out) {
    git_libgit2_init();
    gitshim_odb *s = calloc(1, sizeof *s);
    if (!s) return -1;
    int rc = git_odb_open(&s->odb, path);
    if (rc) { free(s); return rc; }
    *out = s;
    return 0;
}

void gitshim_odb_close(gitshim_odb *s) {
    if (!s) return;
    git_odb_free(s->odb);
    free(s);
    git_libgit2_shutdown();
}

int gitshim_odb_exists(gitshim_odb *s, const unsigned char *raw) {
    git_oid oid; git_oid_fromraw(&oid, raw);
    return git_odb_exists(s->odb, &oid);
}

int gitshim_odb_read(gitshim_odb *s, const unsigned char *raw, unsigned char *buf, size_t cap, size_t *len, int *kind) {
    git_oid oid; git_odb_object *o; git_oid_fromraw(&oid, raw);
    int rc = git_odb_read(&o, s->odb, &oid);
    if (rc) return rc;
    size_t n = git_odb_object_size(o);
    *len = n; *kind = (int)git_odb_object_type(o);
    if (n <= cap) memcpy(buf, git_odb_object_data(o), n);
    git_odb_object_free(o);
    return n <= cap ? 0 : -6;
}

int gitshim_odb_write(gitshim_odb *s, const unsigned char *data, size_t len, int kind, unsigned char *oid_out) {
    git_oid oid;
    int rc = git_odb_write(&oid, s->odb, data, len, (git_object_t)kind);
    if (!rc) memcpy(oid_out, oid.id, GIT_OID_RAWSZ);
    return rc;
}
