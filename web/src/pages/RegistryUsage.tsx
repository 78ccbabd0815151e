import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { Attachment, Environment, Injection, Registry } from "../api/types";
import { Checkbox, SelectField, TextField } from "../components/Field";
import { Badge, Banner, Card, EmptyState, ErrorBanner, Spinner, useAsync } from "../components/ui";
import { bannerMessage, fieldErrors } from "../lib/errors";
import { formatTime } from "../lib/time";
import { Link } from "../router";

interface RegistryEnvironment extends Partial<Attachment> {
  environment_id?: string;
  id?: string;
  name?: string;
  environment?: string;
}

export function RevisionState({ latest, actuated }: { latest: number; actuated: number | null | undefined }) {
  if (actuated === null || actuated === undefined) return <Badge tone="warning">not actuated yet</Badge>;
  if (actuated >= latest) return <Badge tone="success">up to date</Badge>;
  return <Badge tone="danger">out of date</Badge>;
}

// The environments this registry is attached to, latest vs actuated revision.
export function EnvironmentsPanel({ registry }: { registry: Registry }) {
  const { data, error, loading } = useAsync(
    () => api.get<{ environments: RegistryEnvironment[] }>(`/api/v1/registries/${encodeURIComponent(registry.id)}/environments`), [registry.id]);
  return (
    <Card title="Environments using this registry">
      <ErrorBanner error={error} />
      {loading && <Spinner />}
      {data && data.environments.length === 0 && <EmptyState>Not attached to any environment. Attach it from an environment's page.</EmptyState>}
      {data && data.environments.length > 0 && (
        <table className="table" aria-label="Environments using this registry">
          <thead><tr><th scope="col">Environment</th><th scope="col">Latest</th><th scope="col">Actuated</th><th scope="col">State</th><th scope="col">Attached</th></tr></thead>
          <tbody>
            {data.environments.map((environment, index) => {
              const id = environment.environment_id ?? environment.id ?? "";
              const latest = environment.latest_revision ?? registry.revision;
              return (
                <tr key={id || index}>
                  <td><Link to={`/environments/${id}`}>{environment.name ?? environment.environment ?? id}</Link></td>
                  <td>#{latest}</td>
                  <td>{environment.actuated_revision ? `#${environment.actuated_revision}` : "—"}</td>
                  <td><RevisionState latest={latest} actuated={environment.actuated_revision} /></td>
                  <td className="row-sub">{formatTime(environment.attached_at)}{environment.attached_by ? ` by ${environment.attached_by}` : ""}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Card>
  );
}

// Credential injection: into all environments except some, or only into some;
// with a generated pull secret or one that already exists there.
export function InjectionPanel({ registry }: { registry: Registry }) {
  const path = `/api/v1/registries/${encodeURIComponent(registry.id)}/injection`;
  const [policy, setPolicy] = useState<Injection | null>(null);
  const [environments, setEnvironments] = useState<string>("");
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    api.get<Injection>(path).then((value) => { setPolicy(value); setEnvironments(value.environments.join(", ")); }, setLoadError);
  }, [path]);
  if (loadError) return <Card title="Injection"><ErrorBanner error={loadError} /></Card>;
  if (!policy) return <Spinner />;
  const errors = fieldErrors(error);
  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      const body = { mode: policy.mode, environments: environments.split(/[\s,]+/).filter(Boolean), secret: policy.secret };
      const value = await api.put<Injection>(path, body);
      setPolicy(value);
      setSaved(true);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <div className="grid-main">
      <Card title="Injection settings">
        {error ? <Banner tone="error">{bannerMessage(error, Object.keys(errors))}</Banner> : null}
        {saved && <Banner tone="success">Injection settings saved.</Banner>}
        <SelectField<Injection["mode"]> label="Inject the pull credentials" value={policy.mode} error={errors.mode}
          options={[{ value: "all-except", label: "Into every environment except…" }, { value: "only", label: "Only into…" }]}
          onChange={(mode) => setPolicy({ ...policy, mode })} />
        <TextField label={policy.mode === "only" ? "Environments to inject into" : "Environments to leave out"}
                   value={environments} onChange={setEnvironments} hint="Environment names, separated by commas." error={errors.environments} />
        <Checkbox label="Use an image pull secret that already exists in the environment"
                  checked={policy.secret.source === "existing"}
                  onChange={(existing) => setPolicy({ ...policy, secret: { ...policy.secret, source: existing ? "existing" : "generated" } })} />
        <TextField label="Pull secret name" value={policy.secret.name} error={errors["secret.name"]}
                   hint={policy.secret.source === "existing" ? "The name of the existing secret." : "The name of the secret the hub generates from the registry's credentials."}
                   onChange={(name) => setPolicy({ ...policy, secret: { ...policy.secret, name } })} />
        <div className="actions"><button type="button" className="button button--primary" onClick={() => void save()}>Save injection settings</button></div>
      </Card>
      <Card title="Effective">
        {(policy.effective ?? []).length === 0 ? <EmptyState>No environment yet.</EmptyState> : (
          <table className="table" aria-label="Effective injection">
            <thead><tr><th scope="col">Environment</th><th scope="col">Injected</th><th scope="col">Secret</th></tr></thead>
            <tbody>
              {policy.effective!.map((entry) => (
                <tr key={entry.environment}>
                  <td>{entry.environment}</td>
                  <td>{entry.inject ? <Badge tone="success">yes</Badge> : <Badge tone="neutral">no</Badge>}</td>
                  <td className="mono">{entry.inject ? `${entry.secret_name} (${entry.secret_source})` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

interface ChartVersion { version: string; app_version?: string; created?: string; description?: string }
interface Chart { name: string; repository?: string; versions: (string | ChartVersion)[]; error?: string; description?: string;
  metadata?: { version: string; app_version?: string; description?: string; created?: string }[] }

// The chart store: charts of the chart repositories with versions and metadata.
export function ChartsPanel({ registry }: { registry: Registry }) {
  const { data, error, loading } = useAsync(
    () => api.get<{ charts: Chart[] }>(`/api/v1/registries/${encodeURIComponent(registry.id)}/charts?metadata=true`), [registry.id]);
  return (
    <Card title="Charts">
      <ErrorBanner error={error} />
      {loading && <Spinner label="Reading the chart repositories…" />}
      {data && data.charts.length === 0 && <EmptyState>No chart repository configured (Edit → Usage → Chart repositories).</EmptyState>}
      {data?.charts.map((chart) => (
        <div className="chart" key={chart.repository ?? chart.name}>
          <h3>{chart.name ?? chart.repository}</h3>
          {chart.error && <Banner tone="warning">{chart.error}</Banner>}
          {chart.description && <p className="hint">{chart.description}</p>}
          <div className="chips">
            {chart.versions.map((version) => {
              const label = typeof version === "string" ? version : version.version;
              return <span className="chip" key={label}>{label}</span>;
            })}
            {chart.versions.length === 0 && !chart.error && <span className="hint">No version pushed yet.</span>}
          </div>
          {chart.metadata && chart.metadata.length > 0 && (
            <table className="table" aria-label={`Versions of ${chart.name}`}>
              <thead><tr><th scope="col">Version</th><th scope="col">App version</th><th scope="col">Created</th><th scope="col">Description</th></tr></thead>
              <tbody>{chart.metadata.map((meta) => (
                <tr key={meta.version}><td>{meta.version}</td><td>{meta.app_version ?? "—"}</td><td>{formatTime(meta.created)}</td><td className="row-sub">{meta.description ?? ""}</td></tr>
              ))}</tbody>
            </table>
          )}
        </div>
      ))}
    </Card>
  );
}

export type { Environment };
