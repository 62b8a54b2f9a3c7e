#include "CLibraryLoader.h"
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

static void set_error(provider_sync_library *library, const char *detail) {
    snprintf(library->error, sizeof library->error, "%s", detail ? detail : "unknown error");
}

int provider_sync_library_load(provider_sync_library *library) {
    if (atomic_load_explicit(&library->loaded, memory_order_acquire)) return 0;
    pthread_mutex_lock(&library->lock);
    int result = 0;
    if (!atomic_load_explicit(&library->loaded, memory_order_relaxed)) {
        /* RTLD_LOCAL: the library's symbols stay out of the global scope, where they could
           shadow this program's or each other's. */
        void *handle = dlopen(library->soname, RTLD_NOW | RTLD_LOCAL);
        if (!handle) {
            set_error(library, dlerror());
            result = -1;
        } else {
            for (int i = 0; i < library->count; i++) {
                dlerror();
                void *address = dlsym(handle, library->names[i]);
                if (!address) {
                    char detail[sizeof library->error];
                    const char *why = dlerror();
                    snprintf(detail, sizeof detail, "%s has no function %s (%s): it is not the version this program was built against",
                             library->soname, library->names[i], why ? why : "not found");
                    set_error(library, detail);
                    result = -1;
                    break;
                }
                library->table[i] = address;
            }
            if (result == 0) {
                atomic_store_explicit(&library->loaded, 1, memory_order_release);
            } else {
                dlclose(handle);
            }
        }
    }
    pthread_mutex_unlock(&library->lock);
    return result;
}

void *const *provider_sync_library_table(provider_sync_library *library) {
    if (provider_sync_library_load(library) != 0) {
        fprintf(stderr, "provider-sync: cannot load %s (%s); install the %s package\n", library->soname, library->error,
                library->package);
        abort();
    }
    return library->table;
}
