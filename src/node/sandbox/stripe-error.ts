// Stripe's error object ({error: {type, code, message, param, decline_code}}) and the HTTP
// status that goes with it: stripe-node picks its error class from the status alone.
export type StripeErrorType = 'invalid_request_error' | 'card_error' | 'api_error' | 'idempotency_error';

export interface StripeErrorFields {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  /** The failed charge of a declined payment. */
  charge?: string;
  /** Card errors of a payment: the intent as it is after the attempt, and the payment method tried. */
  payment_intent?: unknown;
  payment_method?: unknown;
  /** Card errors of a setup: the SetupIntent as it is after the attempt. */
  setup_intent?: unknown;
}

// The order Stripe lists them in; absent fields are left out.
const OPTIONAL_FIELDS = ['charge', 'code', 'decline_code', 'doc_url', 'param', 'payment_intent', 'payment_method', 'setup_intent'] as const;

export interface StripeErrorBody {
  error: StripeErrorFields;
}

/** Thrown anywhere in request handling; the server turns it into a JSON error response. */
export class StripeApiError extends Error {
  readonly status: number;
  readonly fields: StripeErrorFields;

  constructor(status: number, fields: StripeErrorFields) {
    super(fields.message);
    this.name = 'StripeApiError';
    this.status = status;
    this.fields = fields;
  }

  toBody(): StripeErrorBody {
    // Leave absent fields out rather than sending `undefined`/null keys.
    const error: StripeErrorFields = { type: this.fields.type, message: this.fields.message };
    for (const field of OPTIONAL_FIELDS) {
      if (this.fields[field] !== undefined) (error as unknown as Record<string, unknown>)[field] = this.fields[field];
    }
    return { error };
  }
}

export function missingParam(param: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    code: 'parameter_missing',
    param,
    message: `Missing required param: ${param}.`,
  });
}

/** A param of the wrong shape or value. The message names the param, never its value. */
export function invalidParam(param: string, message: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    code: 'parameter_invalid_string',
    param,
    message,
  });
}

/** 402 card_error, as Stripe answers for card details that cannot be a real card. */
export function cardError(code: string, param: string, message: string): StripeApiError {
  return new StripeApiError(402, { type: 'card_error', code, param, message });
}

/** Stripe's 404 for an id it does not know. The id is echoed only when it has the shape of one of ours. */
export function resourceMissing(objectName: string, id: string, idPattern: RegExp, param = 'id'): StripeApiError {
  const shown = idPattern.test(id) ? `: '${id}'` : '';
  return new StripeApiError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${objectName}${shown}` });
}

/** 400 for an action the object's current status does not allow (confirm a succeeded intent, capture twice...). */
export function unexpectedState(message: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message });
}

export function internalError(): StripeApiError {
  return new StripeApiError(500, {
    type: 'api_error',
    message: 'An unexpected error occurred in the sandbox gateway. Please try again.',
  });
}
