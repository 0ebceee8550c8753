// The demo merchant backend's errors: a stable code, a human message and an HTTP status, sent as
// `{ error: { code, message } }`. Node realm (merchant server); never carries card data or keys.
import Stripe from 'stripe';

export const API_ERRORS = {
  not_found: { status: 404, message: 'No such endpoint.' },
  method_not_allowed: { status: 405, message: 'This endpoint does not accept that method.' },
  unsupported_media_type: { status: 415, message: 'Send the request body as JSON (Content-Type: application/json).' },
  body_too_large: { status: 413, message: 'The request body is too large.' },
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  invalid_request: { status: 400, message: 'The request is not valid.' },
  forbidden_origin: { status: 403, message: 'Requests from another origin are refused.' },
  payment_intent_not_found: { status: 404, message: 'No payment intent with this id was created by this shop.' },
  setup_intent_not_found: { status: 404, message: 'No SetupIntent with this id was created by this shop.' },
  card_not_saved: { status: 409, message: 'This SetupIntent has not saved a card yet: confirm it first.' },
  gateway_rejected: { status: 400, message: 'The payment gateway refused the request.' },
  gateway_authentication_failed: { status: 502, message: 'The shop could not authenticate with the payment gateway: check STRIPE_SECRET_KEY.' },
  gateway_unavailable: { status: 502, message: 'The payment gateway could not be reached. Try again in a moment.' },
  internal_error: { status: 500, message: 'Something went wrong on the shop\'s server.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string = API_ERRORS[code].message,
  ) {
    super(message);
    this.status = API_ERRORS[code].status;
  }

  toJSON(): { error: { code: ApiErrorCode; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

/**
 * Turns whatever a gateway call threw into an ApiError. Stripe's own message is kept for requests
 * it refused (it names the parameter, never a secret); connection and key problems get ours.
 */
export function apiErrorFromGateway(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof Stripe.errors.StripeAuthenticationError || error instanceof Stripe.errors.StripePermissionError) return new ApiError('gateway_authentication_failed');
  if (error instanceof Stripe.errors.StripeInvalidRequestError) {
    if (error.statusCode === 404) return new ApiError('payment_intent_not_found');
    return new ApiError('gateway_rejected', error.message ? `The payment gateway refused the request: ${error.message}` : API_ERRORS.gateway_rejected.message);
  }
  if (error instanceof Stripe.errors.StripeError) return new ApiError('gateway_unavailable');
  return new ApiError('internal_error');
}
