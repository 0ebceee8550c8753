// The backend API's typed errors: a stable code and a human message, as JSON.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** What went wrong underneath, for the log only. */
    override readonly cause?: unknown,
    /** Response headers that go with the error (Retry-After, Allow). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toBody(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export const notFound = (what: string) => new ApiError(404, 'not_found', `No such ${what}.`);
