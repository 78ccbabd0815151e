#include "service/registry_service.h"

#include "access/tokens.h"
#include "core/registry_json.h"
#include "core/registry_url.h"
#include "core/registry_validation.h"

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

Result<store::Page<Registry>> RegistryService::List(const Actor&,
                                                    const store::RegistryFilter& filter,
                                                    const store::PageRequest& page) {
  return store_.ListRegistries(filter, page);
}

Result<Registry> RegistryService::FindByUrl(const Actor&, const std::string& url) {
  REGHUB_ASSIGN_OR_RETURN(RegistryUrl canonical, CanonicalizeRegistryUrl(url));
  REGHUB_ASSIGN_OR_RETURN(store::StoredRegistry stored,
                          store_.FindRegistryByUrl(canonical.ToString()));
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
