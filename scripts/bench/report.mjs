// Turns bench measurements into table rows (metric, ours, baseline or peer, ratio, goal, mark) and
// prints them. The same rows go to bench/results.json.
import { BUDGETS } from '../check-budgets.mjs';
import { summarize } from './stats.mjs';

const ms = (summary) => (summary?.median === undefined ? 'n/a' : `${summary.median} / ${summary.p95} ms`);
const bytes = (value) => value.toLocaleString('en');
const kb = (value) => `${(value / 1024).toFixed(0)} KB`;
const ratio = (ours, theirs) => (ours === undefined || !theirs ? '' : `${(ours / theirs).toFixed(2)}x`);
const mark = (passed) => (passed === undefined ? '' : passed ? 'pass' : 'FAIL');

/** Goals the issue sets; a row without one shows none rather than an invented threshold. */
const GOALS = {
  /** The goals: ready within 1.5x a bare iframe, paint within one frame, 5 ms overhead. */
  readyRatio: 1.5,
  keystrokePaintP95Ms: 16,
  tokenizeOverheadMedianMs: 5,
  layoutShift: 0,
  longTasks: 0,
  longestTaskMs: 10,
  // The goal where CI enforces another figure (the script tag): the table shows the goal.
  budgetOf: (id) => {
    const budget = BUDGETS.find((candidate) => candidate.id === id);
    return budget?.goal ?? budget?.maxGzip;
  },
};

/** @param {{ runs: any[], bytes: { ours: any[], peers: any[], peersUnavailable?: string } }} measured */
export function buildRows({ runs, bytes: measuredBytes }) {
  const rows = [];
  const all = (pick) => runs.flatMap(pick);

  if (runs.length) {
    const ready = summarize(all((run) => run.checkout.readyMs));
    const readyBaseline = summarize(all((run) => run.baseline.readyMs));
    rows.push({ metric: 'time to ready: attach -> payframe-ready', ours: ms(ready), baseline: `bare iframe load ${ms(readyBaseline)}`, ratio: ratio(ready.median, readyBaseline.median), goal: `<= ${GOALS.readyRatio}x`, mark: mark(ready.median <= GOALS.readyRatio * readyBaseline.median), data: { ours: ready, baseline: readyBaseline } });
    const readyFour = summarize(all((run) => (run.baseline.readyFourMs === undefined ? [] : [run.baseline.readyFourMs])));
    rows.push({ metric: 'time to ready vs as many bare iframes (4)', ours: ms(ready), baseline: `4 bare iframes loaded ${ms(readyFour)}`, ratio: ratio(ready.median, readyFour.median), goal: '', mark: '', data: { ours: ready, baseline: readyFour } });

    const paint = summarize(all((run) => run.checkout.keystrokes.map((key) => key.paintMs)));
    const paintBaseline = summarize(all((run) => run.baseline.keystrokes.map((key) => key.paintMs)));
    rows.push({ metric: 'keystroke -> formatted value painted (every digit)', ours: ms(paint), baseline: `bare input ${ms(paintBaseline)}`, ratio: ratio(paint.median, paintBaseline.median), goal: `p95 <= ${GOALS.keystrokePaintP95Ms} ms`, mark: mark(paint.p95 <= GOALS.keystrokePaintP95Ms), data: { ours: paint, baseline: paintBaseline } });

    const change = summarize(all((run) => run.checkout.keystrokes.filter((key) => key.changeMs !== undefined).map((key) => key.changeMs)));
    const inputBaseline = summarize(all((run) => run.baseline.keystrokes.map((key) => key.inputMs)));
    rows.push({ metric: 'keystroke -> payframe-change at merchant (1st + 16th digit)', ours: ms(change), baseline: `bare input event ${ms(inputBaseline)}`, ratio: ratio(change.median, inputBaseline.median), goal: '', mark: '', data: { ours: change, baseline: inputBaseline } });

    const tokenize = all((run) => run.checkout.tokenize);
    const tokenizeOurs = summarize(tokenize.map((sample) => sample.oursMs));
    const tokenizeGateway = summarize(tokenize.map((sample) => sample.gatewayMs));
    const overhead = summarize(tokenize.map((sample) => sample.oursMs - sample.gatewayMs));
    rows.push({ metric: 'tokenize() -> token at merchant', ours: ms(tokenizeOurs), baseline: `plain fetch ${ms(tokenizeGateway)}`, ratio: ratio(tokenizeOurs.median, tokenizeGateway.median), goal: '', mark: '', data: { ours: tokenizeOurs, baseline: tokenizeGateway } });
    rows.push({ metric: 'tokenize overhead (ours - plain fetch, paired)', ours: ms(overhead), baseline: '', ratio: '', goal: `median <= ${GOALS.tokenizeOverheadMedianMs} ms`, mark: mark(overhead.median <= GOALS.tokenizeOverheadMedianMs), data: { ours: overhead } });

    const heapPage = summarize(all((run) => run.checkout.heap.page), 0);
    const heapPageBaseline = summarize(all((run) => run.baseline.heap.page), 0);
    rows.push({ metric: 'JS heap, merchant page after mount (median)', ours: kb(heapPage.median), baseline: `bare page ${kb(heapPageBaseline.median)}`, ratio: ratio(heapPage.median, heapPageBaseline.median), goal: '', mark: '', data: { ours: heapPage, baseline: heapPageBaseline } });
    const heapFrames = summarize(all((run) => run.checkout.heap.frames), 0);
    const heapFramesBaseline = summarize(all((run) => run.baseline.heap.frames), 0);
    rows.push({ metric: 'JS heap, fields-origin process (4 frames, one heap)', ours: kb(heapFrames.median), baseline: `bare frame ${kb(heapFramesBaseline.median)}`, ratio: ratio(heapFrames.median, heapFramesBaseline.median), goal: '', mark: '', data: { ours: heapFrames, baseline: heapFramesBaseline } });

    const shift = Math.max(...all((run) => [run.checkout.layoutShift]));
    const frameShift = Math.max(...all((run) => [run.checkout.frameLayoutShift]));
    rows.push({ metric: 'layout shift during mount (worst run: page / frames)', ours: `${shift.toFixed(3)} / ${frameShift.toFixed(3)}`, baseline: '', ratio: '', goal: '0', mark: mark(shift === GOALS.layoutShift && frameShift === GOALS.layoutShift), data: { page: shift, frames: frameShift } });

    const longTasks = all((run) => run.checkout.longTasksMs);
    rows.push({ metric: 'long tasks > 50 ms on merchant main thread, mount', ours: `${longTasks.length} in ${runs.length} mounts`, baseline: '', ratio: '', goal: '0', mark: mark(longTasks.length === GOALS.longTasks), data: { durationsMs: longTasks } });

    const longest = summarize(all((run) => run.trace.longestTaskMs));
    rows.push({ metric: 'longest merchant main-thread task, mount (trace)', ours: ms(longest), baseline: '', ratio: '', goal: `<= ${GOALS.longestTaskMs} ms`, mark: mark(longest.p95 <= GOALS.longestTaskMs), data: { ours: longest, over10MsPerMount: summarize(all((run) => run.trace.tasksOver10Ms), 0) } });

    const mainThread = summarize(all((run) => run.checkout.mainThreadMs));
    rows.push({ metric: 'merchant main-thread busy time, mount (CDP TaskDuration)', ours: ms(mainThread), baseline: '', ratio: '', goal: '', mark: '', data: { ours: mainThread } });
  }

  for (const output of measuredBytes.ours) {
    const budget = GOALS.budgetOf(output.id);
    rows.push({
      metric: `bytes: ${output.label}`,
      ours: `${bytes(output.gzip)} gz / ${bytes(output.brotli)} br`,
      baseline: '',
      ratio: '',
      goal: budget ? `<= ${bytes(budget)} gz` : '',
      mark: budget ? mark(output.gzip <= budget) : '',
      data: output,
    });
  }
  // Peers are bundled the way an app bundles them, so they stand next to our ESM entry bundled alike.
  const appBundle = measuredBytes.ours.find((output) => output.id === 'esm-bundled');
  for (const peer of measuredBytes.peers) {
    const peerGzip = peer.gzip + (peer.css?.gzip ?? 0);
    const peerBrotli = peer.brotli + (peer.css?.brotli ?? 0);
    const css = peer.css ? ` (+ CSS ${bytes(peer.css.gzip)} gz)` : '';
    rows.push({
      metric: `app bundle vs ${peer.label}`,
      ours: `${bytes(appBundle.gzip)} gz / ${bytes(appBundle.brotli)} br`,
      baseline: `${bytes(peer.gzip)} gz / ${bytes(peer.brotli)} br${css}`,
      ratio: `${ratio(appBundle.gzip, peerGzip)} gz, ${ratio(appBundle.brotli, peerBrotli)} br`,
      goal: '',
      mark: '',
      data: peer,
    });
  }
  if (measuredBytes.peersUnavailable) rows.push({ metric: 'bytes vs peers', ours: '', baseline: `not measured: ${measuredBytes.peersUnavailable}`, ratio: '', goal: '', mark: '', data: {} });
  return rows;
}

export function printRows(rows) {
  const columns = [
    ['metric', 'metric'],
    ['ours', 'ours (median / p95)'],
    ['baseline', 'baseline / peer'],
    ['ratio', 'ratio'],
    ['goal', 'goal'],
    ['mark', ''],
  ];
  const widths = columns.map(([key, title]) => Math.max(title.length, ...rows.map((row) => String(row[key]).length)));
  const line = (cells) => cells.map((cell, index) => String(cell).padEnd(widths[index])).join('  ').trimEnd();
  console.log(line(columns.map(([, title]) => title)));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line(columns.map(([key]) => row[key])));
}
