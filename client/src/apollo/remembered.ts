/**
 * Facts kept in localStorage and read before Apollo loads: whether this phone keeps the
 * subscriber's data («Запомнить меня»), whether it has had a session at all (without one, the
 * login screen is drawn without asking the server, and without Apollo's code), and whether a
 * logout made offline still has to reach the server (until then nothing refreshes the session).
 */
const REMEMBERED = "gas.remembered";
const HAD_SESSION = "gas.hadSession";
const LOGOUT_PENDING = "gas.logoutPending";

const read = (key: string): boolean => {
  try {
    return localStorage.getItem(key) === "1";
  } catch {
    return false;
  }
};
const write = (key: string, on: boolean): void => {
  try {
    if (on) localStorage.setItem(key, "1");
    else localStorage.removeItem(key);
  } catch {
    // storage disabled: the app works, without these shortcuts
  }
};

export const isRemembered = (): boolean => read(REMEMBERED);
export const setRemembered = (on: boolean): void => write(REMEMBERED, on);
export const hadSession = (): boolean => read(HAD_SESSION);
export const setHadSession = (on: boolean): void => write(HAD_SESSION, on);
export const logoutPending = (): boolean => read(LOGOUT_PENDING);
export const setLogoutPending = (on: boolean): void => write(LOGOUT_PENDING, on);
