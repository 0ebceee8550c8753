// The drop-in's card frame: number, expiry and CVC in one document on the fields origin. It wires
// each input (card-input.ts, as in the split fields' frames), moves focus between them itself, so
// no key typed right after a completed input lands in the wrong one, tells the merchant page each
// input's state and its own height, and answers the page's tokenize, confirm and intent-status
// requests with the payment steps the controller uses (card-payments.ts, a file it fetches once it
// is ready), reading the card from its own inputs: no controller frame, no fields channel. It never sends a card value to the
// merchant page, and uses only the publishable key its page was served for. With a saved card
// (`pm` in its parameters) a chunk of its own (saved-card.ts) shows that card and the CVC alone, and pays.
import './card-frame.css';
import { CARD_BRAND_NAMES, type CardBrand } from '../src/shared/card-brands.ts';
import { ENGLISH_FIELD_TEXTS, type FieldTexts, type Locale } from '../src/i18n/messages.ts';
import { FIELD_KINDS, MAX_CARD_FRAME_HEIGHT } from '../src/shared/protocol-constants.ts';
import type { BillingField, CardFrameCommand, CardFrameEvent, FieldKind } from '../src/shared/protocol.ts';
import type { BankPanels } from './bank-panels.ts';
import type { BillingInputs } from './billing-inputs.ts';
import billingChunk from 'virtual:payframe-lazy/billing';
import binChunk from 'virtual:payframe-lazy/bin';
import savedCardChunk from 'virtual:payframe-lazy/saved-card';
import bankChunk from 'virtual:payframe-bank-chunk';
import explanationsChunk from 'virtual:payframe-lazy/style-explanations';
import { parseCardFrameCommand } from '../src/shared/wire-schemas.generated.ts';
import paymentsChunk from 'virtual:payframe-payments-chunk';
import { frameErrorMessage } from '../src/shared/errors.ts';
import { brandRulesFor } from './fields/card-brand.ts';
import { readGatewayUrl } from './gateway-config.ts';
import type { SavedCard } from './saved-card.ts';
import { wireCardInput, type CardInput } from './card-input.ts';
import { createFieldStyleSheet } from './field-style-sheet.ts';
import { FIELD_BEHAVIOURS } from './fields/field-behaviours.ts';
import { applyFrameStyle, styleRejectionReports } from './frame-style.ts';
import { readFrameParams, type BoundFrameParams } from './frame-params.ts';
import { openHostLink, type HostLink } from './host-link.ts';
import { createLocaleSwitch } from './locale-switch.ts';
import { loadMessages, sendPageMessages } from './locale-messages.ts';
import { createNetworkChoice } from './network-choice.ts';
import type { NetworkSettings } from './networks/network-chooser.ts';

/** The payment steps' chunk, and the requests they answer. */
type PaymentSteps = typeof import('./card-frame-payments.ts');
type GatewayCommand = Parameters<ReturnType<PaymentSteps['createCardPayments']>>[0];
type PaymentCommand = GatewayCommand | Extract<CardFrameCommand, { type: 'localize' }>;

/**
 * Wires the frame, then says hello: with `ready` when its URL's options left it laid out already. The
 * page's port comes after the hello; the page's first commands (its configure first) wait for it.
 */
function startCardFrame(): void {
  const params = readFrameParams(['card']);
  if (!params) return;
  let pageConfigured: () => void;
  const configuredByPage = new Promise<void>((resolve) => (pageConfigured = resolve));
  const host = openHostLink<CardFrameCommand, CardFrameEvent>(params, parseCardFrameCommand, (command) => {
    handleCommand(command);
    pageConfigured();
  });
  const { handleCommand, laidOut } = wireCardFrame(params, host, configuredByPage);
  host.sayHello(laidOut || undefined);
}

/** The URL's first options, as a configure command: parsed like the page's own, or none. */
function firstConfigure(options: string | undefined): CardFrameCommand | undefined {
  try {
    return parseCardFrameCommand({ type: 'configure', options: JSON.parse(options ?? 'null') });
  } catch {
    return undefined;
  }
}

/**
 * Wires the inputs and the payment steps, laid out in the URL's first options. Answers the handler of
 * the page's commands, and whether the frame is laid out already; if not (opt-in inputs in chunks of
 * their own, another locale's texts), it says `ready` once they are in and the page has configured it.
 */
function wireCardFrame(
  params: BoundFrameParams,
  host: HostLink<CardFrameEvent>,
  configuredByPage: Promise<void>,
): { handleCommand: (command: CardFrameCommand) => void; laidOut: boolean } {
  const { key } = params;
  const merchantStyle = createFieldStyleSheet(document);
  let brand: CardBrand = 'unknown';

  /** What an opt-in chunk's promise holds when the checkout did not ask for it. */
  const notAsked = Promise.resolve(undefined);

  // The billing inputs, when the checkout asked for them: their own chunk, laid out before `ready`.
  const billingFields = params.billing;
  const billing: Promise<BillingInputs | undefined> = billingFields
    ? (import(/* @vite-ignore */ billingChunk) as Promise<typeof import('./billing-inputs.ts')>).then(({ mountBillingInputs }) =>
        mountBillingInputs(element('card'), billingFields, {
          onState: (field, state) => host.send({ type: 'change', field, state }),
          onFocus: (field) => host.send({ type: 'focus', field }),
          onBlur: (field) => host.send({ type: 'blur', field }),
          onSubmit: () => host.send({ type: 'submit' }),
          onEscape: (field) => host.send({ type: 'escape', field }),
          loadMessages,
        }),
      )
    : notAsked;

  // The BIN report, when the merchant asked for it (its own chunk: a table of BINs).
  const reportBin: Promise<((digits: string) => void) | undefined> = params.bin
    ? (import(/* @vite-ignore */ binChunk) as Promise<typeof import('./bin/bin-reporter.ts')>).then(({ createBinReporter }) => createBinReporter((event) => host.send(event)))
    : notAsked;

  // The payment steps: a chunk of their own (card-frame-payments.ts), fetched once the frame is ready
  // (or with a saved card's chunk, which calls the gateway as it mounts). A failed fetch is tried again
  // by the next request.
  let paymentSteps: Promise<PaymentSteps> | undefined;
  let failedFetches = 0;
  // A browser keeps a module's failed fetch for the page's life: a new try asks for a new URL.
  const loadPaymentSteps = () =>
    (paymentSteps ??= (import(/* @vite-ignore */ failedFetches ? `${paymentsChunk}?try=${failedFetches}` : paymentsChunk) as Promise<PaymentSteps>).catch((error: unknown) => {
      failedFetches++;
      paymentSteps = undefined;
      throw error;
    }));
  // One set of steps for the frame's life (they hold the idempotency keys), made once the chunk is in.
  let payments: ((command: GatewayCommand) => void) | undefined;
  const loadPayments = () =>
    loadPaymentSteps().then(({ createCardPayments }) =>
      (payments ??= createCardPayments(
        key,
        { behaviours: FIELD_BEHAVIOURS, brandRulesFor },
        async (fields) => ({ ...Object.fromEntries(fields.map((field) => [field, inputs[field].canonical()])), network: await networks.chosen(inputs.number.canonical()) }),
        (event) => host.send(event),
        async () => (await billing)?.read(),
      )),
    );
  /** A request the payment steps answer; when their chunk cannot be fetched, a network error. */
  const pay = (command: PaymentCommand) => {
    if (command.type === 'localize') return sendPageMessages(command.locale, (event) => host.send(event));
    loadPayments().then(
      (answer) => answer(command),
      () => host.send({ type: `${command.type}-result`, requestId: command.requestId, result: { error: { code: 'network_error', message: frameErrorMessage('network_error') } } }),
    );
  };

  // A saved card (`payment-method`): its own chunk shows it with the CVC input alone, and pays with it.
  const savedCardId = params.pm;
  const shownFields: readonly FieldKind[] = savedCardId === undefined ? FIELD_KINDS : ['cvc'];
  const gatewayUrl = readGatewayUrl() ?? '';
  const savedCard: Promise<SavedCard | undefined> =
    savedCardId === undefined
      ? notAsked
      : Promise.all([import(/* @vite-ignore */ savedCardChunk) as Promise<typeof import('./saved-card.ts')>, loadPaymentSteps()]).then(([{ mountSavedCard }, { requestWithRetries, readConfirmAnswer, readChallengeOrigins }]) =>
          mountSavedCard({
            paymentMethod: savedCardId,
            key: params.key,
            gatewayUrl,
            requestWithRetries,
            readConfirmAnswer,
            challengeOrigins: readChallengeOrigins(gatewayUrl),
            cvc: inputs.cvc,
            brandNames: CARD_BRAND_NAMES,
            setBrand: (name) => (brand = name as CardBrand),
            loadMessages,
            send: (event) => host.send(event),
          }),
        );
  // The bank debits, when the first options enable one: a build of their own (mode `bank` in
  // vite.config.ts), laid out before `ready`.
  let bank: Promise<BankPanels | undefined> = notAsked;
  /** Another locale's texts, while the first options' are loading. */
  let localized: Promise<void> = notAsked;

  const element = (id: string) => document.getElementById(id)!;
  // A co-badged number's networks and the chooser, in the number's box beside its icon.
  const networkSettings: NetworkSettings = { locale: 'en' };
  const networks = createNetworkChoice(element('number').parentElement!, () => inputs.number.publish(), networkSettings);

  const inputs = Object.fromEntries(
    FIELD_KINDS.map((field, index) => {
      const wired = wireCardInput({
        kind: field,
        behaviour: FIELD_BEHAVIOURS[field],
        elements: {
          input: element(field) as HTMLInputElement,
          label: element(`${field}-label`),
          hint: element(`${field}-hint`),
          errorText: element(`${field}-error`),
          stateHolder: element(`${field}-field`),
        },
        brand: () => brand,
        extraState: field === 'number' ? networks.follow : undefined,
        onState: (state) => host.send({ type: 'change', field, state }),
        onBrand(detected) {
          if (field !== 'number') return;
          brand = detected;
          inputs.cvc.publish();
        },
        // In the same document: the next key goes to the next input, whatever the timing.
        onAdvance: () => {
          const next = FIELD_KINDS[index + 1];
          if (next) inputs[next].focusAtEnd();
          else void billing.then((inputs) => inputs?.focus());
        },
        onSubmit: () => host.send({ type: 'submit' }),
        onEscape: () => host.send({ type: 'escape', field }),
      });
      wired.input.addEventListener('focus', () => host.send({ type: 'focus', field }));
      wired.input.addEventListener('blur', () => host.send({ type: 'blur', field }));
      return [field, wired];
    }),
  ) as Record<FieldKind, CardInput>;

  // After the input's own handlers (registered first): its value is the formatted one by then. A
  // deletion across a separator is applied in beforeinput, with no input event after it.
  for (const type of ['input', 'beforeinput']) inputs.number.input.addEventListener(type, () => void reportBin.then((report) => report?.(inputs.number.canonical())));

  const showTexts = (messages: FieldTexts, locale?: Locale) => {
    // Before the texts: the number's new state carries the chooser's label in this locale.
    if (locale) networkSettings.locale = locale;
    for (const field of FIELD_KINDS) inputs[field].setTexts(messages);
    if (locale) void billing.then((inputs) => inputs?.setLocale(locale));
    if (locale) void savedCard.then((card) => card?.setLocale(locale));
  };
  showTexts(ENGLISH_FIELD_TEXTS);
  const locale = createLocaleSwitch(ENGLISH_FIELD_TEXTS as FieldTexts, showTexts);

  element('card').addEventListener('submit', (event) => event.preventDefault());

  // The element on the page grows with this document (an error line wrapping to two lines).
  let lastHeight = -1;
  new ResizeObserver(() => {
    const height = Math.min(MAX_CARD_FRAME_HEIGHT, Math.ceil(document.documentElement.getBoundingClientRect().height));
    if (height === lastHeight) return;
    lastHeight = height;
    host.send({ type: 'height', height });
  }).observe(document.body);

  function handleCommand(command: CardFrameCommand): void {
    switch (command.type) {
      case 'configure': {
        const { style, locale: wanted, defaults, clientSecret, paymentMethods } = command.options;
        if (paymentMethods?.some((type) => type !== 'card') && bank === notAsked)
          bank = (import(/* @vite-ignore */ bankChunk) as Promise<typeof import('./bank-panels.ts')>).then(({ mountBankPanels }) =>
            mountBankPanels(element('card'), paymentMethods, key, (event) => host.send(event)),
          ).catch(() => undefined); // A chunk that fails to load leaves the card (and `ready`) working.
        if (wanted !== undefined) localized = locale.switchTo(wanted) ?? localized;
        if (clientSecret) void savedCard.then((card) => card?.show(clientSecret));
        if (defaults) {
          void billing.then((inputs) => inputs?.prefill(defaults));
          networkSettings.preferred = defaults.network;
          inputs.number.publish();
        }
        // The values and caret are untouched: restyling never loses what was typed.
        // What a refusal should have been is a chunk of its own: most merchants' styles never need it.
        if (style !== undefined)
          applyFrameStyle(merchantStyle, style, (layer, rejections) =>
            void (import(/* @vite-ignore */ explanationsChunk) as Promise<typeof import('../src/shared/style-explanations.ts')>).then(({ explainStyleRejection }) =>
              host.send({ type: 'style-rejected', layer, rejections: styleRejectionReports(rejections, explainStyleRejection) }),
            ),
          );
        break;
      }
      case 'focus': {
        const field = command.field ?? shownFields[0]!;
        if (field in inputs) inputs[field as FieldKind].focusAtEnd();
        else void billing.then((inputs) => inputs?.focus(field as BillingField));
        break;
      }
      case 'reveal-errors':
        for (const field of shownFields) inputs[field].revealErrors();
        void billing.then((inputs) => inputs?.revealErrors());
        break;
      case 'clear':
        for (const field of FIELD_KINDS) inputs[field].clear();
        void billing.then((inputs) => inputs?.clear());
        break;
      default:
        // A saved card pays with its own steps; while a bank debit is chosen, its panel pays (bank-panels.ts); else the card's steps.
        if (savedCardId !== undefined && (command.type === 'confirm' || command.type === 'tokenize')) void savedCard.then((card) => card!.answer(command));
        else void bank.then((panels) => panels?.pay(command) || pay(command));
    }
    // The bank debits follow the checkout's locale, business name and clear (bank-panels.ts).
    void bank.then((panels) => panels?.follow(command));
  }

  const first = firstConfigure(params.options);
  if (first) handleCommand(first);
  // The page's own texts in the first locale, for it to show (it asks for those of a later one).
  const firstLocale = first?.type === 'configure' && first.options.locale;
  if (firstLocale && firstLocale !== 'en') sendPageMessages(firstLocale, (event) => host.send(event));
  // Without first options the frame waits for the page's configure, as a frame from before they existed.
  const pending = [billing, savedCard, bank, localized].filter((piece) => piece !== notAsked);
  const laidOut = !!first && !pending.length;
  const ready = laidOut ? notAsked : Promise.all([...pending, configuredByPage]).then(() => host.send({ type: 'ready' }));
  // The payment steps once ready, after the document's own load: its first load is the document alone.
  const loaded = new Promise((resolve) => addEventListener('load', resolve, { once: true }));
  void Promise.all([ready, loaded]).then(() => loadPayments().catch(() => undefined));
  return { handleCommand, laidOut };
}

startCardFrame();
