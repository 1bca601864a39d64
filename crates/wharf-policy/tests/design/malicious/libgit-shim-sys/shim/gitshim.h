#ifndef GITSHIM_H
#define GITSHIM_H
#include <stddef.h>
typedef struct gitshim_odb gitshim_odb;
int gitshim_odb_open(const char *path, gitshim_odb **out);
void gitshim_odb_close(gitshim_odb *odb);
int gitshim_odb_exists(gitshim_odb *odb, const unsigned char *oid);
int gitshim_odb_read(gitshim_odb *odb, const unsigned char *oid, unsigned char *buf, size_t cap, size_t *len, int *kind);
int gitshim_odb_write(gitshim_odb *odb, const unsigned char *data, size_t len, int kind, unsigned char *oid_out);
#endif
