// Where the card fields are hosted. The script-tag build sets the default to the origin it was
// served from; ESM users pass `fields-origin` or call `configurePayframe`. Merchant realm.
let defaultFieldsOrigin: string | undefined;

export function setDefaultFieldsOrigin(origin: string | undefined): void {
  defaultFieldsOrigin = normalizeOrigin(origin);
}

export function resolveFieldsOrigin(attribute: string | null | undefined): string | undefined {
  return normalizeOrigin(attribute) ?? defaultFieldsOrigin;
}

function normalizeOrigin(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}
