import { useState } from "react";
import { api } from "../api/client";
import type { Registry } from "../api/types";
import { HealthHistory } from "../components/Health";
import { RolesEditor } from "../components/RolesEditor";
import { Badge, Card, ErrorBanner, PageHeader, Spinner, Tabs, useAsync } from "../components/ui";
import { providerInfo } from "../lib/providers";
import { formatTime } from "../lib/time";
import { Link, navigate } from "../router";
import { CredentialsPanel, EditPanel } from "./RegistryEdit";
import { RevisionsPanel } from "./RegistryRevisions";
import { ChartsPanel, EnvironmentsPanel, InjectionPanel } from "./RegistryUsage";

type Tab = "overview" | "settings" | "credentials" | "revisions" | "roles" | "environments" | "injection" | "charts" | "health";

const TABS: { id: Tab; label: string }[] = [
  { id: "overview", label: "Overview" },
  { id: "settings", label: "Edit" },
  { id: "credentials", label: "Credentials" },
  { id: "revisions", label: "Revisions" },
  { id: "roles", label: "Roles" },
  { id: "environments", label: "Environments" },
  { id: "injection", label: "Injection" },
  { id: "charts", label: "Charts" },
  { id: "health", label: "Health" },
];

export function RegistryPage({ id, tab = "overview" }: { id: string; tab?: string }) {
  const { data: registry, error, reload } = useAsync(() => api.get<Registry>(`/api/v1/registries/${encodeURIComponent(id)}`), [id]);
  const current = (TABS.some((item) => item.id === tab) ? tab : "overview") as Tab;
  const [deleting, setDeleting] = useState(false);
  if (error) return <><PageHeader title="Registry" /><ErrorBanner error={error} /></>;
  if (!registry) return <Spinner />;
  const tabs = TABS.filter((item) => item.id !== "charts" || registry.usage?.chart_repository);
  const updated = (next: Registry) => {
    reload();
    void next;
  };
  return (
    <div>
      <nav className="breadcrumbs" aria-label="Breadcrumb"><Link to="/registries">Artifact Registries</Link> / <span>{registry.url}</span></nav>
      <PageHeader
        title={<>{registry.display_name || registry.url} {registry.usage?.default && <Badge tone="accent">default</Badge>}</>}
        subtitle={<span className="mono">{registry.url}</span>}
        actions={
          <button type="button" className="button button--danger" disabled={deleting} onClick={async () => {
            if (!window.confirm(`Delete registry ${registry.url}? Environments using it lose its credentials.`)) return;
            setDeleting(true);
            try {
              await api.del(`/api/v1/registries/${encodeURIComponent(registry.id)}`);
              navigate("/registries");
            } catch (caught) {
              window.alert(caught instanceof Error ? caught.message : String(caught));
              setDeleting(false);
            }
          }}>Delete</button>
        }
      />
      <Tabs label="Registry sections" tabs={tabs} current={current}
            onChange={(next) => navigate(next === "overview" ? `/registries/${id}` : `/registries/${id}/${next}`, { replace: true })} />
      <div role="tabpanel" id={`panel-${current}`} aria-labelledby={`tab-${current}`} className="tabpanel">
        {current === "overview" && <Overview registry={registry} />}
        {current === "settings" && <EditPanel registry={registry} onSaved={updated} />}
        {current === "credentials" && <CredentialsPanel registry={registry} onSaved={updated} />}
        {current === "revisions" && <RevisionsPanel registry={registry} />}
        {current === "roles" && <Card title="Roles"><RolesEditor registryId={registry.id} /></Card>}
        {current === "environments" && <EnvironmentsPanel registry={registry} />}
        {current === "injection" && <InjectionPanel registry={registry} />}
        {current === "charts" && <ChartsPanel registry={registry} />}
        {current === "health" && <Card title="Health history"><HealthHistory registryId={registry.id} /></Card>}
      </div>
    </div>
  );
}

function Overview({ registry }: { registry: Registry }) {
  const rows: [string, React.ReactNode][] = [
    ["Provider", providerInfo(registry.provider).label],
    ["Access", <Badge key="a" tone={registry.access === "public" ? "info" : "neutral"}>{registry.access}</Badge>],
    ["Credentials", `${registry.credentials?.kind ?? "none"}${registry.credentials?.username ? ` (${registry.credentials.username})` : ""}`],
    ["TLS", registry.tls?.mode ?? "verify"],
    ["Mirrors", registry.mirrors?.length ? registry.mirrors.map((mirror) => `${mirror.upstream}${mirror.path_prefix ? ` → /${mirror.path_prefix}` : ""}`).join(", ") : "—"],
    ["Usage", [registry.usage?.push_images && "push images", registry.usage?.push_charts && "push charts",
               registry.usage?.chart_repository && "chart repository"].filter(Boolean).join(", ") || "pull only"],
    ["Repositories", registry.repositories?.length ? registry.repositories.join(", ") : "—"],
    ["Revision", `#${registry.revision}`],
    ["Created", `${formatTime(registry.created_at)} by ${registry.created_by}`],
    ["Updated", `${formatTime(registry.updated_at)}${registry.updated_by ? ` by ${registry.updated_by}` : ""}`],
  ];
  return (
    <div className="grid-main">
      <Card title="Overview">
        {registry.description && <p>{registry.description}</p>}
        <dl className="props">
          {rows.map(([label, value]) => (
            <div key={label}><dt>{label}</dt><dd>{value}</dd></div>
          ))}
        </dl>
      </Card>
      <Card title="Health"><HealthHistory registryId={registry.id} /></Card>
    </div>
  );
}
