#ifndef PROVIDER_SYNC_CSECRET_SHIM_H
#define PROVIDER_SYNC_CSECRET_SHIM_H
#include <libsecret/secret.h>
#endif
