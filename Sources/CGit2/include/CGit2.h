#ifndef PROVIDER_SYNC_CGIT2_H
#define PROVIDER_SYNC_CGIT2_H
/* libgit2, opened on first use: only the agent (and `version`) load it, not every command. */
#include <git2.h>
#include <git2/sys/stream.h>

/* Opens libgit2 and resolves the functions GitSource calls: 0, or -1 and the reason in
   provider_sync_git_load_error(). Call it before any git_ function. */
int provider_sync_git_load(void);
/* The soname the build's headers belong to ("libgit2.so.1.5"), the Debian package that installs
   it ("libgit2-1.5"), and why the last load failed. */
const char *provider_sync_git_soname(void);
const char *provider_sync_git_package(void);
const char *provider_sync_git_load_error(void);

/* git_libgit2_opts is variadic, which Swift cannot call: one wrapper per option used. */
int provider_sync_git_set_owner_validation(int enabled);
/* Replaces the CA certificates libgit2's TLS stream trusts (process-wide in libgit2). */
int provider_sync_git_set_ssl_cert_file(const char *file);

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
