/**
 * Two facts kept in localStorage and read before Apollo loads: whether this phone keeps the
 * subscriber's data («Запомнить меня»), and whether it has had a session at all (without one,
 * the login screen is drawn without asking the server, and without Apollo's code).
 */
const REMEMBERED = "gas.remembered";
const HAD_SESSION = "gas.hadSession";

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
