// A co-badged card's network, for the number input of the drop-in's card frame and of the split
// number frame: the range table (src/shared/card-ranges.ts) says whether the typed number can go on
// several networks; the chooser and the choice are a chunk of their own
// (networks/network-chooser.ts), loaded only then, so the frames of the many checkouts that never
// see a co-badged card carry none of it. The page learns the networks and the choice: not card data.
import { CARD_BRAND_NAMES, type CardBrand } from '../src/shared/card-brands.ts';
import { cobadgedNetworksOf } from '../src/shared/card-ranges.ts';
import type { FieldState } from '../src/shared/protocol.ts';
import networksChunk from 'virtual:payframe-lazy/networks';
import type { NetworkChooser, NetworkSettings } from './networks/network-chooser.ts';
import { loadMessages } from './locale-messages.ts';

export interface NetworkChoice {
  /** Follows the number's digits; what the number's state adds (nothing until the chooser has loaded, which then republishes). */
  follow(digits: string): Pick<FieldState, 'networks'>;
  /** The network chosen for the gateway's `card[networks][preferred]`; undefined for a card of one network. */
  chosen(digits: string): Promise<CardBrand | undefined>;
}

/**
 * `container` holds the number input and its icon; `onChange` publishes the number's state again,
 * which the frame also does after changing `settings` (the chooser reads them as it follows).
 */
export function createNetworkChoice(container: HTMLElement, onChange: () => void, settings: NetworkSettings): NetworkChoice {
  let chooser: NetworkChooser | undefined;
  let loading: Promise<NetworkChooser> | undefined;
  const load = () =>
    (loading ??= (import(/* @vite-ignore */ networksChunk) as Promise<typeof import('./networks/network-chooser.ts')>).then(({ mountNetworkChooser }) => {
      chooser = mountNetworkChooser(container, { onChange, settings, names: CARD_BRAND_NAMES, loadMessages });
      onChange();
      return chooser;
    }));

  return {
    follow(digits) {
      const networks = cobadgedNetworksOf(digits);
      if (networks) void load();
      return chooser?.follow(networks) ?? {};
    },
    async chosen(digits) {
      const networks = cobadgedNetworksOf(digits);
      return networks && (await load()).chosen(networks);
    },
  };
}
