// Stripe's list object ({object: 'list', data, has_more, url}) and its params: `limit`, the
// `starting_after` / `ending_before` cursors (object ids) and a `created` range, newest first.
import { optionalObject, optionalString, type FormParams } from './form-body.ts';
import { invalidParam, resourceMissing } from './stripe-error.ts';

export const LIST_PARAMS = ['limit', 'starting_after', 'ending_before', 'created'] as const;

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 100;
const RANGE_BOUNDS = ['gt', 'gte', 'lt', 'lte'] as const;
type RangeBound = (typeof RANGE_BOUNDS)[number];

export interface ListQuery {
  limit: number;
  startingAfter: string | undefined;
  endingBefore: string | undefined;
  created: Partial<Record<RangeBound, number>>;
}

export interface StripeList<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/** One listable object with what ordering and filtering need. */
export interface ListEntry<T> {
  id: string;
  sequence: number;
  created: number;
  object: T;
}

export interface ListedResource {
  /** The list's path, e.g. /v1/refunds. */
  url: string;
  /** Stripe's name in "No such ..." errors, e.g. payment_intent. */
  objectName: string;
  idPattern: RegExp;
}

function timestamp(value: unknown, param: string): number {
  if (typeof value !== 'string' || !/^\d{1,12}$/.test(value)) throw invalidParam(param, `Invalid timestamp: ${param} must be a Unix time in seconds.`);
  return Number(value);
}

function parseCreated(value: unknown): ListQuery['created'] {
  if (value === undefined || value === '') return {};
  if (typeof value === 'string') {
    const exact = timestamp(value, 'created');
    return { gte: exact, lte: exact };
  }
  const range = optionalObject(value, 'created') ?? {};
  const parsed: ListQuery['created'] = {};
  for (const [bound, boundValue] of Object.entries(range)) {
    if (!(RANGE_BOUNDS as readonly string[]).includes(bound)) throw invalidParam('created', 'Invalid created: the range keys are gt, gte, lt and lte.');
    parsed[bound as RangeBound] = timestamp(boundValue, `created[${bound}]`);
  }
  return parsed;
}

export function parseListQuery(params: FormParams): ListQuery {
  const rawLimit = optionalString(params.limit, 'limit');
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== undefined && rawLimit !== '') {
    limit = /^\d{1,3}$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) throw invalidParam('limit', `Invalid limit: must be an integer from 1 to ${MAX_LIMIT}.`);
  }
  const startingAfter = optionalString(params.starting_after, 'starting_after') || undefined;
  const endingBefore = optionalString(params.ending_before, 'ending_before') || undefined;
  if (startingAfter !== undefined && endingBefore !== undefined) {
    throw invalidParam('ending_before', 'You may only specify one of these parameters: starting_after, ending_before.');
  }
  return { limit, startingAfter, endingBefore, created: parseCreated(params.created) };
}

function inCreatedRange(created: number, range: ListQuery['created']): boolean {
  return (
    (range.gt === undefined || created > range.gt) &&
    (range.gte === undefined || created >= range.gte) &&
    (range.lt === undefined || created < range.lt) &&
    (range.lte === undefined || created <= range.lte)
  );
}

/**
 * A page of `newestFirst` (already filtered by the caller's own params). Cursors compare by
 * creation order, so a cursor outside the `created` range still pages correctly.
 */
export function listObject<T>(resource: ListedResource, newestFirst: readonly ListEntry<T>[], query: ListQuery): StripeList<T> {
  const cursorSequence = (id: string, param: string): number => {
    const entry = newestFirst.find((candidate) => candidate.id === id);
    if (entry === undefined) throw resourceMissing(resource.objectName, id, resource.idPattern, param);
    return entry.sequence;
  };
  const matching = newestFirst.filter((entry) => inCreatedRange(entry.created, query.created));
  let page: ListEntry<T>[];
  let hasMore: boolean;
  if (query.endingBefore !== undefined) {
    const cursor = cursorSequence(query.endingBefore, 'ending_before');
    const newer = matching.filter((entry) => entry.sequence > cursor);
    // The `limit` objects just before the cursor, still newest first.
    page = newer.slice(Math.max(0, newer.length - query.limit));
    hasMore = newer.length > query.limit;
  } else {
    const cursor = query.startingAfter === undefined ? Infinity : cursorSequence(query.startingAfter, 'starting_after');
    const older = matching.filter((entry) => entry.sequence < cursor);
    page = older.slice(0, query.limit);
    hasMore = older.length > query.limit;
  }
  return { object: 'list', data: page.map((entry) => entry.object), has_more: hasMore, url: resource.url };
}
