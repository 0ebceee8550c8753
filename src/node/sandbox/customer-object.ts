// The Customer object in Stripe's shape: who saved cards belong to. The sandbox keeps what the
// API was given (email, name, phone, description, metadata, the default payment method) and says
// null or Stripe's default for what it has no feature for (balances, invoices, tax).
export interface CustomerAddress {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
}

export interface Customer {
  id: string;
  object: 'customer';
  address: CustomerAddress | null;
  balance: number;
  created: number;
  currency: null;
  default_source: null;
  delinquent: boolean;
  description: string | null;
  discount: null;
  email: string | null;
  invoice_prefix: string;
  invoice_settings: { custom_fields: null; default_payment_method: string | null; footer: null; rendering_options: null };
  livemode: false;
  metadata: Record<string, string>;
  name: string | null;
  next_invoice_sequence: number;
  phone: string | null;
  preferred_locales: string[];
  shipping: null;
  tax_exempt: 'none';
  test_clock: null;
}

/** What Stripe answers for a deleted customer: on the DELETE, and on any later retrieve. */
export interface DeletedCustomer {
  id: string;
  object: 'customer';
  deleted: true;
}

export const CUSTOMER_ID = /^cus_[A-Za-z0-9]{1,64}$/;
