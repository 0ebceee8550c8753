// Entry of dist/payframe-fields.js: the split fields (<payframe-card-group>, <payframe-card-number>,
// -expiry and -cvc) as a module file of their own, which the script-tag build loads only when a
// page holds them (script-tag-split-fields.ts). It takes the code it shares with the drop-in from that
// payframe.js (split-fields-kit.ts); Lit it bundles (the split fields are Lit elements, the drop-in is not).
// Groups before fields: see elements/define.ts.
import './elements/define-card-group.ts';
import './elements/define-fields.ts';
