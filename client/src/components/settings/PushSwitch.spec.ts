import { flushPromises } from "@vue/test-utils";
import { scriptedClient, type Script } from "../../test/apollo";
import { mountRu } from "../../test/mount";
import PushSwitch from "./PushSwitch.vue";

// A VAPID public key: 65 bytes, 0x04 first.
const KEY_BYTES = Uint8Array.from({ length: 65 }, (_, i) => (i === 0 ? 4 : i));
const KEY = Buffer.from(KEY_BYTES).toString("base64url");
const ENDPOINT = "https://fcm.googleapis.com/fcm/send/device-1";
const KEYS = { p256dh: "BPp256dh", auth: "authsecret" };

/** The browser's side, driven by the test: permission, service worker and push manager. */
function browser(
  options: {
    permission?: NotificationPermission;
    answer?: NotificationPermission;
    subscribed?: boolean;
  } = {},
) {
  const state = { permission: options.permission ?? "default" };
  const subscription = {
    endpoint: ENDPOINT,
    toJSON: () => ({ endpoint: ENDPOINT, keys: KEYS }),
    unsubscribe: jest.fn().mockResolvedValue(true),
  };
  let current = options.subscribed ? subscription : null;
  const pushManager = {
    getSubscription: jest.fn(async () => current),
    subscribe: jest.fn(async () => (current = subscription)),
  };
  subscription.unsubscribe.mockImplementation(async () => {
    current = null;
    return true;
  });
  const requestPermission = jest.fn(async () => {
    state.permission = options.answer ?? "granted";
    return state.permission;
  });
  const Notification = {
    get permission() {
      return state.permission;
    },
    requestPermission,
  };
  Object.defineProperty(window, "Notification", { value: Notification, configurable: true });
  Object.defineProperty(window, "PushManager", {
    value: function PushManager() {},
    configurable: true,
  });
  Object.defineProperty(navigator, "serviceWorker", {
    value: { getRegistration: jest.fn(async () => ({ pushManager })) },
    configurable: true,
  });
  return { requestPermission, pushManager, subscription };
}

afterEach(() => {
  for (const [target, name] of [
    [window, "Notification"],
    [window, "PushManager"],
    [navigator, "serviceWorker"],
  ] as const) {
    delete (target as unknown as Record<string, unknown>)[name];
  }
});

async function mounted(script: Script) {
  const scripted = scriptedClient({ PushPublicKey: [{ data: { pushPublicKey: KEY } }], ...script });
  const wrapper = mountRu(PushSwitch, { global: { provide: scripted.provide } });
  await flushPromises();
  return { wrapper, scripted, toggle: () => wrapper.get("#push-switch") };
}

describe("PushSwitch", () => {
  it("never asks for the permission by itself: off until the subscriber turns it on", async () => {
    const device = browser();
    const { wrapper, scripted } = await mounted({});
    expect((wrapper.get("#push-switch").element as HTMLInputElement).checked).toBe(false);
    expect(device.requestPermission).not.toHaveBeenCalled();
    expect(device.pushManager.subscribe).not.toHaveBeenCalled();
    expect(scripted.sent.map((sent) => sent.operationName)).toEqual(["PushPublicKey"]);
  });

  it("asks, subscribes with the server's key and sends the subscription when turned on", async () => {
    const device = browser();
    const { wrapper, scripted, toggle } = await mounted({
      SubscribePush: [{ data: { subscribePush: true } }],
    });
    await toggle().setValue(true);
    await flushPromises();
    expect(device.requestPermission).toHaveBeenCalledTimes(1);
    expect(device.pushManager.subscribe).toHaveBeenCalledWith({
      userVisibleOnly: true,
      applicationServerKey: KEY_BYTES,
    });
    expect(scripted.named("SubscribePush").map((sent) => sent.variables)).toEqual([
      { input: { endpoint: ENDPOINT, keys: KEYS } },
    ]);
    expect((toggle().element as HTMLInputElement).checked).toBe(true);
    expect(wrapper.text()).toContain("Отправить проверочное уведомление");
  });

  it("stays off and says so when the subscriber refuses the permission", async () => {
    const device = browser({ answer: "denied" });
    const { wrapper, scripted, toggle } = await mounted({});
    await toggle().setValue(true);
    await flushPromises();
    expect(device.pushManager.subscribe).not.toHaveBeenCalled();
    expect(scripted.named("SubscribePush")).toHaveLength(0);
    expect((toggle().element as HTMLInputElement).checked).toBe(false);
    expect(wrapper.text()).toContain("Уведомления запрещены в браузере");
  });

  it("undoes the browser's subscription when the server refuses it", async () => {
    const device = browser();
    const { wrapper, toggle } = await mounted({
      SubscribePush: [{ refusal: { code: "VALIDATION_FAILED", field: "endpoint" } }],
    });
    await toggle().setValue(true);
    await flushPromises();
    expect(device.subscription.unsubscribe).toHaveBeenCalled();
    expect((toggle().element as HTMLInputElement).checked).toBe(false);
    expect(wrapper.find("[role=alert]").exists()).toBe(true);
  });

  it("shows on when this browser is subscribed, and unsubscribes here and on the server when turned off", async () => {
    const device = browser({ permission: "granted", subscribed: true });
    const { scripted, toggle } = await mounted({
      UnsubscribePush: [{ data: { unsubscribePush: true } }],
    });
    expect((toggle().element as HTMLInputElement).checked).toBe(true);
    await toggle().setValue(false);
    await flushPromises();
    expect(scripted.named("UnsubscribePush").map((sent) => sent.variables)).toEqual([
      { endpoint: ENDPOINT },
    ]);
    expect(device.subscription.unsubscribe).toHaveBeenCalled();
    expect((toggle().element as HTMLInputElement).checked).toBe(false);
    expect(device.requestPermission).not.toHaveBeenCalled();
  });

  it("sends a test notification on request", async () => {
    browser({ permission: "granted", subscribed: true });
    const { wrapper, scripted } = await mounted({
      SendTestPush: [{ data: { sendTestPush: { sent: 1 } } }],
    });
    await wrapper.get("button").trigger("click");
    await flushPromises();
    expect(scripted.named("SendTestPush")).toHaveLength(1);
    expect(wrapper.text()).toContain("Проверочное уведомление отправлено");
  });

  it("offers nothing when the server sends no push, or the browser cannot", async () => {
    browser();
    const { wrapper } = await mounted({ PushPublicKey: [{ data: { pushPublicKey: null } }] });
    expect(wrapper.find("#push-switch").exists()).toBe(false);
    expect(wrapper.text()).toContain("не поддерживает push-уведомления");

    delete (window as unknown as Record<string, unknown>).PushManager;
    const { wrapper: without, scripted } = await mounted({});
    expect(without.find("#push-switch").exists()).toBe(false);
    expect(scripted.sent).toHaveLength(0);
  });
});
