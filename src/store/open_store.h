#pragma once

#include <memory>
#include <string>

#include "core/result.h"
#include "store/store.h"

namespace reghub::store {

// Opens the hub's store named by `database` and brings its schema up to date:
//   "postgres://…" or "postgresql://…"  PostgreSQL (libpq connection URI)
//   "sqlite:<path>" or a plain path     SQLite, the file created 0600 if missing
// invalid_argument for another scheme or an empty name; unavailable when the
// database cannot be reached; migration failures as they come.
//
// With `sole_writer` (what `reghub serve` uses for its embedded SQLite file)
// the process takes an exclusive lock on "<path>.lock" — unavailable when
// another process holds it — and the store then serves cached rows without
// revalidating them (SqlStoreOptions::sole_writer). PostgreSQL is always
// shared between replicas and ignores it.
struct OpenStoreOptions {
  bool sole_writer = false;
};
Result<std::unique_ptr<Store>> OpenStore(const std::string& database,
                                         OpenStoreOptions options = {});

}  // namespace reghub::store
