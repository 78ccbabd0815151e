import type { CredentialKind, Mirror, Provider, Registry, TlsMode, Usage } from "../api/types";
import { compactJsonKey, providerInfo } from "./providers";

// What the registry form edits. Secret fields live only here, only until the
// request is sent; they are never filled from the API (which never returns them).
export interface CredentialsState {
  kind: CredentialKind;
  username: string;
  password: string;
  access_key_id: string;
  secret_access_key: string;
  session_token: string;
  fips: boolean;
  json_key: string;
}

export interface RegistryFormState {
  provider: Provider;
  url: string;
  display_name: string;
  description: string;
  access: "private" | "public";
  repositories: string;
  credentials: CredentialsState;
  tls_mode: TlsMode;
  ca_pem: string;
  force_plain_http: boolean;
  mirrors: Mirror[];
  usage: Usage;
  chart_repositories: string;
}

export function emptyCredentials(kind: CredentialKind = "basic"): CredentialsState {
  return { kind, username: "", password: "", access_key_id: "", secret_access_key: "", session_token: "", fips: false, json_key: "" };
}

export function initialForm(provider: Provider = "generic"): RegistryFormState {
  return {
    provider,
    url: provider === "docker-hub" ? "docker.io" : provider === "quay" ? "quay.io" : provider === "gcr" ? "gcr.io" : "",
    display_name: "",
    description: "",
    access: "private",
    repositories: "",
    credentials: emptyCredentials(providerInfo(provider).kinds[0]),
    tls_mode: "verify",
    ca_pem: "",
    force_plain_http: false,
    mirrors: [],
    usage: { push_images: true, push_charts: false, chart_repository: false, chart_repositories: [], default: false },
    chart_repositories: "",
  };
}

// The editable, non-secret part of a saved registry as form state.
export function formFromRegistry(registry: Registry): RegistryFormState {
  const form = initialForm(registry.provider);
  return {
    ...form,
    url: registry.url,
    display_name: registry.display_name,
    description: registry.description,
    access: registry.access,
    repositories: (registry.repositories ?? []).join("\n"),
    credentials: emptyCredentials(registry.credentials?.kind ?? "none"),
    tls_mode: registry.tls?.mode ?? "verify",
    mirrors: (registry.mirrors ?? []).map((mirror) => ({ ...mirror })),
    usage: { ...form.usage, ...registry.usage },
    chart_repositories: (registry.usage?.chart_repositories ?? []).join("\n"),
  };
}

export function splitList(text: string): string[] {
  return text.split(/[\s,]+/).map((item) => item.trim()).filter(Boolean);
}

export function credentialsInput(credentials: CredentialsState): Record<string, unknown> {
  switch (credentials.kind) {
    case "basic":
      return { kind: "basic", username: credentials.username, password: credentials.password };
    case "ecr-access-key": {
      const input: Record<string, unknown> = {
        kind: "ecr-access-key",
        access_key_id: credentials.access_key_id.trim(),
        secret_access_key: credentials.secret_access_key,
        fips: credentials.fips,
      };
      if (credentials.session_token) input.session_token = credentials.session_token;
      return input;
    }
    case "ecr-instance-role":
      return { kind: "ecr-instance-role", fips: credentials.fips };
    case "gcp-service-account":
      return { kind: "gcp-service-account", json_key: compactJsonKey(credentials.json_key) };
    default:
      return { kind: "none" };
  }
}

export function tlsInput(form: RegistryFormState): Record<string, unknown> {
  return form.tls_mode === "verify-with-ca" ? { mode: form.tls_mode, ca_pem: form.ca_pem } : { mode: form.tls_mode };
}

export function usageInput(form: RegistryFormState): Usage {
  return { ...form.usage, chart_repositories: form.usage.chart_repository ? splitList(form.chart_repositories) : [] };
}

function mirrorsInput(form: RegistryFormState): Mirror[] {
  return form.mirrors
    .filter((mirror) => mirror.upstream.trim() || mirror.path_prefix?.trim())
    .map((mirror) => (mirror.path_prefix?.trim() ? { upstream: mirror.upstream.trim(), path_prefix: mirror.path_prefix.trim() }
                                                   : { upstream: mirror.upstream.trim() }));
}

// The body of POST /api/v1/registries and POST /api/v1/connection-tests.
export function createInput(form: RegistryFormState): Record<string, unknown> {
  const input: Record<string, unknown> = {
    url: form.url.trim(),
    provider: form.provider,
    display_name: form.display_name.trim(),
    description: form.description,
    access: form.access,
    credentials: form.access === "public" ? { kind: "none" } : credentialsInput(form.credentials),
    mirrors: mirrorsInput(form),
    tls: tlsInput(form),
    usage: usageInput(form),
  };
  if (form.access === "public") input.repositories = splitList(form.repositories);
  if (form.tls_mode === "plain-http" && form.force_plain_http) input.force_plain_http = true;
  return input;
}

// The body of PATCH /api/v1/registries/{id} for the edit form: the
// non-secret settings only (credentials are replaced separately).
export function updateInput(form: RegistryFormState, revision: number, caChanged: boolean): Record<string, unknown> {
  const input: Record<string, unknown> = {
    revision,
    display_name: form.display_name.trim(),
    description: form.description,
    mirrors: mirrorsInput(form),
    usage: usageInput(form),
  };
  if (form.tls_mode !== "verify-with-ca" || caChanged) input.tls = tlsInput(form);
  if (form.tls_mode === "plain-http" && form.force_plain_http) input.force_plain_http = true;
  if (form.access === "public") input.repositories = splitList(form.repositories);
  return input;
}
