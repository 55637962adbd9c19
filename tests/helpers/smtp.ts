// A real SMTP server on loopback (smtp-server), keeping every message it accepts, parsed.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface TestSmtpServer {
  url: string;
  received: ParsedMail[];
  /** Every DATA attempt, accepted or refused, by Message-ID. */
  attempts: Map<string, number>;
  /** Decides per attempt whether to refuse it: true for 451 (temporary), or a reply code. */
  refuse: (messageId: string, attempt: number) => boolean | number;
  close(): Promise<void>;
}

export async function startSmtpServer(): Promise<TestSmtpServer> {
  const smtp: Omit<TestSmtpServer, 'url' | 'close'> = { received: [], attempts: new Map(), refuse: () => false };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const id = parsed.messageId ?? '';
          const attempt = (smtp.attempts.get(id) ?? 0) + 1;
          smtp.attempts.set(id, attempt);
          const refusal = smtp.refuse(id, attempt);
          if (refusal !== false) {
            const code = refusal === true ? 451 : refusal;
            callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Temporary failure, try again later'), { responseCode: code }));
            return;
          }
          smtp.received.push(parsed);
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(smtp, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
