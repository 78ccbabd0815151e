import { useEffect, useState, type FormEvent } from "react";
import { api, query } from "../api/client";
import type { Environment, Registry, RegistryGrants, RegistryPage, User } from "../api/types";
import { SelectField, TextField } from "../components/Field";
import { Badge, Banner, Card, EmptyState, ErrorBanner, PageHeader, Spinner, useAsync } from "../components/ui";
import { canAssign } from "../lib/access";
import { bannerMessage, errorFor, fieldErrors } from "../lib/errors";
import { formatTime } from "../lib/time";
import { Link, navigate } from "../router";
import { useSession } from "../session";
import { RevisionState } from "./RegistryUsage";

export function EnvironmentsPage() {
  const { user } = useSession();
  const { data, error, loading, reload } = useAsync(() => api.get<{ environments: Environment[] }>("/api/v1/environments"), []);
  const [creating, setCreating] = useState(false);
  return (
    <div>
      <PageHeader title="Environments" subtitle="Clusters and node groups that receive registry credentials."
        actions={user.is_admin && <button type="button" className="button button--primary" onClick={() => setCreating(!creating)}>New environment</button>} />
      {creating && <NewEnvironment onCreated={(environment) => { setCreating(false); reload(); navigate(`/environments/${environment.id}`); }} />}
      <ErrorBanner error={error} />
      <div className="card card--flush">
        <table className="table table--hover" aria-label="Environments">
          <thead><tr><th scope="col">Name</th><th scope="col">Kind</th><th scope="col">Description</th><th scope="col">Registries</th></tr></thead>
          <tbody>
            {(data?.environments ?? []).map((environment) => (
              <tr key={environment.id} onClick={() => navigate(`/environments/${environment.id}`)}>
                <td><Link to={`/environments/${environment.id}`} className="row-title" onClick={(event) => event.stopPropagation()}>{environment.name}</Link></td>
                <td><Badge tone="info">{environment.kind}</Badge></td>
                <td className="row-sub">{environment.description}</td>
                <td>{environment.attachments?.length ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {loading && <Spinner />}
        {data && data.environments.length === 0 && <EmptyState>No environment yet.</EmptyState>}
      </div>
    </div>
  );
}

function NewEnvironment({ onCreated }: { onCreated: (environment: Environment) => void }) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"kubernetes" | "nodes">("kubernetes");
  const [description, setDescription] = useState("");
  const [apiServer, setApiServer] = useState("");
  const [namespaces, setNamespaces] = useState("");
  const [editorTeams, setEditorTeams] = useState("");
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const body: Record<string, unknown> = { name: name.trim(), kind, description,
        namespaces: namespaces.split(/[\s,]+/).filter(Boolean), editor_teams: editorTeams.split(/[\s,]+/).filter(Boolean) };
      if (kind === "kubernetes") body.api_server_url = apiServer.trim();
      onCreated(await api.post<Environment>("/api/v1/environments", body));
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Card title="New environment">
      <form onSubmit={submit} noValidate aria-label="New environment">
        {error ? <Banner tone="error">{bannerMessage(error, Object.keys(errors))}</Banner> : null}
        <div className="grid-2">
          <TextField label="Name" name="name" value={name} onChange={setName} error={errors.name} hint="Lower-case letters, digits and dashes." />
          <SelectField<"kubernetes" | "nodes"> label="Kind" value={kind} onChange={setKind} error={errors.kind}
            options={[{ value: "kubernetes", label: "Kubernetes cluster" }, { value: "nodes", label: "Nodes (container runtimes)" }]} />
        </div>
        {kind === "kubernetes" && (
          <div className="grid-2">
            <TextField label="API server URL" name="api_server_url" value={apiServer} onChange={setApiServer} placeholder="https://k8s.example.com:6443" error={errors.api_server_url} />
            <TextField label="Namespaces" value={namespaces} onChange={setNamespaces} hint="Comma-separated; empty for all." error={errorFor(errors, "namespaces")} />
          </div>
        )}
        <TextField label="Description" value={description} onChange={setDescription} error={errors.description} />
        <TextField label="Editor teams" value={editorTeams} onChange={setEditorTeams} hint="Teams that may edit it, comma-separated." error={errorFor(errors, "editor_teams")} />
        <div className="actions"><button className="button button--primary" type="submit">Create environment</button></div>
      </form>
    </Card>
  );
}

export function EnvironmentPage({ id }: { id: string }) {
  const path = `/api/v1/environments/${encodeURIComponent(id)}`;
  const { data: environment, error, reload } = useAsync(() => api.get<Environment>(path), [id]);
  const [actionError, setActionError] = useState<unknown>(null);
  if (error) return <><PageHeader title="Environment" /><ErrorBanner error={error} /></>;
  if (!environment) return <Spinner />;
  const attachments = environment.attachments ?? [];
  const detach = async (registryId: string) => {
    setActionError(null);
    try {
      await api.del(`${path}/registries/${encodeURIComponent(registryId)}`);
      reload();
    } catch (caught) {
      setActionError(caught);
    }
  };
  return (
    <div>
      <nav className="breadcrumbs" aria-label="Breadcrumb"><Link to="/environments">Environments</Link> / <span>{environment.name}</span></nav>
      <PageHeader title={environment.name} subtitle={<><Badge tone="info">{environment.kind}</Badge> {environment.description}</>} />
      <div className="grid-main">
        <Card title="Attached registries">
          <ErrorBanner error={actionError} />
          {attachments.length === 0 ? <EmptyState>No registry attached yet.</EmptyState> : (
            <table className="table" aria-label="Attached registries">
              <thead><tr><th scope="col">Registry</th><th scope="col">Latest</th><th scope="col">Actuated</th><th scope="col">State</th><th scope="col">Injection</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
              <tbody>
                {attachments.map((attachment) => (
                  <tr key={attachment.registry_id}>
                    <td><Link to={`/registries/${attachment.registry_id}`}>{attachment.display_name || attachment.url}</Link><div className="row-sub mono">{attachment.url}</div></td>
                    <td>#{attachment.latest_revision}</td>
                    <td>{attachment.actuated_revision ? `#${attachment.actuated_revision}` : "—"}<div className="row-sub">{attachment.actuated_at ? formatTime(attachment.actuated_at) : ""}</div></td>
                    <td><RevisionState latest={attachment.latest_revision} actuated={attachment.actuated_revision} /></td>
                    <td className="row-sub">{attachment.injection?.inject ? `${attachment.injection.secret_name} (${attachment.injection.secret_source})` : "not injected"}</td>
                    <td><button type="button" className="button button--ghost button--small" onClick={() => void detach(attachment.registry_id)}>Detach</button></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
        <Card title="Attach a registry">
          <AttachPicker environmentPath={path} attached={attachments.map((attachment) => attachment.registry_id)} onAttached={reload} />
        </Card>
        <Card title="Details">
          <dl className="props">
            {environment.api_server_url && <div><dt>API server</dt><dd className="mono">{environment.api_server_url}</dd></div>}
            <div><dt>Namespaces</dt><dd>{environment.namespaces?.length ? environment.namespaces.join(", ") : "all"}</dd></div>
            <div><dt>Editor teams</dt><dd>{environment.editor_teams?.length ? environment.editor_teams.join(", ") : "hub administrators only"}</dd></div>
          </dl>
        </Card>
      </div>
    </div>
  );
}

// Registries the user may attach: those where they hold assigner (or more).
function AttachPicker({ environmentPath, attached, onAttached }: { environmentPath: string; attached: string[]; onAttached: () => void }) {
  const { user } = useSession();
  const [search, setSearch] = useState("");
  const [candidates, setCandidates] = useState<Registry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [teams, setTeams] = useState<string[]>([]);
  useEffect(() => {
    if (user.is_admin) return;
    api.get<User>(`/api/v1/users/${encodeURIComponent(user.id)}`).then((me) => {
      setTeams((me.teams ?? []).map((team) => (typeof team === "string" ? team : team.name)));
    }, () => {});
  }, [user]);
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(async () => {
      try {
        const page = await api.get<RegistryPage>(`/api/v1/registries${query({ q: search.trim(), page_size: 20 })}`);
        const open = page.registries.filter((registry) => !attached.includes(registry.id));
        const allowed = user.is_admin ? open : (await Promise.all(open.map(async (registry) => {
          try {
            const grants = await api.get<RegistryGrants>(`/api/v1/registries/${registry.id}/grants`);
            return canAssign(grants.grants, user, teams) ? registry : null;
          } catch {
            return null;
          }
        }))).filter((registry): registry is Registry => registry !== null);
        if (live) setCandidates(allowed);
      } catch (caught) {
        if (live) setError(caught);
      }
    }, 200);
    return () => { live = false; window.clearTimeout(timer); };
  }, [search, attached.join(","), teams, user]);  // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <div>
      <label className="visually-hidden" htmlFor="attach-search">Find a registry to attach</label>
      <input id="attach-search" type="search" placeholder="Find a registry to attach…" value={search} onChange={(event) => setSearch(event.target.value)} />
      <p className="hint">Only registries where you are assigner are listed.</p>
      <ErrorBanner error={error} />
      {candidates === null ? <Spinner /> : candidates.length === 0 ? <EmptyState>No registry to attach.</EmptyState> : (
        <ul className="picker">
          {candidates.map((registry) => (
            <li key={registry.id}>
              <span><strong>{registry.display_name || registry.url}</strong> <span className="row-sub mono">{registry.url}</span></span>
              <button type="button" className="button button--small" aria-label={`Attach ${registry.url}`} onClick={async () => {
                setError(null);
                try {
                  await api.put(`${environmentPath}/registries/${encodeURIComponent(registry.id)}`, {});
                  onAttached();
                } catch (caught) {
                  setError(caught);
                }
              }}>Attach</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
