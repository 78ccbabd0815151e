import type { Grant, SessionUser } from "../api/types";

// Whether grants (own and inherited) give `user` (member of `teams`) assigner
// or more on a registry: administrator ⊇ assigner.
export function canAssign(grants: Grant[], user: SessionUser, teams: string[]): boolean {
  if (user.is_admin) return true;
  return grants.some((grant) => {
    if (grant.role !== "assigner" && grant.role !== "administrator" && grant.role !== "hub-administrator") return false;
    if (grant.subject.kind === "user") return grant.subject.name === user.username || grant.subject.id === user.id;
    return teams.includes(grant.subject.name);
  });
}
