// The bench's servers in a process of their own (scripts/bench.mjs starts it): the demo's merchant,
// fields and gateway servers, and the bare-iframe baseline origin. Run beside Playwright in one Node
// process, a frame's response waited on that process's event loop while Playwright attached to the
// new frame, and time to ready moved by tens of milliseconds from run to run. Prints one line,
// `bench-servers <JSON>` with the addresses and the key, then serves until its stdin closes (the
// bench ended or died).
//
//   node --import tsx scripts/bench/bench-servers.mjs   (PAYFRAME_DIST_DIR: the build to serve)
import { join, resolve } from 'node:path';
import { startDemoServers } from '../../demo/servers.ts';
import { startBaselineFrameServer } from './baseline-frame-server.mjs';

const repoRoot = resolve(import.meta.dirname, '../..');
const distDir = process.env.PAYFRAME_DIST_DIR ?? 'dist';
const servers = await startDemoServers({ merchantPort: 0, fieldsPort: 0, gatewayPort: 0, distDir, extraPageDirs: { bench: join(repoRoot, 'bench/pages') } });
const baselineFrame = await startBaselineFrameServer({ frameAncestors: [servers.merchantUrl] });

process.stdout.write(
  `bench-servers ${JSON.stringify({
    merchantUrl: servers.merchantUrl,
    fieldsOrigin: servers.fieldsOrigin,
    publishableKey: servers.publishableKey,
    gatewayUrl: servers.gatewayUrl,
    frameUrl: baselineFrame.url,
    handshakeUrl: baselineFrame.handshakeUrl,
  })}\n`,
);

process.stdin.resume();
process.stdin.on('end', async () => {
  await baselineFrame.close();
  await servers.close();
  process.exit(0);
});
