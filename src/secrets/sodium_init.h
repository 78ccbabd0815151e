#pragma once

namespace reghub::secrets {

// Initialises libsodium exactly once, from any thread; aborts the process if
// the library cannot be initialised (no safe random source), since nothing
// in this area can work without it. Every public entry point calls it.
void EnsureSodiumInitialized();

}  // namespace reghub::secrets
