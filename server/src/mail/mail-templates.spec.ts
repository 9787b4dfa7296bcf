import { Language } from "../core/enums";
import type { MailRequest } from "./mail-content";
import { renderMail } from "./mail-templates";

const LINK = "https://gas.example.kz/reset-password#token=" + "x".repeat(43);
const requests: MailRequest[] = [
  { kind: "EMAIL_CONFIRMATION", firstName: "Айгерим", link: LINK, validDays: 3 },
  { kind: "PASSWORD_RESET", firstName: "Айгерим", link: LINK, validMinutes: 30 },
  {
    kind: "PASSWORD_CHANGED",
    firstName: "Айгерим",
    how: "RESET",
    loginUrl: "https://gas.example.kz/",
  },
  {
    kind: "PASSWORD_CHANGED",
    firstName: "Айгерим",
    how: "CHANGE",
    loginUrl: "https://gas.example.kz/",
  },
];
const cases = requests.flatMap((request) =>
  [Language.RU, Language.KK, Language.EN].map(
    (language) => [request.kind, language, request] as const,
  ),
);

describe("renderMail", () => {
  it.each(cases)(
    "%s in %s: plain text and HTML with the same content",
    (_kind, language, request) => {
      const mail = renderMail(request, language);
      expect(mail.language).toBe(language.toLowerCase());
      expect(mail.subject.length).toBeGreaterThan(5);
      expect(mail.text).toContain("Айгерим");
      expect(mail.html).toContain(`<html lang="${mail.language}">`);
      expect(mail.text).toContain("support@gazholding.kz");
      expect(`${mail.text}${mail.html}`).not.toMatch(/undefined|null|NaN|\$\{/);
      if ("link" in request) {
        expect(mail.text).toContain(request.link);
        expect(mail.html).toContain(`href="${request.link}"`);
      }
    },
  );

  it("writes Kazakh in Kazakh letters and Russian plurals correctly", () => {
    const kazakh = renderMail(requests[1], Language.KK);
    expect(kazakh.subject).toBe("Құпиясөзді қалпына келтіру");
    expect(kazakh.text).toMatch(/[әғқңөұүһі]/);
    expect(renderMail(requests[1], Language.RU).text).toContain("30 минут ");
    expect(renderMail({ ...requests[0], validDays: 1 } as MailRequest, Language.RU).text).toContain(
      "1 день",
    );
    expect(renderMail(requests[0], Language.RU).text).toContain("3 дня");
  });

  it("escapes what the user typed in the HTML part", () => {
    const mail = renderMail(
      { ...requests[0], firstName: '<img src=x onerror="alert(1)">' } as MailRequest,
      Language.EN,
    );
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });
});
