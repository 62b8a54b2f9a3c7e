#include "CGit2.h"
#include "CLibraryLoader.h"

#ifndef LIBGIT2_SOVERSION
#error "libgit2's headers do not say their soname (LIBGIT2_SOVERSION)"
#endif

/* The table's layout: one entry per function of GitFunctions.h, then git_libgit2_opts. */
enum {
#define GIT_FUNCTION(ret, name, params, args) index_##name,
#define GIT_VOID_FUNCTION(name, params, args) index_##name,
#include "GitFunctions.h"
#undef GIT_FUNCTION
#undef GIT_VOID_FUNCTION
    index_git_libgit2_opts,
    function_count
};

static const char *const names[function_count] = {
#define GIT_FUNCTION(ret, name, params, args) #name,
#define GIT_VOID_FUNCTION(name, params, args) #name,
#include "GitFunctions.h"
#undef GIT_FUNCTION
#undef GIT_VOID_FUNCTION
    "git_libgit2_opts",
};

static void *table[function_count];

/* The soname of the libgit2 whose headers this was compiled with: libgit2's ABI changes with
   every minor version, so exactly this one. Debian names the package after it. */
static provider_sync_library libgit2_library = {
    .soname = "libgit2.so." LIBGIT2_SOVERSION,
    .package = "libgit2-" LIBGIT2_SOVERSION,
    .names = names,
    .table = table,
    .count = function_count,
    .lock = PTHREAD_MUTEX_INITIALIZER,
};

#define GIT_FUNCTION(ret, name, params, args) PROVIDER_SYNC_FORWARD(libgit2_library, index_##name, ret, name, params, args)
#define GIT_VOID_FUNCTION(name, params, args) PROVIDER_SYNC_FORWARD_VOID(libgit2_library, index_##name, name, params, args)
#include "GitFunctions.h"

int provider_sync_git_load(void) { return provider_sync_library_load(&libgit2_library); }
const char *provider_sync_git_soname(void) { return libgit2_library.soname; }
const char *provider_sync_git_package(void) { return libgit2_library.package; }
const char *provider_sync_git_load_error(void) { return libgit2_library.error; }

static __typeof__(&git_libgit2_opts) git_opts(void) {
    return (__typeof__(&git_libgit2_opts))provider_sync_library_table(&libgit2_library)[index_git_libgit2_opts];
}

int provider_sync_git_set_owner_validation(int enabled) {
    return git_opts()(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

int provider_sync_git_set_ssl_cert_file(const char *file) {
    return git_opts()(GIT_OPT_SET_SSL_CERT_LOCATIONS, file, (const char *)0);
}
