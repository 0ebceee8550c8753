// The demo page's theme and language switchers: they set the `theme` and `locale` attributes of
// both checkouts (the drop-in and the split fields), which apply at once and keep what was typed.
const ELEMENTS = ['#checkout', '#split'];

/** @param {HTMLSelectElement} select @param {string} attribute */
function mirror(select, attribute) {
  select.addEventListener('change', () => {
    for (const selector of ELEMENTS) {
      const element = document.querySelector(selector);
      if (!element) continue;
      if (select.value) element.setAttribute(attribute, select.value);
      else element.removeAttribute(attribute);
    }
  });
}

export function startLookSwitchers() {
  mirror(/** @type {HTMLSelectElement} */ (document.getElementById('theme')), 'theme');
  mirror(/** @type {HTMLSelectElement} */ (document.getElementById('locale')), 'locale');
}
