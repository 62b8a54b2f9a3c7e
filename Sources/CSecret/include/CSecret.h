#ifndef PROVIDER_SYNC_CSECRET_H
#define PROVIDER_SYNC_CSECRET_H
/* libsecret (and GLib through it), opened on first use: only commands that reach the keyring
   load it, not every command. */
#include <libsecret/secret.h>

/* Opens libsecret and resolves the functions Secrets calls: 0, or -1 and the reason in
   provider_sync_secret_load_error(). Call it before any secret_ or g_ function. */
int provider_sync_secret_load(void);
/* The soname ("libsecret-1.so.0"), the Debian package that installs it ("libsecret-1-0"), and
   why the last load failed. */
const char *provider_sync_secret_soname(void);
const char *provider_sync_secret_package(void);
const char *provider_sync_secret_load_error(void);
#endif
