import { bearerToken } from "../http/bearer-token";
import type { Services } from "../services";
import type { Integrator } from "./api-clients.service";

/** The API client of an `Authorization: Bearer` integrator token, or null. */
export async function integratorOf(
  services: Pick<Services, "apiClients">,
  authorization: string | undefined,
): Promise<Integrator | null> {
  const token = bearerToken(authorization);
  return token ? services.apiClients.authenticate(token) : null;
}
