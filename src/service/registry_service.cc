#include "service/registry_service.h"

#include <algorithm>

#include "access/tokens.h"
#include "core/registry_json.h"
#include "core/registry_url.h"
#include "core/registry_validation.h"
#include "store/page_token.h"

namespace reghub::service {
namespace {

store::AuditEntry RegistryAudit(const Actor& actor, UnixSeconds now, std::string action,
                                const Registry& registry, nlohmann::json details) {
  details["url"] = registry.url.ToString();
  return {.at = now,
          .actor = actor.username,
          .action = std::move(action),
          .target_type = "registry",
          .target_id = registry.id,
          .source = actor.source,
          .details = std::move(details)};
}

std::string LowerAscii(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return lower;
}

// The store's filter, applied in memory: provider, and a case-insensitive
// substring of url or display_name.
bool Matches(const Registry& registry, const store::RegistryFilter& filter) {
  if (filter.provider && registry.provider != *filter.provider) return false;
  if (filter.query.empty()) return true;
  const std::string needle = LowerAscii(filter.query);
  return LowerAscii(registry.url.ToString()).find(needle) != std::string::npos ||
         LowerAscii(registry.display_name).find(needle) != std::string::npos;
}

nlohmann::json ChangedFields(const std::vector<FieldChange>& changes) {
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& change : changes) fields.push_back(change.field);
  return fields;
}

}  // namespace

Status RegistryService::CheckDefaultIsFree(const Registry& registry) {
  if (!registry.usage.is_default) return Status::Ok();
  auto current = store_.FindDefaultRegistry();
  if (!current.ok()) {
    if (current.error().code == ErrorCode::kNotFound) return Status::Ok();
    return current.error();
  }
  if (current->registry.id == registry.id) return Status::Ok();
  return Error::FailedPrecondition(
      "usage.default: " + current->registry.url.ToString() +
          " is already the default registry; unset it there first",
      {{"usage.default", "another registry (" + current->registry.url.ToString() +
                             ") is already the default"}});
}

Result<Registry> RegistryService::Create(const Actor& actor, const RegistryPatch& patch) {
  if (patch.revision) {
    return Error::InvalidField("revision", "must not be set when creating a registry");
  }
  REGHUB_ASSIGN_OR_RETURN(AppliedPatch applied, BuildRegistry(patch));
  Registry& registry = applied.registry;
  const UnixSeconds now = clock_.Now();
  registry.id = access::GenerateId();
  registry.revision = 1;
  registry.created_at = registry.updated_at = now;
  registry.created_by = registry.updated_by = actor.username;
  registry.permissions_deadline = now + kPermissionsWindow;

  auto existing = store_.FindRegistryByUrl(registry.url.ToString());
  if (existing.ok()) {
    return Error::AlreadyExists(
        "url: a registry for " + registry.url.ToString() + " already exists (id " +
            existing->registry.id + ")",
        {{"url", "a registry for " + registry.url.ToString() + " already exists"}});
  }
  REGHUB_RETURN_IF_ERROR(CheckDefaultIsFree(registry));

  store::StoredRegistry stored{registry, {}};
  if (applied.new_credentials) {
    stored.registry.credentials.fingerprint = sealer_.Fingerprint(*applied.new_credentials);
    stored.registry.credentials.replaced_at = now;
    stored.sealed_credentials = sealer_.SealCredentials(registry.id, *applied.new_credentials);
  }
  store::RevisionRecord first{.registry_id = registry.id,
                              .revision = 1,
                              .created_at = now,
                              .created_by = actor.username,
                              .changes = {{"registry", nullptr, nullptr, "registry created"}},
                              .snapshot = RegistryToJson(stored.registry, true)};
  REGHUB_RETURN_IF_ERROR(store_.InsertRegistry(
      stored, first,
      RegistryAudit(actor, now, "registry.create", stored.registry,
                    {{"provider", ProviderName(registry.provider)},
                     {"credentials_kind", CredentialKindName(registry.credentials.kind)}})));
  return stored.registry;
}

Result<Registry> RegistryService::Get(const Actor&, const std::string& id) {
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored, store_.GetRegistry(id));
  return std::move(stored.registry);
}

Result<RegistryListPage> RegistryService::List(const Actor& actor,
                                               const store::RegistryFilter& filter,
                                               const store::PageRequest& page) {
  RegistryVisibility visible;
  visible.all = visible.administers_all = true;
  if (access_ != nullptr) {
    REGHUB_ASSIGN_OR_RETURN(visible, access_->VisibleRegistries(actor));
  }
  store::Page<Registry> found;
  if (visible.all) {
    REGHUB_ASSIGN_OR_RETURN(found, store_.ListRegistries(filter, page));
  } else {
    REGHUB_ASSIGN_OR_RETURN(found, ListVisible(visible, filter, page));
  }
  RegistryListPage result;
  result.credential_details.reserve(found.items.size());
  for (const Registry& registry : found.items) {
    result.credential_details.push_back(visible.Administers(registry.id));
  }
  result.items = std::move(found.items);
  result.next_page_token = std::move(found.next_page_token);
  return result;
}

Result<bool> RegistryService::ShowsCredentialDetails(const Actor& actor, const std::string& id) {
  if (access_ == nullptr) return true;
  return access_->Administers(actor, id);
}

Result<store::Page<Registry>> RegistryService::ListVisible(const RegistryVisibility& visible,
                                                           const store::RegistryFilter& filter,
                                                           const store::PageRequest& page) {
  std::string after;
  if (!page.page_token.empty()) {
    REGHUB_ASSIGN_OR_RETURN(after, store::DecodeTextPageToken(page.page_token));
  }
  std::vector<Registry> matching;
  for (const std::string& id : visible.ids) {
    auto stored = store_.GetRegistry(id);
    if (!stored.ok()) {
      if (stored.error().code == ErrorCode::kNotFound) continue;   // deleted meanwhile
      return stored.error();
    }
    Registry& registry = stored->registry;
    if (registry.url.ToString() > after && Matches(registry, filter)) {
      matching.push_back(std::move(registry));
    }
  }
  std::sort(matching.begin(), matching.end(), [](const Registry& a, const Registry& b) {
    return a.url.ToString() < b.url.ToString();
  });
  const std::size_t size = static_cast<std::size_t>(store::ClampPageSize(page.page_size));
  store::Page<Registry> result;
  if (matching.size() > size) {
    matching.resize(size);
    result.next_page_token = store::EncodePageToken(matching.back().url.ToString());
  }
  result.items = std::move(matching);
  return result;
}

Result<Registry> RegistryService::FindByUrl(const Actor& actor, const std::string& url) {
  REGHUB_ASSIGN_OR_RETURN(RegistryUrl canonical, CanonicalizeRegistryUrl(url));
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored,
                          store_.FindRegistryByUrl(canonical.ToString()));
  if (access_ != nullptr) {
    REGHUB_ASSIGN_OR_RETURN(RegistryVisibility visible, access_->VisibleRegistries(actor));
    if (!visible.Contains(stored.registry.id)) {
      return Error::NotFound("no registry with url " + canonical.ToString());
    }
  }
  return std::move(stored.registry);
}

Result<Registry> RegistryService::Update(const Actor& actor, const std::string& id,
                                         const RegistryPatch& patch) {
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry current, store_.GetRegistry(id));
  if (!patch.revision) {
    return Error::InvalidField("revision",
                               "required: the revision this update is based on (now " +
                                   std::to_string(current.registry.revision) + ")");
  }
  if (*patch.revision != current.registry.revision) {
    return Error::Conflict("registry " + current.registry.url.ToString() +
                           " was changed by someone else: this update is based on revision " +
                           std::to_string(*patch.revision) + ", it is now at revision " +
                           std::to_string(current.registry.revision) + "; reload and retry");
  }
  REGHUB_ASSIGN_OR_RETURN(AppliedPatch applied, ApplyRegistryPatch(current.registry, patch));
  const UnixSeconds now = clock_.Now();
  store::StoredRegistry next{std::move(applied.registry), current.sealed_credentials};
  if (applied.new_credentials) {
    std::string fingerprint = sealer_.Fingerprint(*applied.new_credentials);
    if (fingerprint != current.registry.credentials.fingerprint ||
        next.registry.credentials.kind != current.registry.credentials.kind) {
      next.registry.credentials.fingerprint = fingerprint;
      next.registry.credentials.replaced_at = now;
      next.sealed_credentials = sealer_.SealCredentials(id, *applied.new_credentials);
    } else {
      // The same secrets again: nothing is replaced.
      next.registry.credentials.fingerprint = current.registry.credentials.fingerprint;
      next.registry.credentials.replaced_at = current.registry.credentials.replaced_at;
    }
  }
  std::vector<FieldChange> changes = DiffRegistries(current.registry, next.registry);
  if (changes.empty()) return std::move(current.registry);
  REGHUB_RETURN_IF_ERROR(CheckDefaultIsFree(next.registry));

  next.registry.revision = current.registry.revision + 1;
  next.registry.updated_at = now;
  next.registry.updated_by = actor.username;
  store::RevisionRecord revision{.registry_id = id,
                                 .revision = next.registry.revision,
                                 .created_at = now,
                                 .created_by = actor.username,
                                 .changes = changes,
                                 .snapshot = RegistryToJson(next.registry, true)};
  REGHUB_RETURN_IF_ERROR(store_.UpdateRegistry(
      next, current.registry.revision, revision,
      RegistryAudit(actor, now, "registry.update", next.registry,
                    {{"revision", next.registry.revision}, {"changed", ChangedFields(changes)}})));
  return std::move(next.registry);
}

Status RegistryService::Delete(const Actor& actor, const std::string& id) {
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry current, store_.GetRegistry(id));
  return store_.DeleteRegistry(
      id, RegistryAudit(actor, clock_.Now(), "registry.delete", current.registry,
                        {{"revision", current.registry.revision}}));
}

Result<store::Page<store::RevisionRecord>> RegistryService::ListRevisions(
    const Actor&, const std::string& id, const store::PageRequest& page) {
  REGHUB_RETURN_IF_ERROR(store_.GetRegistry(id));
  return store_.ListRevisions(id, page);
}

Result<store::RevisionRecord> RegistryService::GetRevision(const Actor&, const std::string& id,
                                                           std::int64_t revision) {
  return store_.GetRevision(id, revision);
}

Result<std::vector<FieldChange>> RegistryService::Diff(const Actor&, const std::string& id,
                                                       std::int64_t from, std::int64_t to) {
  REGHUB_ASSIGN_OR_RETURN(store::RevisionRecord before, store_.GetRevision(id, from));
  REGHUB_ASSIGN_OR_RETURN(store::RevisionRecord after, store_.GetRevision(id, to));
  REGHUB_ASSIGN_OR_RETURN(Registry old_registry, RegistryFromJson(before.snapshot));
  REGHUB_ASSIGN_OR_RETURN(Registry new_registry, RegistryFromJson(after.snapshot));
  return DiffRegistries(old_registry, new_registry);
}

}  // namespace reghub::service
