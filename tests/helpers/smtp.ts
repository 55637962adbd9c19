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
  /** Milliseconds to hold the reply to a message's DATA (0: answer at once), e.g. past the client's timeout. */
  delayReply: (messageId: string, attempt: number) => number;
  close(): Promise<void>;
}

/** `port`: listen on this one (e.g. to bring a stopped server back on the same address). */
export async function startSmtpServer(opts: { port?: number } = {}): Promise<TestSmtpServer> {
  const smtp: Omit<TestSmtpServer, 'url' | 'close'> = { received: [], attempts: new Map(), refuse: () => false, delayReply: () => 0 };
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
            callback(
              Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Temporary failure, try again later'), { responseCode: code }),
            );
            return;
          }
          smtp.received.push(parsed);
          const delay = smtp.delayReply(id, attempt);
          if (delay > 0) setTimeout(() => callback(), delay);
          else callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  // A client killed mid-session (crash tests) resets its connection: the server emits 'error', not a failure of the test.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return Object.assign(smtp, {
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
