/** The access token lives in memory only; the refresh cookie (httpOnly) is what survives a reload. */
let accessToken: string | null = null;

export const setAccessToken = (token: string | null): void => {
  accessToken = token;
};
export const getAccessToken = (): string | null => accessToken;
