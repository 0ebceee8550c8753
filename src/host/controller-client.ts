// Requests to the frame that tokenizes and confirms (today the split fields' hidden controller,
// with issue 13 also the drop-in's card frame), each answered by its request id or a typed
// timeout. Runs on the merchant page: only tokens, intent statuses and errors come back.
import type { ConfirmResult, ControllerCommand, ControllerEvent, PaymentResult, TokenizeResult } from '../shared/protocol.ts';
import { randomId } from '../shared/random-id.ts';
import { checkoutError } from './checkout-error.ts';

/** Above the controller's own 25 s retry deadline, so its typed error always comes first. */
const ANSWER_TIMEOUT_MS = 60_000;

type Request = Extract<ControllerCommand, { requestId: string }>;
/** What each request is answered with: its `<type>-result` event carries it. */
interface Answers {
  tokenize: TokenizeResult;
  confirm: ConfirmResult;
  'intent-status': PaymentResult;
}
export type ControllerAnswer = Extract<ControllerEvent, { requestId: string }>;

export class ControllerClient {
  /** The frame said it is ready: it answers requests. */
  ready = false;
  readonly #link: { send(command: Request): void };
  /** Requests sent, by request id: the answer type they wait for and how to settle. */
  readonly #waiting = new Map<string, { answerType: ControllerAnswer['type']; settle(result: unknown): void }>();

  /** Requests go over `link`: the frame's own, to it alone. */
  constructor(link: { send(command: Request): void }) {
    this.#link = link;
  }

  /** Sends a request and waits for its answer (or a typed timeout). Never rejects. */
  ask<Type extends Request['type']>(type: Type, request: Omit<Extract<Request, { type: Type }>, 'type' | 'requestId'>): Promise<Answers[Type]> {
    const requestId = randomId(24);
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle({ error: checkoutError('timeout') }), ANSWER_TIMEOUT_MS);
      const settle = (result: unknown) => {
        clearTimeout(timer);
        this.#waiting.delete(requestId);
        // Sound: the frame's answer of this type was parsed with its schema; the rest are errors.
        resolve(result as Answers[Type]);
      };
      this.#waiting.set(requestId, { answerType: `${type}-result`, settle });
      this.#link.send({ type, requestId, ...request } as Extract<Request, { type: Type }>);
    });
  }

  /** An answer settles the request with its id, when that request waits for an answer of its type. */
  answer(event: ControllerAnswer): void {
    const waiting = this.#waiting.get(event.requestId);
    if (waiting?.answerType === event.type) waiting.settle(event.result);
  }

  /** The frame is gone: every request still waiting gets `not_ready`. */
  close(): void {
    this.ready = false;
    for (const waiting of this.#waiting.values()) waiting.settle({ error: checkoutError('not_ready') });
  }
}
