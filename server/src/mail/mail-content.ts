import type { Language } from "../core/enums";
import type { ReminderWords } from "./templates/reminder";

/** The e-mails the service sends; each is rendered in the recipient's language. */
export type MailRequest =
  | { kind: "EMAIL_CONFIRMATION"; firstName: string; link: string; validDays: number }
  | { kind: "PASSWORD_RESET"; firstName: string; link: string; validMinutes: number }
  | {
      kind: "PASSWORD_CHANGED";
      firstName: string;
      /** Reset by e-mail (every session ended) or changed in the settings (others ended). */
      how: "RESET" | "CHANGE";
      loginUrl: string;
    }
  | {
      kind: "READING_REMINDER";
      firstName: string;
      /** The Almaty month, "YYYY-MM". */
      period: string;
      /** Each meter without a sending this month, with its one-tap link. */
      meters: Array<{
        accountNumber: string;
        meterSerial: string;
        link: string;
        /** Its verification date when due within 60 days or passed; absent otherwise. */
        verification?: DueVerification | null;
      }>;
      settingsUrl: string;
    };

/** A meter's verification (поверка) date, "YYYY-MM-DD", due soon or already passed. */
export interface DueVerification {
  due: string;
  overdue: boolean;
}

export type MailKind = MailRequest["kind"];

/** A message as a language writes it; `render` turns it into plain text and HTML. */
export interface MailText {
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Links listed after the paragraphs (a legal entity's reminder: one per meter). */
  links?: Array<{ label: string; url: string }>;
  /** Paragraphs after the button. */
  notes: string[];
}

type Template<K extends MailKind> = (request: Extract<MailRequest, { kind: K }>) => MailText;

/** One language's messages: a small function per e-mail, plus the common footer. */
export interface LanguageTemplates {
  EMAIL_CONFIRMATION: Template<"EMAIL_CONFIRMATION">;
  PASSWORD_RESET: Template<"PASSWORD_RESET">;
  PASSWORD_CHANGED: Template<"PASSWORD_CHANGED">;
  READING_REMINDER: Template<"READING_REMINDER">;
  /** The reminder's words, for its push notification too. */
  reminder: ReminderWords;
  /** Lines under every message. */
  footer: string[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
  /** BCP 47 tag for Content-Language and `<html lang>`. */
  language: string;
}

export type TemplatesByLanguage = Record<Language, LanguageTemplates>;
