#ifndef PROVIDER_SYNC_LIBRARY_LOADER_H
#define PROVIDER_SYNC_LIBRARY_LOADER_H
/* A C library opened with dlopen on first use instead of by the dynamic loader at start-up, so
   that a command pays for libgit2 or libsecret (and the thirty libraries they pull in) only when
   it calls them. The program is not linked against the library: for every function it calls, a
   forwarding function of the same name (PROVIDER_SYNC_FORWARD below) jumps through a table that
   the first load fills. */
#include <pthread.h>
#include <stdatomic.h>

typedef struct {
    /* The exact soname the build's headers belong to, such as "libgit2.so.1.5". */
    const char *soname;
    /* The Debian/Ubuntu package that installs it, named in the error. */
    const char *package;
    /* The functions to resolve, in table order; all must be there. */
    const char *const *names;
    void **table;
    int count;
    /* 1 once every function is resolved; a failed load is tried again on the next call. */
    atomic_int loaded;
    pthread_mutex_t lock;
    /* Why the last load failed (dlerror's words). */
    char error[512];
} provider_sync_library;

/* Loads the library and resolves every function, once per process; 0 on success, else -1 with
   `error` set. Thread-safe. */
int provider_sync_library_load(provider_sync_library *library);

/* The resolved table, for the forwarding functions. A call into a library that cannot be loaded
   is a defect of the caller (GitSource and Secrets load first and throw a typed error): this
   prints what is missing and aborts rather than jump through a null pointer. */
void *const *provider_sync_library_table(provider_sync_library *library);

/* Defines the forwarding function `name`: hidden, so that only this program binds to it (a
   library's own calls to its exported functions must never land here), checked by the compiler
   against the library's header, and calling the entry `index` of `library`'s table. */
#define PROVIDER_SYNC_FORWARD(library, index, ret, name, params, args)                                    \
    __attribute__((visibility("hidden"))) ret provider_sync_forward_##name params __asm__(#name);         \
    ret provider_sync_forward_##name params {                                                              \
        return ((__typeof__(&name))provider_sync_library_table(&(library))[index]) args;                  \
    }                                                                                                      \
    _Static_assert(__builtin_types_compatible_p(__typeof__(&name), __typeof__(&provider_sync_forward_##name)), \
                   #name " is declared differently in the library's header");

#define PROVIDER_SYNC_FORWARD_VOID(library, index, name, params, args)                                    \
    __attribute__((visibility("hidden"))) void provider_sync_forward_##name params __asm__(#name);        \
    void provider_sync_forward_##name params {                                                             \
        ((__typeof__(&name))provider_sync_library_table(&(library))[index]) args;                         \
    }                                                                                                      \
    _Static_assert(__builtin_types_compatible_p(__typeof__(&name), __typeof__(&provider_sync_forward_##name)), \
                   #name " is declared differently in the library's header");
#endif
