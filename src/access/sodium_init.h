#pragma once

namespace reghub::access {

// Initialises libsodium exactly once, from any thread; aborts when it cannot
// (no safe random source). The same as secrets/sodium_init.h, kept separate
// because access does not depend on secrets.
void EnsureSodiumInitialized();

}  // namespace reghub::access
