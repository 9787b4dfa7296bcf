import { bearerToken } from "../http/bearer-token";
import type { ApiClientsService } from "./api-clients.service";
import type { Integrator } from "./api-clients.service";

/** The API client of an `Authorization: Bearer` integrator token, or null. */
export async function integratorOf(
  services: { apiClients: ApiClientsService },
  authorization: string | undefined,
): Promise<Integrator | null> {
  const token = bearerToken(authorization);
  return token ? services.apiClients.authenticate(token) : null;
}
