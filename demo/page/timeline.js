// @ts-check
// The payment timeline on the demo page (merchant realm): one group per PaymentIntent (or per
// token-mode session), one step per status the intent went through, each saying where it was
// learnt (the shop backend, a widget event) and whether it is what the scenario expects.

/** @typedef {'neutral' | 'progress' | 'success' | 'failure'} Tone */

/** @param {string} status @param {boolean} [failed] @returns {Tone} */
export function toneOf(status, failed = false) {
  if (failed) return 'failure';
  if (status === 'succeeded' || status === 'requires_capture' || status === 'token') return 'success';
  if (status === 'requires_action' || status === 'processing' || status === 'authenticated') return 'progress';
  if (status === 'canceled' || status === 'not_sent' || status === 'error' || status === 'authentication_failed') return 'failure';
  return 'neutral';
}

/** @param {string} tag @param {string} [className] @param {string} [text] */
function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class TimelineGroup {
  /** @param {HTMLOListElement} steps */
  constructor(steps) {
    this.steps = steps;
  }

  /**
   * @param {{ status: string, label?: string, detail?: string, source: string, failed?: boolean }} step
   * @returns {HTMLLIElement}
   */
  addStep({ status, label, detail, source, failed = false }) {
    const item = /** @type {HTMLLIElement} */ (element('li', 'step'));
    item.dataset.status = status;
    item.dataset.tone = toneOf(status, failed);
    const head = element('div', 'step-head');
    head.append(element('span', 'status', status));
    if (label) head.append(element('span', 'step-label', label));
    const time = element('time', 'step-time', new Date().toLocaleTimeString(undefined, { hour12: false }));
    head.append(time);
    item.append(head);
    if (detail) item.append(element('p', 'step-detail', detail));
    item.append(element('p', 'step-source', source));
    this.steps.append(item);
    return item;
  }

  /** Says under a step whether it matches what the picked scenario expects. */
  addVerdict(/** @type {HTMLLIElement} */ step, /** @type {boolean} */ pass, /** @type {string} */ text) {
    const verdict = element('p', 'verdict', `${pass ? '✓' : '✗'} ${text}`);
    verdict.dataset.verdict = pass ? 'pass' : 'fail';
    step.append(verdict);
  }
}

export class PaymentTimeline {
  /** @param {HTMLOListElement} list @param {HTMLElement} emptyNote */
  constructor(list, emptyNote) {
    this.list = list;
    this.emptyNote = emptyNote;
  }

  /**
   * A new group on top (newest first); its steps read top to bottom.
   * @param {{ title: string, meta: string, intentId?: string }} group
   */
  startGroup({ title, meta, intentId }) {
    this.emptyNote.hidden = true;
    const item = element('li', 'timeline-group');
    if (intentId) item.dataset.intent = intentId;
    const head = element('div', 'group-head');
    head.append(element(intentId ? 'code' : 'span', 'group-title', title), element('span', 'group-meta', meta));
    const steps = /** @type {HTMLOListElement} */ (element('ol', 'steps'));
    item.append(head, steps);
    this.list.prepend(item);
    while (this.list.children.length > 20) this.list.lastElementChild?.remove();
    return new TimelineGroup(steps);
  }

  clear() {
    this.list.replaceChildren();
    this.emptyNote.hidden = false;
  }
}
