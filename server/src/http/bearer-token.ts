/** The token of an `Authorization: Bearer …` header, or undefined. */
export const bearerToken = (authorization: string | undefined): string | undefined =>
  /^Bearer ([A-Za-z0-9._-]+)$/.exec(authorization ?? "")?.[1];
