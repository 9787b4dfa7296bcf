import type { Services } from "../services";
import type { Integrator } from "./api-clients.service";

/** The API client of an `Authorization: Bearer` integrator token, or null. */
export async function integratorOf(
  services: Pick<Services, "apiClients">,
  authorization: string | undefined,
): Promise<Integrator | null> {
  const token = /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization ?? "")?.[1];
  return token ? services.apiClients.authenticate(token) : null;
}
