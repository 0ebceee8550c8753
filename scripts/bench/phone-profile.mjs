// The bench's phone profile: CPU 4x slower, 150 ms round trip, 1.6 Mbps down and up, cold cache, applied to
// the merchant page AND to every out-of-process iframe (the fields origin's frames, the bare iframe).
//
// Why its own DevTools connection: in Chromium 156, Network.emulateNetworkConditions and
// Emulation.setCPUThrottlingRate sent to the page's session do not cover out-of-process (cross-site) iframes.
// Measured on this machine (2026-12): with 500 ms latency set on the page session only, the field frames'
// scripts still loaded in 8-40 ms (only their document request, made on the parent's behalf, was slowed);
// with 4x CPU set on the page only, work inside a field frame ran at ~1x. Attaching to each iframe target
// (Target.setAutoAttach, flatten, waitForDebuggerOnStart) and applying the same settings there before it
// runs slowed every frame script to ~505 ms and frame work ~5x. Playwright's CDPSession cannot address the
// child sessions that auto-attach creates, so the bench opens a second connection (--remote-debugging-port)
// to the same browser and holds those sessions itself.
import net from 'node:net';

export const PHONE_PROFILE = {
  label: 'CPU 4x slower, 150 ms RTT, 1.6 Mbps down/up, cold cache',
  cpuThrottlingRate: 4,
  latencyMs: 150,
  /** 1.6 Mbps in bytes per second, as Network.emulateNetworkConditions takes it. */
  throughputBytesPerSecond: 1.6e6 / 8,
};

/** A port free right now on the loopback interface, for --remote-debugging-port. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * A minimal DevTools protocol client over the browser's WebSocket, flat sessions (`sessionId` on
 * each message). Needs the global WebSocket (Node 22, or Node 20 with --experimental-websocket).
 */
export async function connectDevTools(port) {
  const version = await fetch(`http://127.0.0.1:${port}/json/version`).then((response) => response.json());
  const socket = new WebSocket(version.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', () => reject(new Error(`Could not open the DevTools WebSocket on port ${port}`)), { once: true });
  });
  let lastId = 0;
  const pending = new Map();
  const listeners = new Set();
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data));
    if (message.id === undefined) {
      for (const listener of listeners) listener(message);
      return;
    }
    const call = pending.get(message.id);
    pending.delete(message.id);
    if (message.error) call?.reject(new Error(`${call.method}: ${message.error.message}`));
    else call?.resolve(message.result);
  });
  socket.addEventListener('close', () => {
    for (const call of pending.values()) call.reject(new Error(`${call.method}: the DevTools connection closed`));
    pending.clear();
  });
  return {
    /** @returns {Promise<any>} */
    send(method, params = {}, sessionId = undefined) {
      const id = ++lastId;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method });
        socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
      });
    },
    /** @param {(message: any) => void} listener @returns {() => void} stops listening */
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      socket.close();
    },
  };
}

/**
 * Applies `profile` to a Playwright page before it navigates, and to every iframe target the page
 * gets later, each paused at start (waitForDebuggerOnStart) until its settings are in. Returns what
 * it covered; call `stop()` when the run is over.
 */
export async function applyProfile(devtools, context, page, profile = PHONE_PROFILE) {
  const playwrightSession = await context.newCDPSession(page);
  const { targetInfo } = await playwrightSession.send('Target.getTargetInfo');
  await playwrightSession.detach();

  const ours = new Set();
  const covered = { iframeTargets: 0, errors: /** @type {string[]} */ ([]) };
  const settle = [];
  const apply = async (sessionId) => {
    ours.add(sessionId);
    await devtools.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuThrottlingRate }, sessionId);
    // Cache settings apply to sessions with the Network domain on; the emulated conditions apply either way.
    await devtools.send('Network.enable', {}, sessionId);
    await devtools.send('Network.setCacheDisabled', { cacheDisabled: true }, sessionId);
    await devtools.send(
      'Network.emulateNetworkConditions',
      { offline: false, latency: profile.latencyMs, downloadThroughput: profile.throughputBytesPerSecond, uploadThroughput: profile.throughputBytesPerSecond },
      sessionId,
    );
    await devtools.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: true }, sessionId);
  };
  const stopListening = devtools.on((message) => {
    if (message.method !== 'Target.attachedToTarget' || !ours.has(message.sessionId)) return;
    const { sessionId, targetInfo: child } = message.params;
    const applied = child.type === 'iframe' ? apply(sessionId).then(() => covered.iframeTargets++) : Promise.resolve();
    settle.push(
      applied
        .catch((error) => covered.errors.push(`${child.type}: ${error.message}`))
        // Resumed even when a setting failed, so the page cannot hang; the run then reports the error.
        .then(() => devtools.send('Runtime.runIfWaitingForDebugger', {}, sessionId).catch(() => {})),
    );
  });
  const { sessionId } = await devtools.send('Target.attachToTarget', { targetId: targetInfo.targetId, flatten: true });
  await apply(sessionId);
  return {
    covered,
    /** Waits for the settings of every frame attached so far; throws if one could not be applied. */
    async check() {
      await Promise.all(settle);
      if (covered.errors.length) throw new Error(`The phone profile could not be applied to every frame: ${covered.errors.join('; ')}`);
      return covered;
    },
    async stop() {
      stopListening();
      await devtools.send('Target.detachFromTarget', { sessionId }).catch(() => {});
    },
  };
}
