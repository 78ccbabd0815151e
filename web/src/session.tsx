import { createContext, useContext } from "react";
import type { SessionUser } from "./api/types";

export interface SessionState {
  user: SessionUser;
  logout: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);

export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a session");
  return session;
}
