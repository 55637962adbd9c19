// A loopback TCP proxy for fault tests: it stands between our processes and a dependency
// (PostgreSQL, an SMTP server) and, on command, cuts the connections it carries and refuses,
// resets or swallows new ones; then lets them through again, on the same port.
import net from 'node:net';

/**
 * How the dependency looks while it is down:
 * - 'refuse': the port is closed (ECONNREFUSED), as when the server process is gone;
 * - 'reset': connections are accepted and reset at once (ECONNRESET), as a crashing server;
 * - 'blackhole': connections are accepted and never answered, as a hung server or a
 *   partitioned network (the client's own timeouts must end the wait).
 */
export type DownMode = 'refuse' | 'reset' | 'blackhole';

export interface TcpProxy {
  readonly port: number;
  /** `url` with its host and port replaced by the proxy's. */
  via(url: string): string;
  /** Connections accepted so far (forwarded or not). */
  readonly accepted: number;
  /** Connections open right now. */
  readonly open: number;
  /** Cuts every open connection (both sides destroyed, nothing more flows). */
  cut(): void;
  /** Cuts every open connection and keeps the dependency down in `mode` until `up()`. */
  down(mode?: DownMode): Promise<void>;
  /** Lets new connections through again (on the same port). */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }, opts: { port?: number } = {}): Promise<TcpProxy> {
  const pairs = new Set<{ client: net.Socket; upstream?: net.Socket }>();
  let mode: 'up' | DownMode = 'up';
  let accepted = 0;
  let server: net.Server | undefined;
  let port = opts.port ?? 0;

  function destroy(pair: { client: net.Socket; upstream?: net.Socket }): void {
    pairs.delete(pair);
    pair.client.destroy();
    pair.upstream?.destroy();
  }

  function onConnection(client: net.Socket): void {
    accepted += 1;
    const pair: { client: net.Socket; upstream?: net.Socket } = { client };
    pairs.add(pair);
    client.on('error', () => destroy(pair));
    client.on('close', () => destroy(pair));
    if (mode === 'reset') {
      client.resetAndDestroy();
      pairs.delete(pair);
      return;
    }
    if (mode === 'blackhole') return; // held open, never answered, until cut() or up()/close()
    const upstream = net.connect(target.port, target.host);
    pair.upstream = upstream;
    upstream.on('error', () => destroy(pair));
    upstream.on('close', () => destroy(pair));
    client.pipe(upstream);
    upstream.pipe(client);
  }

  async function listen(): Promise<void> {
    const s = net.createServer(onConnection);
    await new Promise<void>((resolve, reject) => {
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
    });
    port = (s.address() as net.AddressInfo).port;
    server = s;
  }

  async function unlisten(): Promise<void> {
    const s = server;
    server = undefined;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  function cut(): void {
    for (const pair of [...pairs]) destroy(pair);
  }

  await listen();
  return {
    get port() {
      return port;
    },
    via(url) {
      const u = new URL(url);
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    get accepted() {
      return accepted;
    },
    get open() {
      return pairs.size;
    },
    cut,
    async down(next = 'refuse') {
      mode = next;
      if (next === 'refuse') {
        const closing = unlisten(); // stop accepting first, then cut what is open
        cut();
        await closing;
      } else {
        cut();
        if (!server) await listen();
      }
    },
    async up() {
      const wasBlackhole = mode === 'blackhole';
      mode = 'up';
      if (wasBlackhole) cut(); // the swallowed connections never got an answer: end them
      if (!server) await listen();
    },
    async close() {
      mode = 'refuse';
      const closing = unlisten();
      cut();
      await closing;
    },
  };
}
