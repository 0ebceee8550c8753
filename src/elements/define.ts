// Registers every Payframe element (the ES module). Groups before fields: a field upgraded inside
// an already defined group finds it at once (and the group also adopts fields that connected
// earlier). The script tag registers the drop-in itself and leaves the split fields to
// payframe-fields.js (src/script-tag-split-fields.ts).
import './define-card-group.ts';
import './define-fields.ts';
import './define-checkout.ts';
