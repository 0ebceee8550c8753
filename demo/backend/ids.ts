// Random identifiers for the backend's own records (orders, sessions), from the platform CSPRNG.
import { randomBytes } from 'node:crypto';

export function newOrderId(): string {
  return `ord_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newShopperId(): string {
  return `shp_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}
