// Stripe's error object ({error: {type, code, message, param, decline_code}}) and the HTTP
// status that goes with it: stripe-node picks its error class from the status alone.
export type StripeErrorType = 'invalid_request_error' | 'card_error' | 'api_error' | 'idempotency_error';

export interface StripeErrorFields {
  type: StripeErrorType;
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
}

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
    if (this.fields.code !== undefined) error.code = this.fields.code;
    if (this.fields.param !== undefined) error.param = this.fields.param;
    if (this.fields.decline_code !== undefined) error.decline_code = this.fields.decline_code;
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

export function internalError(): StripeApiError {
  return new StripeApiError(500, {
    type: 'api_error',
    message: 'An unexpected error occurred in the sandbox gateway. Please try again.',
  });
}
