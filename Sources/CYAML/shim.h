#ifndef PROVIDER_SYNC_CYAML_SHIM_H
#define PROVIDER_SYNC_CYAML_SHIM_H
#include <yaml.h>
#endif
