import type { TokenRefusal } from "../common/token-refusal";
import type { ApiClientsService } from "./api-clients.service";
import type { Integrator } from "./api-clients.service";

/** The API client of a bearer token, why an integrator token is refused, or null: no token. */
export async function integratorOf(
  services: { apiClients: ApiClientsService },
  token: string | undefined,
): Promise<Integrator | TokenRefusal | null> {
  return token ? services.apiClients.authenticate(token) : null;
}
