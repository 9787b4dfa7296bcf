import { registerServiceWorker, useAppUpdate } from "./useAppUpdate";

/** A service worker registration as the browser hands it over, driven by the test. */
function fakeRegistration(waiting: object | null) {
  const listeners: Record<string, () => void> = {};
  return {
    waiting,
    installing: null as null | {
      state: string;
      addEventListener: (t: string, f: () => void) => void;
    },
    addEventListener: (type: string, listener: () => void) => (listeners[type] = listener),
    fire: (type: string) => listeners[type]?.(),
  };
}

function installServiceWorker(registration: object, controller: object | null) {
  const container = {
    controller,
    register: jest.fn().mockResolvedValue(registration),
    addEventListener: jest.fn(),
  };
  Object.defineProperty(navigator, "serviceWorker", { value: container, configurable: true });
  return container;
}

describe("useAppUpdate: a new version is offered, never forced", () => {
  it("offers a worker that waits behind the page's one, and activates it only when asked", async () => {
    const postMessage = jest.fn();
    const container = installServiceWorker(fakeRegistration({ postMessage }), {});
    await registerServiceWorker();
    const { updateReady, applyUpdate } = useAppUpdate();
    expect(updateReady.value).toBe(true);
    expect(postMessage).not.toHaveBeenCalled(); // nothing happens until the subscriber chooses
    applyUpdate();
    expect(postMessage).toHaveBeenCalledWith({ type: "SKIP_WAITING" });
    expect(container.addEventListener).toHaveBeenCalledWith(
      "controllerchange",
      expect.any(Function),
      { once: true },
    );
  });

  it("offers a version found while the app is open, once it has installed", async () => {
    jest.resetModules();
    const { registerServiceWorker: register, useAppUpdate: use } = await import("./useAppUpdate");
    const registration = fakeRegistration(null);
    installServiceWorker(registration, {});
    await register();
    expect(use().updateReady.value).toBe(false);
    const stateListeners: Array<() => void> = [];
    const installing = {
      state: "installing",
      postMessage: jest.fn(),
      addEventListener: (_type: string, listener: () => void) => stateListeners.push(listener),
    };
    registration.installing = installing;
    registration.fire("updatefound");
    installing.state = "installed";
    stateListeners.forEach((listener) => listener());
    expect(use().updateReady.value).toBe(true);
  });

  it("offers nothing on the first install (no page's worker to replace)", async () => {
    jest.resetModules();
    const { registerServiceWorker: register, useAppUpdate: use } = await import("./useAppUpdate");
    installServiceWorker(fakeRegistration({ postMessage: jest.fn() }), null);
    await register();
    expect(use().updateReady.value).toBe(false);
  });
});
