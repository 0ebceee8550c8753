// Opens a payment page in Chromium and gathers what `payframe audit` judges (Node, ships): the
// scripts that ran in the page's realm, its frames and headers, and a live leak probe that types
// a test card where the card fields show, as a shopper would, while the realm recorder listens.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Frame, Page, Request, Response } from 'playwright-core';
import { findChromium, CHROMIUM_ARGS } from '../browser/chromium.mjs';
import { AuditError } from './audit-errors.ts';
import type { AuditedFrame, LeakProbeReport } from './audit-report.ts';
import { describeUrl, findLeaks, newProbeCard, sightingsFromRecords, type ProbeCard, type Sighting } from './leak-search.ts';
import { collectLoot, installSkimmer } from './realm-recorder.ts';

export interface PageObservation {
  finalUrl: string;
  fieldsOrigin: string;
  https: boolean;
  csp: string | null;
  /** The page's <meta http-equiv="Content-Security-Policy"> policies, comma-joined, or null. */
  metaCsp: string | null;
  strictTransportSecurity: string | null;
  /** Inline scripts the HTML parser ran, in order (those that removed themselves too). */
  inlineScripts: { text: string }[];
  /** Code the page's scripts compiled as they ran: eval, new Function, an inline script they inserted. */
  runtimeScripts: { text: string }[];
  loadedScripts: { url: string; body: Buffer; integrity: string | null }[];
  frames: AuditedFrame[];
  leakProbe: LeakProbeReport;
  /** The card the probe typed: only for redacting the output, never printed. */
  card: ProbeCard;
}

export interface ProbeOptions {
  /** How long the page may take to load and show ready card fields. */
  timeoutMs: number;
  /** The fields origin, when the page's frames should not decide it. */
  fieldsOrigin?: string;
}

const FIELD_FRAME = /\/frames\/[^/]+\/(card|number|expiry|cvc)\.html/;

type Playwright = typeof import('playwright-core');

/** playwright-core beside this package, else in the project the command runs in (a global `payframe`, a local driver). */
async function loadPlaywright(): Promise<Playwright> {
  try {
    return await import('playwright-core');
  } catch {
    // Not beside the package: try the current project.
  }
  try {
    const path = createRequire(join(process.cwd(), 'package.json')).resolve('playwright-core');
    // A CommonJS module imported by path: its exports may sit on `default` only.
    const module = (await import(pathToFileURL(path).href)) as Playwright & { default?: Playwright };
    return module.chromium ? module : module.default!;
  } catch {
    throw new AuditError('no-browser-driver', 'payframe audit drives Chromium through playwright-core, which is not installed: npm install playwright-core');
  }
}

async function launch(): Promise<Browser> {
  const { chromium } = await loadPlaywright();
  const executablePath = findChromium(() => chromium.executablePath());
  if (!executablePath) {
    throw new AuditError('no-browser', 'no Chromium found: set PAYFRAME_CHROMIUM=/path/to/chromium, install one (Debian: apt-get install chromium), or run `npx playwright install chromium`');
  }
  try {
    return await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  } catch (error) {
    throw new AuditError('no-browser', `Chromium at ${executablePath} did not start: ${firstLine(error)}`);
  }
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0]!;

const sha = (algorithm: 'sha256' | 'sha384' | 'sha512', data: string | Buffer) => `${algorithm}-${createHash(algorithm).update(data).digest('base64')}`;
export const scriptHashes = (data: string | Buffer) => ({ sha256: sha('sha256', data), sha384: sha('sha384', data), sha512: sha('sha512', data) });

function mainFrameOf(request: Request): Frame | undefined {
  try {
    return request.frame();
  } catch {
    return undefined; // A service worker's request has no frame.
  }
}

export async function observePage(url: string, options: ProbeOptions): Promise<PageObservation> {
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const pageOrigin = new URL(url).origin;
    await page.addInitScript(installSkimmer, pageOrigin);
    const compiled = await watchCompiledScripts(page);

    // Scripts and requests of the page's own realm (its main frame), as they happen.
    const scriptResponses: Promise<{ url: string; body: Buffer } | undefined>[] = [];
    const requests: Request[] = [];
    page.on('response', (response: Response) => {
      const request = response.request();
      if (request.resourceType() !== 'script' || mainFrameOf(request) !== page.mainFrame()) return;
      scriptResponses.push(response.body().then((body) => ({ url: response.url(), body }), () => undefined));
    });
    page.on('request', (request) => {
      if (mainFrameOf(request) === page.mainFrame()) requests.push(request);
    });

    const load = async (action: () => Promise<Response | null>) => {
      let loaded: Response | null;
      try {
        loaded = await action();
      } catch (error) {
        throw new AuditError('page-unreachable', `${url} did not load: ${firstLine(error)}`);
      }
      if (!loaded || loaded.status() >= 400) throw new AuditError('page-unreachable', `${url} answered ${loaded?.status() ?? 'nothing'}`);
      return loaded;
    };
    let response = await load(() => page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs }));
    const finalOrigin = new URL(page.url()).origin;
    if (finalOrigin !== pageOrigin) {
      // Redirected to another origin, where the recorder did not listen: load the page again with it there, from a clean slate.
      await page.addInitScript(installSkimmer, finalOrigin);
      scriptResponses.length = 0;
      requests.length = 0;
      compiled.forget();
      response = await load(() => page.reload({ waitUntil: 'load', timeout: options.timeoutMs }));
    }

    const fields = await waitForCardFields(page, options.timeoutMs, url);
    const fieldsOrigin = options.fieldsOrigin ?? new URL(fields.frame(fields.kinds[0]!).url()).origin;
    const leakProbe = await probeForLeaks(page, fields, requests);

    const dom = await page.evaluate(() => [...document.scripts].map((script) => ({ src: script.src, integrity: script.getAttribute('integrity') })));
    const metaPolicies = await page.evaluate(() =>
      [...document.querySelectorAll('meta[http-equiv]')].filter((meta) => (meta as HTMLMetaElement).httpEquiv.toLowerCase() === 'content-security-policy').map((meta) => (meta as HTMLMetaElement).content),
    );
    const { inlineScripts, runtimeScripts, ranUrls } = await compiled.collect(page.url());
    const loaded = (await Promise.all(scriptResponses)).filter((entry) => entry !== undefined);
    const seen = new Set<string>();
    const loadedScripts = loaded
      .filter((entry) => ranUrls.has(entry.url) && !seen.has(entry.url) && seen.add(entry.url))
      .map((entry) => ({ ...entry, integrity: dom.find((script) => script.src === entry.url)?.integrity ?? null }))
      // By URL: responses arrive in whatever order the network gives, and two runs must print alike.
      .sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));

    const frames: AuditedFrame[] = page
      .frames()
      .filter((frame) => frame !== page.mainFrame())
      .map((frame) => {
        const origin = frameOrigin(frame.url());
        return { url: describeUrl(frame.url()), origin, payframe: origin === fieldsOrigin && new URL(frame.url()).pathname.startsWith('/frames/') };
      });

    return {
      finalUrl: page.url(),
      fieldsOrigin,
      https: new URL(page.url()).protocol === 'https:',
      csp: (await response.headerValue('content-security-policy')) ?? null,
      metaCsp: metaPolicies.length > 0 ? metaPolicies.join(', ') : null,
      strictTransportSecurity: (await response.headerValue('strict-transport-security')) ?? null,
      inlineScripts,
      runtimeScripts,
      loadedScripts,
      frames,
      leakProbe: leakProbe.report,
      card: leakProbe.card,
    };
  } finally {
    await browser.close();
  }
}

const withoutFragment = (url: string) => url.replace(/#.*$/, '');

/**
 * Every script V8 compiles in the page's own realm (main frame, main world), through the DevTools
 * protocol: inline scripts carry the document's URL; code made at run time has no URL but a stack
 * leading back to a page script that made it. Playwright's own code (the recorder, the audit's
 * evaluations) has no URL and no such stack, and is left out.
 */
async function watchCompiledScripts(page: Page) {
  const session = await page.context().newCDPSession(page);
  const contexts = new Map<number, { frameId?: string; isDefault?: boolean }>();
  const parsed: { scriptId: string; url: string; executionContextId: number; madeByCode: boolean }[] = [];
  session.on('Runtime.executionContextCreated', ({ context }) => contexts.set(context.id, (context.auxData ?? {}) as { frameId?: string; isDefault?: boolean }));
  session.on('Debugger.scriptParsed', (event) => parsed.push({ scriptId: event.scriptId, url: event.url, executionContextId: event.executionContextId, madeByCode: (event.stackTrace?.callFrames ?? []).some((frame) => frame.url !== '') }));
  await session.send('Runtime.enable');
  await session.send('Debugger.enable');
  return {
    /** Drops what was compiled so far (before loading the page again). */
    forget() {
      parsed.length = 0;
    },
    async collect(documentUrl: string) {
      const { frameTree } = await session.send('Page.getFrameTree');
      const own = parsed.filter((script) => {
        const context = contexts.get(script.executionContextId);
        return context?.frameId === frameTree.frame.id && context.isDefault === true;
      });
      const source = async (scriptId: string) => ({ text: (await session.send('Debugger.getScriptSource', { scriptId })).scriptSource });
      const inline = own.filter((script) => withoutFragment(script.url) === withoutFragment(documentUrl));
      const runtime = own.filter((script) => script.url === '' && script.madeByCode);
      return {
        inlineScripts: await Promise.all(inline.map((script) => source(script.scriptId))),
        runtimeScripts: await Promise.all(runtime.map((script) => source(script.scriptId))),
        /** The URLs of scripts that ran (a script refused for its integrity or by the CSP was fetched, never compiled). */
        ranUrls: new Set(own.map((script) => script.url).filter((url) => url !== '')),
      };
    },
  };
}

function frameOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

type FieldKind = 'number' | 'expiry' | 'cvc';

interface CardFields {
  kinds: FieldKind[];
  frame(kind: FieldKind): Frame;
  input(kind: FieldKind): ReturnType<Frame['locator']>;
}

/** The drop-in's one card frame, or the split fields' three: once the page says they are ready. */
async function waitForCardFields(page: Page, timeoutMs: number, url: string): Promise<CardFields> {
  try {
    await page.waitForFunction(() => [...document.querySelectorAll('*')].some((element) => element.localName.startsWith('payframe-') && (element as { ready?: boolean }).ready === true), undefined, {
      timeout: timeoutMs,
    });
  } catch {
    throw new AuditError('no-payframe', `${url} shows no ready Payframe card fields (no <payframe-checkout> or split fields became ready within ${timeoutMs / 1000} s)`);
  }
  const byName = new Map<string, Frame>();
  for (const frame of page.frames()) {
    const match = FIELD_FRAME.exec(frame.url());
    if (match && !byName.has(match[1]!)) byName.set(match[1]!, frame);
  }
  const card = byName.get('card');
  const kinds: FieldKind[] = ['number', 'expiry', 'cvc'];
  if (card) return { kinds, frame: () => card, input: (kind) => card.locator(`input#${kind}`) };
  if (kinds.every((kind) => byName.has(kind))) return { kinds, frame: (kind) => byName.get(kind)!, input: (kind) => byName.get(kind)!.locator('input#input') };
  throw new AuditError('no-payframe', `${url} has Payframe elements but no card number, expiry and CVC frames to type into`);
}

/**
 * Types a fresh test card where each field shows (a click at the input's place on the page, then
 * keys), so whatever sits on top of the fields gets the keys as it would from a shopper. Then
 * searches everything the page's realm recorded, its DOM, storage and requests.
 */
async function probeForLeaks(page: Page, fields: CardFields, requests: Request[]): Promise<{ report: LeakProbeReport; card: ProbeCard }> {
  const before = await page.evaluate(collectLoot);
  const card = newProbeCard(`${before.records.join('\n')}\n${before.dom}`);
  const values: Record<FieldKind, string> = { number: card.number, expiry: card.expiry, cvc: card.cvc };
  let typed = true;
  for (const kind of fields.kinds) {
    const input = fields.input(kind);
    await input.scrollIntoViewIfNeeded();
    const box = await input.boundingBox();
    if (!box) {
      typed = false;
      continue;
    }
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.type(values[kind]);
  }
  // The round trip runs after every key's handlers: what they recorded is in.
  const loot = await page.evaluate(collectLoot);
  const fieldsReceivedCard = (await fields.input('number').inputValue()).replace(/\D/g, '') === card.number;
  const sightings: Sighting[] = [...sightingsFromRecords(loot.records, page.url()), { where: "the page's DOM, storage or cookies", text: loot.dom }];
  for (const request of requests) {
    sightings.push({ where: `a ${request.method()} request to ${describeUrl(request.url())}`, text: `${request.url()} ${request.postData() ?? ''} ${JSON.stringify(request.headers())}` });
  }
  return { report: { typed, fieldsReceivedCard, leaks: findLeaks(sightings, card) }, card };
}
