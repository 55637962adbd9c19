// What a template yields: a small content model (subject, sentences, facts, a table, a titled
// block, a quoted comment, an action link) that one renderer turns into text and into HTML, so a
// template only words its mail and never deals with markup or escaping.
import type { MailLocale, MailParams, MailParamsByTemplate, MailTemplateName } from '../../../domain/mail';
import type { MailTable } from './table';

export interface RenderOptions {
  /** IANA zone the due times are shown in (TZ_BUSINESS). */
  zone: string;
  /** Base URL of the admin UI (PUBLIC_URL) that relative links are resolved against. */
  publicUrl: string;
}

export interface Content {
  subject: string;
  /** Sentences after the greeting, one paragraph each. */
  intro: string[];
  facts: [label: string, value: string | undefined][];
  /** After the facts; at most MAX_TABLE_ROWS rows are shown. */
  table?: MailTable;
  quote?: { label: string; text: string | undefined };
  /** A titled block after the quote (how to pay): multi-line free text, then sentences. */
  block?: { title: string; text?: string; sentences: string[] };
  /** The label of the link button. */
  action: string;
}

/** Words one mail from its own parameters (domain/mail.ts), in one locale. */
export type MailBuilder<T extends MailTemplateName> = (p: MailParamsByTemplate[T], locale: MailLocale, opts: RenderOptions) => Content;

/** The builders of some mails, one per template. */
export type MailBuilders<T extends MailTemplateName> = { [K in T]: MailBuilder<K> };

type FieldOf<T extends MailTemplateName> = T extends unknown ? keyof MailParamsByTemplate[T] : never;

/** Every field that one of these mails reads: what a reader shared by a process's mails takes. */
export type FieldsOf<T extends MailTemplateName> = Pick<MailParams, FieldOf<T>>;
