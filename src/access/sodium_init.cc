#include "access/sodium_init.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace reghub::access {

void EnsureSodiumInitialized() {
  static const bool initialized = [] {
    if (sodium_init() < 0) {
      std::fputs("reghub: libsodium could not be initialised\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)initialized;
}

}  // namespace reghub::access
