// Wire types of the REST API (docs/api.md and the access contract).

export type Provider = "generic" | "docker-hub" | "ecr" | "acr" | "gcp-artifact-registry" | "gcr" | "quay";
export type CredentialKind = "basic" | "ecr-access-key" | "ecr-instance-role" | "gcp-service-account" | "none";
export type TlsMode = "verify" | "verify-with-ca" | "insecure" | "plain-http";

export interface Mirror {
  upstream: string;
  path_prefix?: string;
}

export interface Usage {
  push_images: boolean;
  push_charts: boolean;
  chart_repository: boolean;
  chart_repositories: string[];
  default: boolean;
}

export interface CredentialsInfo {
  kind: CredentialKind;
  fingerprint?: string;
  replaced_at?: string;
  username?: string;
  access_key_id?: string;
  region?: string;
  fips?: boolean;
}

export interface Registry {
  id: string;
  url: string;
  display_name: string;
  description: string;
  provider: Provider;
  access: "private" | "public";
  credentials: CredentialsInfo;
  mirrors: Mirror[];
  tls: { mode: TlsMode; ca_fingerprint?: string };
  usage: Usage;
  repositories: string[];
  revision: number;
  permissions_deadline: string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by?: string;
}

export interface RegistryPage {
  registries: Registry[];
  next_page_token: string;
}

export interface FieldChange {
  field: string;
  before?: unknown;
  after?: unknown;
  summary?: string;
}

export interface Revision {
  revision: number;
  created_at: string;
  created_by: string;
  changes: FieldChange[];
}

export interface Diff {
  from: number;
  to: number;
  changes: FieldChange[];
}

export interface ConnectionTestStep {
  name: string;
  status: "ok" | "failed" | "skipped" | "warning";
  duration_ms: number;
  message: string;
  details: Record<string, unknown>;
}

export interface ConnectionTestReport {
  ok: boolean;
  steps: ConnectionTestStep[];
  duration_ms: number;
}

export interface SessionUser {
  id: string;
  username: string;
  is_admin: boolean;
}

export interface Session {
  csrf_token: string;
  expires_at?: string;
  user: SessionUser;
}

export type Role = "administrator" | "assigner" | "consumer" | "viewer";
export const ROLES: Role[] = ["administrator", "assigner", "consumer", "viewer"];

export interface Subject {
  kind: "user" | "team";
  name: string;
  id?: string;
}

export interface Grant {
  subject: Subject;
  role: Role | "hub-administrator";
  inherited?: boolean;
  created_at?: string;
  created_by?: string;
}

export interface RegistryGrants {
  grants: Grant[];
  permissions_deadline: string;
  pending: boolean;
}

export interface User {
  id: string;
  username: string;
  display_name?: string;
  is_admin: boolean;
  disabled: boolean;
  created_at: string;
  teams?: string[] | { id: string; name: string }[];
}

export interface Team {
  id: string;
  name: string;
  description: string;
  members?: { id: string; username: string }[];
}

export interface ApiToken {
  id: string;
  name: string;
  created_at: string;
  expires_at: string;
  token?: string;
}

export interface Attachment {
  registry_id: string;
  url: string;
  display_name: string;
  latest_revision: number;
  actuated_revision: number | null;
  actuated_at: string | null;
  up_to_date: boolean;
  attached_at: string;
  attached_by: string;
  injection?: { inject: boolean; secret_source: string; secret_name: string };
}

export interface Environment {
  id: string;
  name: string;
  kind: "kubernetes" | "nodes";
  description: string;
  api_server_url?: string;
  namespaces?: string[];
  editor_teams?: string[];
  attachments?: Attachment[];
}

export interface Injection {
  mode: "all-except" | "only";
  environments: string[];
  secret: { source: "generated" | "existing"; name: string };
  effective?: { environment: string; inject: boolean; secret_source: string; secret_name: string }[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  source: string;
  details: Record<string, unknown>;
}

export interface HealthCheck {
  status: string;
  checked_at?: string;
  at?: string;
  message?: string;
  duration_ms?: number;
}
