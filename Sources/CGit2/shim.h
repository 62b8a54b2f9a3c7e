#ifndef PROVIDER_SYNC_CGIT2_SHIM_H
#define PROVIDER_SYNC_CGIT2_SHIM_H
#include <git2.h>
#include <git2/sys/stream.h>

/* git_libgit2_opts is variadic, which Swift cannot call: one wrapper per option used. */
static inline int provider_sync_git_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

/* Replaces the CA certificates libgit2's TLS stream trusts (process-wide in libgit2). */
static inline int provider_sync_git_set_ssl_cert_file(const char *file) {
    return git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, (const char *)0);
}

/* A socket stream GitSource registers so every connection gets a deadline. Its first four
   fields must match libgit2's own git_socket_stream (parent, host, port, socket): the SSH
   transport hands `socket` straight to libssh2. `owner` is ours. */
typedef struct {
    git_stream parent;
    char *host;
    char *port;
    int socket;
    void *owner;
} provider_sync_socket_stream;
#endif
