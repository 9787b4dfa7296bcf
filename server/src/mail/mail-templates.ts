import { Language } from "../core/enums";
import type {
  LanguageTemplates,
  MailRequest,
  MailText,
  RenderedMail,
  TemplatesByLanguage,
} from "./mail-content";
import { en } from "./templates/en";
import { kk } from "./templates/kk";
import { ru } from "./templates/ru";

export const TEMPLATES: TemplatesByLanguage = {
  [Language.RU]: ru,
  [Language.KK]: kk,
  [Language.EN]: en,
};

const LANGUAGE_TAGS: Record<Language, string> = {
  [Language.RU]: "ru",
  [Language.KK]: "kk",
  [Language.EN]: "en",
};

function textOf(request: MailRequest, templates: LanguageTemplates): MailText {
  switch (request.kind) {
    case "EMAIL_CONFIRMATION":
      return templates.EMAIL_CONFIRMATION(request);
    case "PASSWORD_RESET":
      return templates.PASSWORD_RESET(request);
    case "PASSWORD_CHANGED":
      return templates.PASSWORD_CHANGED(request);
    case "READING_REMINDER":
      return templates.READING_REMINDER(request);
  }
}

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!,
  );

/** The e-mail in the recipient's language, as plain text and as simple, escaped HTML. */
export function renderMail(request: MailRequest, language: Language): RenderedMail {
  const templates = TEMPLATES[language] ?? TEMPLATES[Language.RU];
  const mail = textOf(request, templates);
  const tag = LANGUAGE_TAGS[language] ?? "ru";

  const text = [
    mail.greeting,
    ...mail.paragraphs,
    ...(mail.links?.length ? [mail.links.map((l) => `${l.label}: ${l.url}`).join("\n")] : []),
    ...(mail.action ? [`${mail.action.label}: ${mail.action.url}`] : []),
    ...mail.notes,
    ["--", ...templates.footer].join("\n"),
  ].join("\n\n");

  const p = (content: string, style = "") => `<p style="margin:0 0 16px;${style}">${content}</p>`;
  const action = mail.action
    ? p(
        `<a href="${escapeHtml(mail.action.url)}" style="display:inline-block;padding:12px 20px;` +
          `background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:6px">` +
          `${escapeHtml(mail.action.label)}</a>`,
      ) + p(escapeHtml(mail.action.url), "font-size:13px;color:#555;word-break:break-all")
    : "";
  const html = [
    "<!doctype html>",
    `<html lang="${tag}"><head><meta charset="utf-8"><title>${escapeHtml(mail.subject)}</title></head>`,
    '<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:15px;' +
      'line-height:1.5;color:#1a1a1a">',
    p(escapeHtml(mail.greeting)),
    ...mail.paragraphs.map((paragraph) => p(escapeHtml(paragraph))),
    ...(mail.links ?? []).map((l) =>
      p(`<a href="${escapeHtml(l.url)}" style="color:#0b5cad">${escapeHtml(l.label)}</a>`),
    ),
    action,
    ...mail.notes.map((note) => p(escapeHtml(note))),
    p(templates.footer.map(escapeHtml).join("<br>"), "font-size:13px;color:#666"),
    "</body></html>",
  ].join("\n");

  return { subject: mail.subject, text, html, language: tag };
}
