import { OFFER_STORAGE_KEY, useInstallPrompt } from "../../composables/useInstallPrompt";
import { mountRu } from "../../test/mount";
import InstallOffer from "./InstallOffer.vue";

/*
 * The home-screen offer: after registration and once more at most (the first accounts screen
 * after logging in), «Позже» remembered on the phone, never for a returning subscriber.
 */
const { offerPending } = useInstallPrompt();
const TITLE = "Ярлык на главном экране";

/** A screen with the offer: the registration's success, or accounts when a login asked for it. */
function openScreen() {
  const wrapper = mountRu(InstallOffer);
  return { shown: wrapper.text().includes(TITLE), wrapper };
}
function logIn(): boolean {
  offerPending.value = true;
  return offerPending.value;
}

beforeEach(() => {
  localStorage.clear();
  offerPending.value = false;
});

describe("InstallOffer", () => {
  it("is shown after registration and on the first accounts screen, then never again", () => {
    const registered = openScreen();
    expect(registered.shown).toBe(true);
    registered.wrapper.unmount();

    expect(logIn()).toBe(true);
    const accounts = openScreen();
    expect(accounts.shown).toBe(true);
    accounts.wrapper.unmount();
    // Leaving the accounts screen and coming back: gone.
    expect(offerPending.value).toBe(false);

    // Every later login.
    for (let login = 0; login < 3; login++) expect(logIn()).toBe(false);
    expect(openScreen().shown).toBe(false);
  });

  it("never offers it on the accounts of a returning subscriber", () => {
    expect(logIn()).toBe(false);
  });

  it("remembers «Позже» on the phone", async () => {
    const registered = openScreen();
    await registered.wrapper.get("button.button--ghost").trigger("click");
    expect(registered.wrapper.text()).not.toContain(TITLE);
    expect(JSON.parse(localStorage.getItem(OFFER_STORAGE_KEY) ?? "{}")).toMatchObject({
      dismissed: true,
    });
    registered.wrapper.unmount();
    expect(logIn()).toBe(false);
    expect(openScreen().shown).toBe(false);
  });
});
