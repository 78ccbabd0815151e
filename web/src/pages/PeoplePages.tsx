import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import type { Team, User } from "../api/types";
import { Checkbox, TextField } from "../components/Field";
import { Badge, Banner, Card, EmptyState, ErrorBanner, PageHeader, Spinner, useAsync } from "../components/ui";
import { bannerMessage, fieldErrors } from "../lib/errors";
import { formatTime } from "../lib/time";
import { useSession } from "../session";

function teamNames(user: User): string[] {
  return (user.teams ?? []).map((team) => (typeof team === "string" ? team : team.name));
}

export function UsersPage() {
  const { user: me } = useSession();
  const { data, error, loading, reload } = useAsync(() => api.get<{ users: User[] }>("/api/v1/users"), []);
  const [creating, setCreating] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const patch = async (user: User, body: Record<string, unknown>) => {
    setActionError(null);
    try {
      await api.patch(`/api/v1/users/${encodeURIComponent(user.id)}`, body);
      reload();
    } catch (caught) {
      setActionError(caught);
    }
  };
  return (
    <div>
      <PageHeader title="Users" subtitle="People who sign in to the hub."
        actions={me.is_admin && <button type="button" className="button button--primary" onClick={() => setCreating(!creating)}>New user</button>} />
      {creating && <NewUser onCreated={() => { setCreating(false); reload(); }} />}
      <ErrorBanner error={error ?? actionError} />
      <div className="card card--flush">
        <table className="table" aria-label="Users">
          <thead><tr><th scope="col">User</th><th scope="col">Teams</th><th scope="col">Role</th><th scope="col">Status</th><th scope="col">Created</th>{me.is_admin && <th scope="col"><span className="visually-hidden">Actions</span></th>}</tr></thead>
          <tbody>
            {(data?.users ?? []).map((user) => (
              <tr key={user.id}>
                <td><strong>{user.username}</strong>{user.display_name && <div className="row-sub">{user.display_name}</div>}</td>
                <td>{teamNames(user).map((team) => <span className="chip" key={team}>{team}</span>)}</td>
                <td>{user.is_admin ? <Badge tone="accent">hub administrator</Badge> : <span className="row-sub">user</span>}</td>
                <td>{user.disabled ? <Badge tone="danger">disabled</Badge> : <Badge tone="success">active</Badge>}</td>
                <td className="row-sub">{formatTime(user.created_at)}</td>
                {me.is_admin && (
                  <td>
                    {user.id !== me.id && (
                      <button type="button" className="button button--ghost button--small" onClick={() => void patch(user, { disabled: !user.disabled })}>
                        {user.disabled ? "Enable" : "Disable"}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
        {loading && <Spinner />}
      </div>
    </div>
  );
}

function NewUser({ onCreated }: { onCreated: () => void }) {
  const [username, setUsername] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [isAdmin, setIsAdmin] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const errors = fieldErrors(error);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await api.post("/api/v1/users", { username: username.trim(), password, display_name: displayName, is_admin: isAdmin });
      setPassword("");
      onCreated();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Card title="New user">
      <form onSubmit={submit} noValidate aria-label="New user">
        {error ? <Banner tone="error">{bannerMessage(error, Object.keys(errors))}</Banner> : null}
        <div className="grid-2">
          <TextField label="Username" value={username} onChange={setUsername} error={errors.username} />
          <TextField label="Display name" value={displayName} onChange={setDisplayName} error={errors.display_name} />
          <TextField label="Initial password" type="password" autoComplete="new-password" value={password} onChange={setPassword} error={errors.password} />
        </div>
        <Checkbox label="Hub administrator" checked={isAdmin} onChange={setIsAdmin} />
        <div className="actions"><button type="submit" className="button button--primary">Create user</button></div>
      </form>
    </Card>
  );
}

export function TeamsPage() {
  const { user: me } = useSession();
  const { data, error, loading, reload } = useAsync(() => api.get<{ teams: Team[] }>("/api/v1/teams"), []);
  const [selected, setSelected] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const [createError, setCreateError] = useState<unknown>(null);
  const errors = fieldErrors(createError);
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setCreateError(null);
    try {
      await api.post("/api/v1/teams", { name: name.trim(), description });
      setName("");
      setDescription("");
      reload();
    } catch (caught) {
      setCreateError(caught);
    }
  };
  return (
    <div>
      <PageHeader title="Teams" subtitle="Groups of users that roles are granted to." />
      <ErrorBanner error={error} />
      <div className="grid-main">
        <div className="card card--flush">
          <table className="table table--hover" aria-label="Teams">
            <thead><tr><th scope="col">Team</th><th scope="col">Description</th></tr></thead>
            <tbody>
              {(data?.teams ?? []).map((team) => (
                <tr key={team.id} className={selected === team.id ? "is-selected" : ""}>
                  <td><button type="button" className="link-button" onClick={() => setSelected(team.id)}>{team.name}</button></td>
                  <td className="row-sub">{team.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {loading && <Spinner />}
          {data && data.teams.length === 0 && <EmptyState>No team yet.</EmptyState>}
        </div>
        <div>
          {selected && <TeamMembers id={selected} canEdit={me.is_admin} />}
          {me.is_admin && (
            <Card title="New team">
              <form onSubmit={create} noValidate aria-label="New team">
                {createError ? <Banner tone="error">{bannerMessage(createError, Object.keys(errors))}</Banner> : null}
                <TextField label="Team name" value={name} onChange={setName} error={errors.name} />
                <TextField label="Description" value={description} onChange={setDescription} error={errors.description} />
                <div className="actions"><button type="submit" className="button button--primary">Create team</button></div>
              </form>
            </Card>
          )}
        </div>
      </div>
    </div>
  );
}

function TeamMembers({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { data: team, error, reload } = useAsync(() => api.get<Team>(`/api/v1/teams/${encodeURIComponent(id)}`), [id]);
  const [members, setMembers] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  if (error) return <ErrorBanner error={error} />;
  if (!team) return <Spinner />;
  const current = (team.members ?? []).map((member) => member.username);
  const errors = fieldErrors(saveError);
  return (
    <Card title={`Team ${team.name}`}>
      <div className="chips">{current.length ? current.map((name) => <span className="chip" key={name}>{name}</span>) : <span className="hint">No member.</span>}</div>
      {canEdit && (
        <>
          {saveError ? <Banner tone="error">{bannerMessage(saveError, Object.keys(errors))}</Banner> : null}
          <TextField label="Members" value={members ?? current.join(", ")} onChange={setMembers} hint="Usernames, comma-separated: replaces the members." error={errors.members} />
          <div className="actions"><button type="button" className="button" onClick={async () => {
            setSaveError(null);
            try {
              await api.put(`/api/v1/teams/${encodeURIComponent(id)}/members`, { members: (members ?? current.join(",")).split(/[\s,]+/).filter(Boolean) });
              setMembers(null);
              reload();
            } catch (caught) {
              setSaveError(caught);
            }
          }}>Save members</button></div>
        </>
      )}
    </Card>
  );
}
