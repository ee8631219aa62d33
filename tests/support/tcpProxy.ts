import net from "node:net";

/**
 * A TCP forwarder in front of PostgreSQL that a test can cut and restore, to play "the database went
 * away" without stopping the shared server. `cut()` refuses new connections and drops open ones;
 * `blackhole()` accepts connections but never answers (a hung network), `restore()` forwards again.
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  private mode: "forward" | "blackhole" = "forward";

  constructor(
    private readonly target: { host: string; port: number },
    readonly port: number,
  ) {}

  /** Starts forwarding on 127.0.0.1:port. */
  async restore(): Promise<void> {
    this.mode = "forward";
    if (this.server) return;
    const server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
  }

  /** Accepts connections and drops every byte: connects and queries hang until the client times out. */
  async blackhole(): Promise<void> {
    this.dropAll();
    await this.restore();
    this.mode = "blackhole";
  }

  /** Stops listening (new connections are refused) and destroys every open connection. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.dropAll();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** A connection string like `url` but through this proxy. */
  urlFor(url: string): string {
    const u = new URL(url);
    u.hostname = "127.0.0.1";
    u.port = String(this.port);
    return u.toString();
  }

  private dropAll() {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  private track(socket: net.Socket) {
    this.sockets.add(socket);
    socket.on("close", () => this.sockets.delete(socket));
    socket.on("error", () => socket.destroy());
  }

  private accept(client: net.Socket) {
    this.track(client);
    if (this.mode === "blackhole") return;
    const upstream = net.connect(this.target.port, this.target.host);
    this.track(upstream);
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  }
}

/** Host and port of a PostgreSQL URL. */
export function hostPortOf(url: string): { host: string; port: number } {
  const u = new URL(url);
  return { host: u.hostname || "127.0.0.1", port: Number(u.port || 5432) };
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
