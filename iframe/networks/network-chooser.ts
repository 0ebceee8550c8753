// A co-badged card's network chooser (EU Interchange Fee Regulation, art. 8: the shopper may
// choose): which network is chosen (the shopper's pick, else the first of the merchant's preferred
// networks the card has, else its brand) and the native select the shopper picks with, laid over
// the number input's brand icon beside a chevron. The icon shows the chosen network (card-input.ts
// draws it); a pointer, the keyboard (arrows, letters) or a screen reader, which reads "Card
// network, Cartes Bancaires", picks another. A chunk of its own, loaded only once a co-badged
// number is typed (network-choice.ts). Fields origin.
import { ENGLISH_NETWORK_TEXTS, type NetworkTexts } from '../../src/i18n/network-messages.ts';
import type { Locale } from '../../src/i18n/messages.ts';
import type { CardBrand } from '../../src/shared/card-brands.ts';
import type { FieldState } from '../../src/shared/protocol.ts';
import type { loadMessages } from '../locale-messages.ts';

/** What the frame knows and may change: read at each `follow`. */
export interface NetworkSettings {
  /** The merchant's `preferred-network`: networks, space-separated, most preferred first. */
  preferred?: string | undefined;
  locale: Locale;
}

export interface NetworkChooserOptions {
  /** The choice changed: the number's state is to be published again. */
  onChange(): void;
  settings: NetworkSettings;
  /** The brands' names and the frame's locale loader, passed in: this chunk imports nothing from the frame's script. */
  names: Readonly<Record<CardBrand, string>>;
  loadMessages: typeof loadMessages;
}

export interface NetworkChooser {
  /** Follows the number: its networks when co-badged, else undefined; what its state adds. */
  follow(networks: readonly CardBrand[] | undefined): Pick<FieldState, 'networks'>;
  /** The network chosen for these networks. */
  chosen(networks: readonly CardBrand[]): CardBrand;
}

// The select is transparent over the icon and the chevron; a keyboard focus outlines the icon.
// Adopted, so the frame's CSP needs no inline style for it.
const STYLES = `.cobadged::after{content:"";position:absolute;top:50%;inset-inline-end:10px;margin-top:-2px;border:5px solid transparent;border-bottom:0;border-top-color:currentColor;pointer-events:none}.cobadged>i{margin-inline-end:14px}#network{position:absolute;top:0;inset-inline-end:0;width:64px;height:100%;margin:0;padding:0;border:0;opacity:0;cursor:pointer;font-size:16px}.cobadged:has(#network:focus-visible)>i{outline:2px solid var(--payframe-color-primary,#0570de);outline-offset:2px}`;

/** Mounts the (hidden) chooser in `container`, which holds the number input and its icon. */
export function mountNetworkChooser(container: HTMLElement, options: NetworkChooserOptions): NetworkChooser {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLES);
  // First, so the merchant's style sheet (adopted at start) still comes after and wins.
  document.adoptedStyleSheets = [sheet, ...document.adoptedStyleSheets];
  const select = document.createElement('select');
  select.id = 'network';
  select.hidden = true;
  container.append(select);

  /** The shopper's pick, kept while the number stays co-badged. */
  let picked: CardBrand | undefined;
  let locale: Locale | undefined;

  select.addEventListener('change', () => {
    picked = select.value as CardBrand;
    options.onChange();
  });

  const chooser: NetworkChooser = {
    follow(networks) {
      const wanted = options.settings.locale;
      if (wanted !== locale) {
        locale = wanted;
        void options.loadMessages(wanted, ENGLISH_NETWORK_TEXTS as NetworkTexts).then((texts) => {
          if (locale === wanted) select.ariaLabel = texts.networkLabel;
        });
      }
      const shown = !!networks;
      select.hidden = !shown;
      container.classList.toggle('cobadged', shown);
      // Room for the chevron; set through the CSSOM, which the frame's CSP allows.
      container.style.paddingInlineEnd = shown ? '64px' : '';
      if (!networks) {
        picked = undefined;
        return {};
      }
      if ([...select.options].map((option) => option.value).join() !== networks.join()) {
        select.replaceChildren(...networks.map((network) => new Option(options.names[network], network)));
      }
      const chosen = chooser.chosen(networks);
      select.value = chosen;
      return { networks: { available: [...networks], preferred: chosen } };
    },
    chosen(networks) {
      if (picked && networks.includes(picked)) return picked;
      const preferred = (options.settings.preferred ?? '').trim().split(/\s+/);
      return (preferred.find((wanted) => networks.includes(wanted as CardBrand)) as CardBrand | undefined) ?? networks[0]!;
    },
  };
  select.ariaLabel = ENGLISH_NETWORK_TEXTS.networkLabel;
  return chooser;
}
