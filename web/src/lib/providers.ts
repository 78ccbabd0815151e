import type { CredentialKind, Provider } from "../api/types";

export interface ProviderInfo {
  id: Provider;
  label: string;
  urlPlaceholder: string;
  urlHint: string;
  kinds: CredentialKind[];
}

// Mirrors core/provider_rules.h: URL shapes and the credential kinds offered, usual first.
export const PROVIDERS: ProviderInfo[] = [
  { id: "docker-hub", label: "Docker Hub", urlPlaceholder: "docker.io", urlHint: "Always docker.io.",
    kinds: ["basic", "none"] },
  { id: "ecr", label: "Amazon ECR", urlPlaceholder: "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
    urlHint: "<12-digit account>.dkr.ecr[-fips].<region>.amazonaws.com — a -fips URL forces FIPS mode.",
    kinds: ["ecr-access-key", "ecr-instance-role"] },
  { id: "acr", label: "Azure Container Registry", urlPlaceholder: "myregistry.azurecr.io",
    urlHint: "The login server: <name>.azurecr.io (.azurecr.cn / .azurecr.us for sovereign clouds).",
    kinds: ["basic", "none"] },
  { id: "gcp-artifact-registry", label: "Google Artifact Registry", urlPlaceholder: "europe-west1-docker.pkg.dev",
    urlHint: "<location>-docker.pkg.dev", kinds: ["gcp-service-account", "basic", "none"] },
  { id: "gcr", label: "Google Container Registry", urlPlaceholder: "gcr.io", urlHint: "gcr.io or <region>.gcr.io",
    kinds: ["gcp-service-account", "basic", "none"] },
  { id: "quay", label: "Quay", urlPlaceholder: "quay.io", urlHint: "quay.io or your self-hosted Quay host.",
    kinds: ["basic", "none"] },
  { id: "generic", label: "Other (OCI registry)", urlPlaceholder: "registry.example.com:5000",
    urlHint: "host[:port] without scheme or path; port 443 when omitted.", kinds: ["basic", "none"] },
];

export function providerInfo(id: string): ProviderInfo {
  return PROVIDERS.find((provider) => provider.id === id) ?? PROVIDERS[PROVIDERS.length - 1];
}

export const KIND_LABELS: Record<CredentialKind, string> = {
  basic: "Username and password",
  "ecr-access-key": "AWS access key",
  "ecr-instance-role": "Instance role (no stored secret)",
  "gcp-service-account": "Service-account JSON key",
  none: "No credentials (anonymous)",
};

// Provider-specific labels and hints for kind "basic".
export function basicLabels(provider: Provider): { username: string; password: string; hint: string } {
  switch (provider) {
    case "docker-hub":
      return { username: "Docker Hub username", password: "Access token",
               hint: "Create a personal access token (read-only is enough to pull) under Account settings → Security." };
    case "acr":
      return { username: "Service principal (application) ID", password: "Service principal secret",
               hint: "A service principal with the AcrPull role, or an admin user / repository-scoped token." };
    case "quay":
      return { username: "Robot account (namespace+robot)", password: "Robot token",
               hint: "Quay robot accounts are named namespace+robotname." };
    case "gcp-artifact-registry":
    case "gcr":
      return { username: "Username", password: "Password",
               hint: "_json_key with the key as password, _json_key_base64, or oauth2accesstoken." };
    default:
      return { username: "Username", password: "Password", hint: "" };
  }
}

// A pasted GCP key with its whitespace stripped between JSON tokens (the key
// itself holds newlines only inside strings, which JSON escapes as \n).
export function compactJsonKey(text: string): string {
  const trimmed = text.trim();
  try {
    return JSON.stringify(JSON.parse(trimmed));
  } catch {
    return trimmed;
  }
}
