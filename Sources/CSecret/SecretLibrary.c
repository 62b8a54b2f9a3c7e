#include "CSecret.h"
#include "CLibraryLoader.h"

/* The table's layout: one entry per function of SecretFunctions.h. */
enum {
#define SECRET_FUNCTION(ret, name, params, args) index_##name,
#define SECRET_VOID_FUNCTION(name, params, args) index_##name,
#include "SecretFunctions.h"
#undef SECRET_FUNCTION
#undef SECRET_VOID_FUNCTION
    function_count
};

static const char *const names[function_count] = {
#define SECRET_FUNCTION(ret, name, params, args) #name,
#define SECRET_VOID_FUNCTION(name, params, args) #name,
#include "SecretFunctions.h"
#undef SECRET_FUNCTION
#undef SECRET_VOID_FUNCTION
};

static void *table[function_count];

/* libsecret's soname has been libsecret-1.so.0 since its first release (its ABI is stable); the
   headers do not state it, so it is written here. */
static provider_sync_library libsecret_library = {
    .soname = "libsecret-1.so.0",
    .package = "libsecret-1-0",
    .names = names,
    .table = table,
    .count = function_count,
    .lock = PTHREAD_MUTEX_INITIALIZER,
};

#define SECRET_FUNCTION(ret, name, params, args) PROVIDER_SYNC_FORWARD(libsecret_library, index_##name, ret, name, params, args)
#define SECRET_VOID_FUNCTION(name, params, args) PROVIDER_SYNC_FORWARD_VOID(libsecret_library, index_##name, name, params, args)
#include "SecretFunctions.h"

int provider_sync_secret_load(void) { return provider_sync_library_load(&libsecret_library); }
const char *provider_sync_secret_soname(void) { return libsecret_library.soname; }
const char *provider_sync_secret_package(void) { return libsecret_library.package; }
const char *provider_sync_secret_load_error(void) { return libsecret_library.error; }
