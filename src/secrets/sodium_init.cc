#include "secrets/sodium_init.h"

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

namespace reghub::secrets {

void EnsureSodiumInitialized() {
  // A function-local static is initialised once, thread-safely (C++11).
  static const bool initialized = [] {
    if (sodium_init() < 0) {
      std::fputs("reghub: libsodium could not be initialised\n", stderr);
      std::abort();
    }
    return true;
  }();
  (void)initialized;
}

}  // namespace reghub::secrets
